// `specgate lint` end to end through the library: exit codes, --fail-on, formats (SARIF checked against
// the SARIF 2.1.0 schema), --init, config errors, and the worker pool giving the same results as one thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv4 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { runInit, runLint, type LintRunOptions } from '../../src/cli/lint.js';
import { runRules } from '../../src/cli/rules.js';

const require = createRequire(import.meta.url);
const fixtures = path.relative(process.cwd(), path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures'));
const fx = (n: string) => path.join(fixtures, n);

async function capture(fn: () => Promise<number> | number): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string, cb?: () => void) => (out.push(String(chunk)), cb?.(), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await fn();
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

const lint = (inputs: string[], o: Partial<LintRunOptions> = {}) => capture(() => runLint(inputs, { format: 'json', workers: 0, ...o }));

test('exit codes: 0 clean, --fail-on decides what fails, 2 for input errors', async () => {
  assert.is((await lint(['specs/customer-service.asyncapi.yaml', 'specs/order-service.asyncapi.yaml', 'specs/orders-api.openapi.yaml'])).code, 0);
  assert.is((await lint(['specs/bad'])).code, 1);
  const warnOnly = fx('kinds.fail.yaml');
  assert.is((await lint([warnOnly])).code, 0);
  assert.is((await lint([warnOnly], { failOn: 'warning' })).code, 1);
  assert.is((await lint([fx('http.fail.yaml')])).code, 1); // example-valid is an error
  assert.is((await lint([warnOnly], { ruleset: 'minimal', failOn: 'info' })).code, 0);
  const missing = await lint(['no/such/spec.yaml']);
  assert.is(missing.code, 2);
  assert.is(missing.err, 'specgate: no/such/spec.yaml: no such file or directory\n');
});

test('a bad config stops the run with one line naming file:line:col', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-cli-'));
  copyFileSync(fx('kinds.fail.yaml'), path.join(dir, 'kinds.yaml'));
  writeFileSync(path.join(dir, 'specgate.config.yaml'), 'rules:\n  message-kind-nam: off\n');
  const r = await lint([path.join(dir, 'kinds.yaml')]);
  assert.is(r.code, 2);
  assert.is(r.out, '');
  assert.is(r.err, `specgate: ${path.relative(process.cwd(), path.join(dir, 'specgate.config.yaml'))}:2:3: unknown rule \`message-kind-nam\` (did you mean \`message-kind-name\`?); \`specgate rules\` lists them\n`);
});

test('--ruleset takes a built-in name or a config file', async () => {
  const strict = JSON.parse((await lint([fx('meta.fail.yaml')], { ruleset: 'strict' })).out);
  assert.equal(strict.files[0].diagnostics.map((d: { rule: string }) => d.rule), ['info-contact', 'info-description', 'info-license', 'tag-description', 'operation-tags', 'property-description']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-cli-'));
  writeFileSync(path.join(dir, 'mine.yaml'), 'extends: strict\nrules:\n  info-contact: off\n  property-description: off\n');
  const mine = JSON.parse((await lint([fx('meta.fail.yaml')], { ruleset: path.join(dir, 'mine.yaml') })).out);
  assert.equal(mine.files[0].diagnostics.map((d: { rule: string }) => d.rule), ['info-description', 'info-license', 'tag-description', 'operation-tags']);
  assert.is((await lint([fx('meta.fail.yaml')], { ruleset: 'loose' })).code, 2);
});

test('JSON output has the shape of validate', async () => {
  const j = JSON.parse((await lint([fx('versioning.fail.yaml')])).out);
  assert.equal(Object.keys(j.files[0]), ['file', 'format', 'version', 'valid', 'diagnostics']);
  assert.equal(j.files[0].diagnostics[1], {
    rule: 'version-in-address',
    severity: 'warning',
    message: 'channel address `things.v1.updated` carries major version 1, but `info.version` is `2.0.0`',
    file: fx('versioning.fail.yaml'),
    pointer: '/channels/things/address',
    range: { start: { line: 8, column: 5 }, end: { line: 8, column: 31 } },
    help: 'bump `info.version` to 1.x.y or move the channel address to v2',
  });
});

test('SARIF output passes the SARIF 2.1.0 JSON schema', async () => {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The schema's patterns are ECMAScript without the `u` flag (one has a stray `]`).
  const ajv = new Ajv4({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormatsModule as unknown as (a: Ajv4) => void)(ajv);
  const validate = ajv.compile(schema);
  const r = await capture(() => runLint([fx('kinds.fail.yaml'), fx('http.fail.yaml'), 'specs'], { format: 'sarif', workers: 0, ruleset: 'strict' }));
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.ok(log.runs[0].results.length > 10);
  assert.ok(log.runs[0].tool.driver.rules.every((x: { shortDescription: { text: string } }) => x.shortDescription.text.length > 10));
  assert.ok(log.runs[0].tool.driver.rules.every((x: { defaultConfiguration?: { level: string } }) => ['error', 'warning', 'note'].includes(x.defaultConfiguration?.level ?? '')));
});

test('SARIF carries the metadata of a Spectral ruleset\'s custom rules as of built-in rules, and passes the SARIF 2.1.0 schema', async () => {
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv4({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormatsModule as unknown as (a: Ajv4) => void)(ajv);
  const validate = ajv.compile(schema);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-sarif-'));
  const ruleset = path.join(dir, '.spectral.yaml');
  writeFileSync(
    ruleset,
    [
      'extends: [spectral:oas]',
      'rules:',
      '  op-id-camel:',
      '    description: Operation ids are camelCase.',
      '    severity: error',
      '    given: $.paths[*][*]',
      '    then: { field: operationId, function: casing, functionOptions: { type: camel } }',
      '  tags-sorted:',
      '    given: $.paths[*][*]',
      '    then: { field: tags, function: alphabetical }',
      '',
    ].join('\n'),
  );
  const r = await capture(() => runLint([fx('spectral/api.yaml')], { format: 'sarif', workers: 0, ruleset }));
  const log = JSON.parse(r.out);
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
  const rules = log.runs[0].tool.driver.rules;
  const byId = (id: string) => rules.find((x: { id: string }) => x.id === id);
  const where = path.relative(process.cwd(), ruleset);
  assert.equal(byId('op-id-camel'), {
    id: 'op-id-camel',
    shortDescription: { text: 'Operation ids are camelCase.' },
    help: { text: `op-id-camel: a custom rule of the Spectral ruleset of ${where}: given \`$.paths[*][*]\`, then casing on \`operationId\`` },
    defaultConfiguration: { level: 'error', enabled: true },
  });
  assert.equal(byId('tags-sorted'), {
    id: 'tags-sorted',
    shortDescription: { text: `Custom Spectral rule of ${where}` },
    help: { text: `tags-sorted: a custom rule of the Spectral ruleset of ${where}: given \`$.paths[*][*]\`, then alphabetical on \`tags\`` },
    defaultConfiguration: { level: 'warning', enabled: true },
  });
  // A built-in rule reported in the same run has the same four fields.
  const builtin = rules.find((x: { id: string }) => !['op-id-camel', 'tags-sorted'].includes(x.id));
  assert.ok(builtin, JSON.stringify(rules.map((x: { id: string }) => x.id)));
  assert.equal(Object.keys(builtin).sort(), ['defaultConfiguration', 'help', 'id', 'shortDescription']);
  const results = log.runs[0].results;
  const camel = results.find((x: { ruleId: string }) => x.ruleId === 'op-id-camel');
  assert.is(rules[camel.ruleIndex].id, 'op-id-camel');
  assert.is(camel.level, 'error');
});

test('github annotations are one line each', async () => {
  const r = await capture(() => runLint([fx('kinds.fail.yaml')], { format: 'github', workers: 0 }));
  const lines = r.out.trimEnd().split('\n');
  assert.is(lines.length, 5);
  for (const l of lines) assert.match(l, /^::(warning|error|notice) file=[^\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::[^\n]+$/);
});

test('the worker pool gives the same results as one thread, in input order', async () => {
  const files = ['kinds.fail.yaml', 'http.fail.yaml', 'reply.fail.yaml', 'unused.fail.yaml', 'clean.asyncapi3.yaml', 'meta.fail.yaml', 'partition-key.fail.yaml', 'binding.fail.yaml'].map(fx);
  const one = await lint(files, { workers: 0 });
  const pool = await lint(files, { workers: 2 });
  assert.is(pool.code, one.code);
  assert.is(pool.out, one.out);
});

test('--init writes a commented starter config that loads, and never overwrites', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-init-'));
  const first = await capture(() => runInit(dir));
  assert.is(first.code, 0);
  const text = readFileSync(path.join(dir, 'specgate.config.yaml'), 'utf8');
  assert.match(text, /^# specgate lint configuration/);
  assert.match(text, /\nextends: recommended\n/);
  copyFileSync(fx('kinds.fail.yaml'), path.join(dir, 'kinds.yaml'));
  assert.is((await lint([path.join(dir, 'kinds.yaml')])).code, 0);
  const again = await capture(() => runInit(dir));
  assert.is(again.code, 2);
  assert.match(again.err, /a config already exists; not overwriting it/);
  assert.ok(existsSync(path.join(dir, 'specgate.config.yaml')));
});

test('`specgate rules` lists every rule from the registry with its peers', async () => {
  const table = (await capture(() => runRules('table'))).out;
  assert.match(table, /\nmessage-channel-kind +lint +- W E +AsyncAPI +Commands travel on point-to-point channels/);
  assert.match(table, /\nduplicate-id +validate +E E E +AsyncAPI\+OpenAPI .*Spectral: operation-operationId-unique; Redocly: operation-operationId-unique/);
  const json = JSON.parse((await capture(() => runRules('json'))).out);
  assert.ok(json.rules.length >= 40);
  const md = (await capture(() => runRules('markdown'))).out;
  assert.is(readFileSync('docs/rules.md', 'utf8'), md, 'docs/rules.md is stale: run node scripts/rules-doc.mjs');
});

test.run();
