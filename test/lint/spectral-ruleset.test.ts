// Spectral rulesets as users wrote them: found beside the spec, `extends` of Spectral's rulesets mapped
// onto our rules, custom rules (given/then, core and custom functions) with Spectral's messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, ConfigFinder, loadConfig, parseConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { cli, tempFiles } from '../helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/spectral');
const api = path.join(fixtures, 'api.yaml');

const show = (ds: { rule: string; severity: string; range?: { start: { line: number; column: number } }; message: string }[]) =>
  ds.map((d) => `${d.rule} ${d.severity} ${d.range?.start.line}:${d.range?.start.column} ${d.message}`);

function configError(text: string, name = '.spectral.yaml'): string {
  try {
    parseConfig(text, name);
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as ConfigError).toLine();
  }
  throw new Error('no error');
}

test('custom rules: given/then with core functions, resolved and raw, message templates, exact ranges', async () => {
  const c = loadConfig(path.join(fixtures, 'custom.spectral.yaml'));
  const r = await lintFile(path.relative(process.cwd(), api), { config: c });
  // `[spectral:oas, off]`: no built-in design rule runs; only the custom ones report. The messages are
  // Spectral's (checked against @stoplight/spectral-core on the same files).
  assert.equal(show(r.report.diagnostics), [
    'msg warning 2:1 info.contact at #/info: "info.contact" property must be defined',
    'op-id-camel warning 8:7 must be camel case',
    'tags-sorted warning 9:14 "b" must be placed after "a"',
    // Reached through the `$ref` of the 200 response (resolved), reported in the component once.
    'prop-desc error 22:9 "id.description" property must be truthy',
    'unused warning 27:5 Potential orphaned reusable object has been detected',
    'typed warning 29:17 Enum value 1 must be "string".',
  ]);
  assert.is(r.report.valid, false);
});

test('.spectral.yaml beside the spec is found; extends spectral:oas maps Spectral names onto our rules', () => {
  const { dir, cleanup } = tempFiles({
    'api/openapi.yaml': [
      'openapi: 3.0.3',
      'info: { title: T, version: 1.0.0 }',
      'paths:',
      '  /a:',
      '    get:',
      '      operationId: getA',
      '      responses:',
      "        '200': { description: ok }",
      "        '404': { description: no }",
      'components:',
      '  schemas:',
      '    Unused: { type: string }',
      '',
    ].join('\n'),
    'api/.spectral.yaml': 'extends: spectral:oas\nrules:\n  info-contact: error\n  oas3-unused-component: off\n  operation-tag-defined: off\n',
  });
  try {
    const f = new ConfigFinder();
    assert.is(f.find(path.join(dir, 'api/openapi.yaml')), path.join(dir, 'api/.spectral.yaml'));
    const c = f.load(path.join(dir, 'api/.spectral.yaml'));
    assert.is(c.ruleset, 'recommended');
    assert.equal(c.rules.get('info-contact')?.severity, 'error');
    assert.equal(c.rules.get('no-unused-components')?.severity, 'off');
    const r = cli(['lint', 'api/openapi.yaml', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    assert.equal(out.files[0].diagnostics.map((d: any) => `${d.rule} ${d.severity} ${d.range.start.line}:${d.range.start.column}`), ['servers-declared warning 1:1', 'info-contact error 2:1', 'operation-description warning 5:5']);
    assert.is(r.status, 1);
    // `[spectral:oas, all]` is our strict ruleset; `--ruleset` names the file for every spec.
    assert.is(parseConfig('extends: [[spectral:oas, all]]\n', '.spectral.yaml').ruleset, 'strict');
    const off = cli(['lint', 'api/openapi.yaml', '--ruleset', 'off.spectral.json', '--format', 'json'], { cwd: dir });
    assert.is(off.status, 2);
    assert.match(off.stderr, /off\.spectral\.json/);
  } finally {
    cleanup();
  }
});

test('specgate.config.yaml `ruleset:` and `--ruleset .spectral.yaml` read a Spectral ruleset; custom JS functions load', async () => {
  const { dir, cleanup } = tempFiles({
    'api.yaml': [
      'openapi: 3.1.0',
      'info: { title: T, version: 1.0.0, contact: { name: x } }',
      'paths:',
      '  /a:',
      '    get:',
      '      requestBody: { content: {} }',
      "      responses: { '200': { description: ok } }",
      '',
    ].join('\n'),
    'rules/.spectral.yaml': [
      'extends: [[spectral:oas, off]]',
      'functions: [no-get-body]',
      'rules:',
      '  get-no-body:',
      '    given: "$.paths[*].get"',
      '    severity: 0',
      '    formats: [oas3_1]',
      '    then: { function: no-get-body, functionOptions: { verb: GET } }',
      '  only-30:',
      '    given: $.info',
      '    formats: [oas3_0]',
      '    then: { field: nope, function: defined }',
      '',
    ].join('\n'),
    'specgate.config.yaml': 'ruleset: rules/.spectral.yaml\nrules:\n  info-license: info\n',
  });
  try {
    mkdirSync(path.join(dir, 'rules/functions'));
    copyFileSync(path.join(fixtures, 'functions/no-get-body.js'), path.join(dir, 'rules/functions/no-get-body.js'));
    writeFileSync(path.join(dir, 'rules/functions/package.json'), '{ "type": "module" }\n');
    const viaConfig = await lintFile(path.join(dir, 'api.yaml'), { config: loadConfig(path.join(dir, 'specgate.config.yaml')) });
    assert.equal(show(viaConfig.report.diagnostics), ['info-license info 2:1 `info` has no `license`', 'get-no-body error 6:7 GET must not have a body']);
    const r = cli(['lint', 'api.yaml', '--ruleset', 'rules/.spectral.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(JSON.parse(r.stdout).files[0].diagnostics.map((d: any) => `${d.rule} ${d.severity} ${d.range.start.line}:${d.range.start.column} ${d.message}`), ['get-no-body error 6:7 GET must not have a body']);
    assert.is(r.status, 1);
  } finally {
    cleanup();
  }
});

test('Spectral overrides: files globs with and without a #pointer', async () => {
  const c = parseConfig(
    [
      'extends: [[spectral:oas, off]]',
      'rules:',
      '  prop-desc: { given: "$..properties[*]", resolved: false, then: { field: description, function: truthy } }',
      'overrides:',
      '  - files: ["**/api.yaml#/components/schemas/User/properties/id"]',
      '    rules: { prop-desc: off }',
      '',
    ].join('\n'),
    path.join(fixtures, '.spectral.yaml'),
  );
  const r = await lintFile(path.relative(process.cwd(), api), { config: c });
  assert.equal(show(r.report.diagnostics), []);
  const c2 = parseConfig('extends: [[spectral:oas, off]]\nrules:\n  prop-desc: { given: "$..properties[*]", resolved: false, then: { field: description, function: truthy } }\noverrides:\n  - files: ["other.yaml"]\n    rules: { prop-desc: off }\n', path.join(fixtures, '.spectral.yaml'));
  assert.equal(show((await lintFile(path.relative(process.cwd(), api), { config: c2 })).report.diagnostics), ['prop-desc warning 22:9 "id.description" property must be truthy']);
});

test('x-specgate-ignore names a custom rule: it silences it and is not an unknown rule; .spectral.json is read', async () => {
  const { dir, cleanup } = tempFiles({
    'api.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\n  x-specgate-ignore: [info-title-upper]\npaths: {}\n',
    'other.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths: {}\n',
    '.spectral.json': JSON.stringify({ extends: [['spectral:oas', 'off']], rules: { 'info-title-upper': { given: '$.info', severity: 'error', then: { field: 'title', function: 'pattern', functionOptions: { match: '^[a-z]' } } } } }),
  });
  try {
    const config = loadConfig(path.join(dir, '.spectral.json'));
    assert.equal(show((await lintFile(path.join(dir, 'api.yaml'), { config })).report.diagnostics), []);
    assert.equal(show((await lintFile(path.join(dir, 'other.yaml'), { config })).report.diagnostics), ['info-title-upper error 3:3 "T" must match the pattern "^[a-z]"']);
  } finally {
    cleanup();
  }
});

test('a rule whose filter does not evaluate is one finding of that rule, at its severity; the other rules still report', async () => {
  const c = parseConfig('extends: [[spectral:oas, off]]\nrules:\n  broken: { given: "$..[?(@.x ==)]", then: { function: truthy } }\n  fine: { given: $.info, then: { field: contact, function: truthy } }\n', '.spectral.yaml');
  const r = await lintFile(path.relative(process.cwd(), api), { config: c });
  assert.equal(show(r.report.diagnostics), ['broken warning 1:1 rule `broken` could not run: Expected expression after == at character 9', 'fine warning 2:1 "info.contact" property must be truthy']);
});

test('bad Spectral rulesets stop with one located line', () => {
  assert.is(configError('rules:\n  r:\n    given: $.info\n    then: { function: truthyy }\n'), '.spectral.yaml:4:23: rule `r`: unknown function `truthyy`; use a core function (truthy, falsy, defined, undefined, pattern, casing, enumeration, length, alphabetical, xor, or, schema, typedEnum, unreferencedReusableObject) or one listed in `functions`');
  assert.is(configError('rules:\n  r:\n    given: $.info\n    then: { function: casing, functionOptions: { type: camelCase } }\n'), '.spectral.yaml:4:48: rule `r`: "casing" function and its "type" option accept the following values: flat, camel, pascal, kebab, cobol, snake, macro');
  assert.is(configError('rules:\n  r:\n    given: info\n    then: { function: truthy }\n'), '.spectral.yaml:3:12: rule `r`: `given` `info` is not a JSONPath expression; it starts with `$`');
  assert.is(configError('rules:\n  r:\n    given: $.info\n    severity: loud\n    then: { function: truthy }\n'), '.spectral.yaml:4:15: invalid severity `loud`; Spectral rulesets use `error`, `warn`, `info`, `hint`, `off` or 0-3');
  assert.is(configError('functions: [nope]\n', path.relative(process.cwd(), path.join(fixtures, '.spectral.yaml'))), `${path.relative(process.cwd(), path.join(fixtures, '.spectral.yaml'))}:1:13: function \`nope\`: no file ${path.relative(process.cwd(), path.join(fixtures, 'functions/nope.js'))}`);
  assert.is(configError('extends: spectral:oass\n'), '.spectral.yaml:1:10: unknown Spectral ruleset `spectral:oass`; use `spectral:oas` or `spectral:asyncapi`');
});

test.run();
