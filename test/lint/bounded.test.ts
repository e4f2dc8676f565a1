// Lint's example check is bounded on any spec: each case here made `specgate lint` run for ever before
// (validate, diff and generate took under 0.25 s on the same files). The CLI runs with a generous kill
// timeout; each case must end with its exact diagnostic and exit code.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { cli, tempFiles } from '../helpers.js';

const KILL_AFTER_MS = 30_000;

/** An OpenAPI document whose one response example is checked against `schema` (YAML, indented for its place). */
function doc(schema: string, example: string, components = ''): string {
  return `openapi: 3.0.3
info: { title: t, version: 1.0.0 }
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: ${schema}
              example: ${example}
${components && `components:\n  schemas:\n${components}`}`;
}

interface Found {
  rule: string;
  severity: string;
  at: string;
  message: string;
}

/** Lint the files in one run; the example rules' findings of each file, and the exit code. */
function lintExamples(files: Record<string, string>): { status: number; found: Record<string, Found[]>; stderr: string } {
  const { dir, cleanup } = tempFiles(files);
  try {
    const r = cli(['lint', ...Object.keys(files).map((f) => path.join(dir, f)), '--format', 'json'], { timeout: KILL_AFTER_MS });
    const found: Record<string, Found[]> = {};
    if (r.status === 0 || r.status === 1)
      for (const f of JSON.parse(r.stdout).files as { file: string; diagnostics: { rule: string; severity: string; message: string; range: { start: { line: number; column: number } } }[] }[])
        found[path.basename(f.file)] = f.diagnostics
          .filter((d) => d.rule.startsWith('example-'))
          .map((d) => ({ rule: d.rule, severity: d.severity, at: `${d.range.start.line}:${d.range.start.column}`, message: d.message }));
    return { status: r.status, found, stderr: r.stderr };
  } finally {
    cleanup();
  }
}

const SELF = doc("{ $ref: '#/components/schemas/A' }", '{ x: 1 }', "    A:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n        - $ref: '#/components/schemas/A'\n");

// Valid all the way down, so every branch is walked, and then refused by `not`, which is checked last.
let chain = '    S0: { type: object }\n';
for (let i = 1; i <= 40; i++) chain += `    S${i}:\n      allOf:\n        - $ref: '#/components/schemas/S${i - 1}'\n        - $ref: '#/components/schemas/S${i - 1}'\n`;
const CHAIN = doc("{ allOf: [$ref: '#/components/schemas/S40'], not: { required: [x] } }", '{ x: 1 }', chain);

const REDOS = doc("{ type: string, pattern: '^(a+)+$' }", `${'a'.repeat(40)}!`);

// No sharing to exploit: 1,000 branches for each of 2,500 items is work that must be done, and more than an example may take.
let branches = '';
for (let i = 0; i < 1000; i++) branches += `                    - { required: [k${i}] }\n`;
const WIDE = doc(
  `\n                type: array\n                items:\n                  anyOf:\n${branches}                    - {}`,
  `[${Array.from({ length: 2500 }, (_, i) => `{ x: ${i} }`).join(', ')}]`,
);

const NOT_CHECKED = 'example of `GET /a 200 application/json` was not checked against its schema';

test('a schema that refers to itself for the same value: no verdict, and says which schema', () => {
  const r = lintExamples({ 'self.yaml': SELF });
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.found['self.yaml'], [{ rule: 'example-checkable', severity: 'info', at: '12:15', message: `${NOT_CHECKED}: schema \`#/components/schemas/A\` refers back to itself for the same value` }]);
});

test('40 schemas each the allOf of the one before twice: the verdict, in linear work', () => {
  const r = lintExamples({ 'chain.yaml': CHAIN });
  assert.is(r.status, 1, r.stderr);
  assert.equal(r.found['chain.yaml'], [{ rule: 'example-valid', severity: 'error', at: '12:15', message: 'example of `GET /a 200 application/json` does not match its schema: must not match the schema of `not`' }]);
});

test('pattern ^(a+)+$ on 40 `a`s and `!`: the verdict, from RE2', () => {
  const r = lintExamples({ 'redos.yaml': REDOS });
  assert.is(r.status, 1, r.stderr);
  assert.equal(r.found['redos.yaml'], [{ rule: 'example-valid', severity: 'error', at: '12:15', message: 'example of `GET /a 200 application/json` does not match its schema: must match pattern `^(a+)+$`' }]);
});

test('an example that needs more work than the budget: too complex to check, located at the example', () => {
  const r = lintExamples({ 'wide.yaml': WIDE });
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.found['wide.yaml'], [{ rule: 'example-checkable', severity: 'info', at: '1016:15', message: `${NOT_CHECKED}: too complex to check (more than 2,000,000 steps)` }]);
});

test('in one run, every file is reported, the hard ones and a plain one', () => {
  const plain = doc('{ type: integer }', '"one"');
  const r = lintExamples({ 'self.yaml': SELF, 'redos.yaml': REDOS, 'plain.yaml': plain, 'chain.yaml': CHAIN });
  assert.is(r.status, 1, r.stderr);
  assert.equal(Object.keys(r.found).sort(), ['chain.yaml', 'plain.yaml', 'redos.yaml', 'self.yaml']);
  assert.equal(r.found['plain.yaml'].map((d) => d.message), ['example of `GET /a 200 application/json` does not match its schema: must be integer']);
  assert.equal(r.found['self.yaml'].map((d) => d.rule), ['example-checkable']);
});

test.run();
