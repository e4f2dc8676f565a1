// Configuration: rulesets, per-rule settings, Spectral/Redocly names, overrides, ignores, inline ignores,
// and errors that point at the offending line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, ConfigFinder, isIgnored, loadConfig, parseConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

function tmp(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specgate-lint-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

function configError(text: string): string {
  try {
    parseConfig(text, 'specgate.config.yaml');
  } catch (e) {
    assert.instance(e, ConfigError);
    return (e as ConfigError).toLine();
  }
  throw new Error('no error');
}

test('bad configs get one line with file:line:col', () => {
  assert.is(configError('rules:\n  message-id-headr: error\n'), 'specgate.config.yaml:2:3: unknown rule `message-id-headr` (did you mean `message-id-header`?); `specgate rules` lists them');
  assert.is(configError('rules:\n  message-id-header: loud\n'), 'specgate.config.yaml:2:22: invalid severity `loud` for rule `message-id-header`; use `error`, `warning`, `info`, `hint` or `off`');
  assert.is(configError('extends: recomended\n'), 'specgate.config.yaml:1:10: unknown ruleset `recomended` (did you mean `recommended`?); use `minimal`, `recommended`, `strict` or a path to a .yaml config');
  assert.is(configError('extend: strict\n'), 'specgate.config.yaml:1:1: unknown key `extend` (did you mean `extends`?); a config has `extends`, `ruleset`, `rules`, `overrides`, `ignore`');
  assert.is(configError('rules:\n  message-id-header:\n    names: messageId\n'), 'specgate.config.yaml:3:12: option `names` of rule `message-id-header` must be a non-empty list of strings');
  assert.is(configError('rules:\n  message-payload:\n    names: [x]\n'), 'specgate.config.yaml:3:5: rule `message-payload` has no option `names`');
  assert.is(configError('overrides:\n  - rules: { message-payload: off }\n'), 'specgate.config.yaml:2:5: an override needs `files` or `pointers` to say where it applies');
  assert.is(configError('rules: [\n'), 'specgate.config.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
});

test('extends a config file, and a missing one is reported where it is named', () => {
  const root = tmp({ 'base.yaml': 'extends: strict\nrules:\n  info-contact: off\n', 'specgate.config.yaml': 'extends: ./base.yaml\nrules:\n  info-license: error\n', 'bad.yaml': 'extends: ./nope.yaml\n' });
  const c = loadConfig(path.join(root, 'specgate.config.yaml'));
  assert.is(c.ruleset, 'strict');
  assert.equal(c.rules.get('info-contact')?.severity, 'off');
  assert.equal(c.rules.get('info-license')?.severity, 'error');
  try {
    loadConfig(path.join(root, 'bad.yaml'));
    assert.unreachable();
  } catch (e) {
    assert.match((e as ConfigError).toLine(), /bad\.yaml:1:10: `extends`: cannot read config: no such file/);
  }
});

test('Spectral and Redocly rule names configure the same rule', async () => {
  const root = tmp({ 'specgate.config.yaml': 'rules:\n  oas3-unused-component: off\n  operation-2xx-response: error\n' });
  const c = loadConfig(path.join(root, 'specgate.config.yaml'));
  assert.equal([...c.rules.keys()], ['no-unused-components', 'operation-success-response']);
  const r = await lintFile(path.relative(process.cwd(), path.join(fixtures, 'unused.fail.yaml')), { config: c });
  assert.equal(r.report.diagnostics.map((d) => d.rule), ['servers-declared']);
});

test('per-file and per-pointer overrides, options, and ignore globs', async () => {
  const spec = readFileSync(path.join(fixtures, 'unused.fail.yaml'), 'utf8');
  const root = tmp({
    'api/legacy/a.yaml': spec,
    'api/new/b.yaml': spec,
    'vendor/c.yaml': spec,
    'specgate.config.yaml': [
      'rules:',
      '  servers-declared: off',
      'overrides:',
      '  - files: ["api/legacy/**"]',
      '    rules: { no-unused-components: off }',
      '  - pointers: ["/components/securitySchemes/*"]',
      '    rules: { no-unused-components: info }',
      'ignore: ["vendor/**"]',
      '',
    ].join('\n'),
  });
  const finder = new ConfigFinder();
  const cfgFile = finder.find(path.join(root, 'api/new/b.yaml'))!;
  assert.is(cfgFile, path.join(root, 'specgate.config.yaml'));
  const c = finder.load(cfgFile);
  // In order: legacy files turn the rule off, then the pointer override sets it to info everywhere.
  const legacy = await lintFile(path.join(root, 'api/legacy/a.yaml'), { config: c });
  assert.equal(legacy.report.diagnostics.map((d) => `${d.rule}:${d.severity}:${d.pointer}`), ['no-unused-components:info:/components/securitySchemes/oauth']);
  const fresh = await lintFile(path.join(root, 'api/new/b.yaml'), { config: c });
  assert.equal(fresh.report.diagnostics.map((d) => `${d.rule}:${d.severity}:${d.pointer}`), [
    'no-unused-components:info:/components/securitySchemes/oauth',
    'no-unused-components:warning:/components/schemas/Leftover',
  ]);
  assert.is(fresh.report.valid, true);
  assert.is(isIgnored(c, path.join(root, 'vendor/c.yaml')), true);
  assert.is(isIgnored(c, path.join(root, 'api/new/b.yaml')), false);
});

test('the config is found upward, .specgaterc.yaml too, and the nearest wins', () => {
  const root = tmp({ '.specgaterc.yaml': 'extends: strict\n', 'a/b/spec.yaml': 'x: 1\n', 'a/b/c/specgate.config.yaml': 'extends: minimal\n', 'a/b/c/spec.yaml': 'x: 1\n' });
  const f = new ConfigFinder();
  assert.is(f.find(path.join(root, 'a/b/spec.yaml')), path.join(root, '.specgaterc.yaml'));
  assert.is(f.find(path.join(root, 'a/b/c/spec.yaml')), path.join(root, 'a/b/c/specgate.config.yaml'));
  assert.is(f.load(f.find(path.join(root, 'a/b/spec.yaml'))!).ruleset, 'strict');
});

test('rule options: message id header names', async () => {
  const file = path.relative(process.cwd(), path.join(fixtures, 'message-id.fail.yaml'));
  const c = parseConfig('rules:\n  message-id-header:\n    severity: error\n    names: [traceparent]\n', 'specgate.config.yaml');
  const found = (await lintFile(file, { config: c })).report.diagnostics.filter((d) => d.rule === 'message-id-header');
  assert.equal(found.map((d) => `${d.severity} ${d.message}`), ['error message `ThingDeleted` declares no headers, so no message id; receivers cannot drop duplicates']);
});

test('x-specgate-ignore on a node silences a rule for it and its children, and nothing else', async () => {
  const spec = readFileSync(path.join(fixtures, 'kinds.fail.yaml'), 'utf8').replace('  commands:\n    address: things.commands\n', '  commands:\n    x-specgate-ignore: [message-channel-kind]\n    address: things.commands\n');
  const root = tmp({ 'kinds.yaml': spec });
  const r = await lintFile(path.join(root, 'kinds.yaml'));
  assert.equal(r.report.diagnostics.map((d) => `${d.rule} ${d.pointer}`), [
    'servers-declared ',
    'message-channel-kind /channels/events/messages/CreateThing',
    'message-kind-name /channels/commands/messages/ArchiveThing/x-specgate-kind',
  ]);
  const all = await lintFile(path.join(root, 'kinds.yaml'), { config: parseConfig('rules: {}\n', path.join(root, 'c.yaml')) });
  assert.is(all.report.diagnostics.length, 3);
  const star = tmp({ 'kinds.yaml': spec.replace('info:\n', "x-specgate-ignore: ['*']\ninfo:\n") });
  assert.equal((await lintFile(path.join(star, 'kinds.yaml'))).report.diagnostics, []);
});

test.run();
