// A check or rule that throws on a sound document is a bug: the file gets an `internal-error` at its root
// (one line, no stack), the other checks and rules still run, and the file does not pass (exit code 1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runLint } from '../../src/cli/lint.js';
import { runValidate } from '../../src/cli/validate.js';
import { lintFile } from '../../src/lint/engine.js';
import { lintRules } from '../../src/lint/rules/index.js';
import type { LintRule } from '../../src/lint/types.js';
import type { SemanticCheck } from '../../src/validate/checks/index.js';
import { semanticChecks, validateFile } from '../../src/validate/index.js';
import { tempFiles } from '../helpers.js';

const { dir, cleanup } = tempFiles({
  // Structurally valid; `path-parameters` (a check after the throwing one) finds the undeclared `id`.
  'params.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths:\n  /orders/{id}:\n    get:\n      responses:\n        "200":\n          description: ok\n',
  // Valid, with lint warnings only; a root-level `'*'` ignore must not hide a crash.
  'clean.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: ok\nx-specgate-ignore: "*"\n',
  'warns.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths:\n  /orders:\n    get:\n      responses:\n        "200":\n          description: ok\n',
});

const boom = (): never => {
  throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at somewhere (file.js:1:1)");
};
const throwingCheck: SemanticCheck = { id: 'test-boom', description: 'throws', formats: ['asyncapi', 'openapi'], severity: 'error', run: boom };
const throwingRule: LintRule = { id: 'test-boom-rule', description: 'throws', docs: '', formats: ['asyncapi', 'openapi'], severity: { minimal: 'warning', recommended: 'warning', strict: 'warning' }, run: boom };

/** Run `fn` with `item` first in `list` (the exported registry), then restore it. */
async function withFirst<T, R>(list: readonly T[], item: T, fn: () => Promise<R>): Promise<R> {
  (list as T[]).unshift(item);
  try {
    return await fn();
  } finally {
    (list as T[]).splice(list.indexOf(item), 1);
  }
}

async function quietly(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string, cb?: () => void) => (out.push(String(chunk)), cb?.(), true)) as typeof process.stdout.write;
  try {
    return { code: await fn(), out: out.join('') };
  } finally {
    process.stdout.write = o;
  }
}

const MESSAGE = (kind: string, id: string) =>
  `${kind} \`${id}\` failed: Cannot read properties of undefined (reading 'x'); its findings are missing (a bug in specgate, please report it)`;

test('validate: a throwing check is an internal-error at the root; later checks still run', async () => {
  const r = await withFirst(semanticChecks, throwingCheck, () => validateFile(`${dir}/params.yaml`));
  assert.is(r.valid, false);
  assert.equal(
    r.diagnostics.map((d) => [d.rule, d.severity, d.message, d.file, d.pointer, d.range?.start]),
    [
      ['internal-error', 'error', MESSAGE('check', 'test-boom'), `${dir}/params.yaml`, '', { line: 1, column: 1 }],
      ['path-parameters', 'error', '`GET /orders/{id}` does not declare path parameter `id`', `${dir}/params.yaml`, '/paths/~1orders~1{id}/get', { line: 7, column: 5 }],
    ],
  );
});

test('validate CLI: exit code 1 for a file with an internal-error', async () => {
  const r = await withFirst(semanticChecks, throwingCheck, () => quietly(() => runValidate([`${dir}/warns.yaml`], { format: 'json' })));
  assert.is(r.code, 1);
  assert.equal(JSON.parse(r.out).files[0].diagnostics.map((d: { rule: string }) => d.rule), ['internal-error']);
});

test('lint: a throwing rule is an internal-error naming it, not an aborted run; other rules still report', async () => {
  const r = await withFirst(lintRules, throwingRule, () => lintFile(`${dir}/warns.yaml`));
  assert.is(r.fatal, false);
  assert.is(r.report.valid, false);
  const ds = r.report.diagnostics;
  assert.equal(
    ds.filter((d) => d.rule === 'internal-error').map((d) => [d.severity, d.message, d.pointer, d.range?.start]),
    [['error', MESSAGE('rule', 'test-boom-rule'), '', { line: 1, column: 1 }]],
  );
  assert.ok(ds.some((d) => d.rule === 'servers-declared'), 'the other rules ran');
});

test('lint: an inline ignore does not hide an internal-error', async () => {
  const r = await withFirst(lintRules, throwingRule, () => lintFile(`${dir}/clean.yaml`));
  assert.equal(r.report.diagnostics.map((d) => d.rule), ['internal-error']);
});

test('lint CLI: exit code 1, and the next file is still reported', async () => {
  const r = await withFirst(lintRules, throwingRule, () => quietly(() => runLint([`${dir}/warns.yaml`, `${dir}/params.yaml`], { format: 'json', workers: 0 })));
  assert.is(r.code, 1);
  const files = JSON.parse(r.out).files as { diagnostics: { rule: string }[] }[];
  assert.is(files.length, 2);
  assert.ok(files[1].diagnostics.some((d) => d.rule === 'path-parameters'));
});

test.after(cleanup);
test.run();
