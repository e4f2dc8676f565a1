// Small things at the command line, through the built CLI (dist/) as a user meets them: exact output
// and exit codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { cli, tempFiles } from '../helpers.js';

const SPEC = readFileSync(new URL('../lint/fixtures/clean.asyncapi3.yaml', import.meta.url), 'utf8');

/** Lint `spec.yaml` in a folder holding `files` (a config, usually); cwd is that folder. */
function lintIn(files: Record<string, string>, args: string[] = []) {
  const t = tempFiles({ 'spec.yaml': SPEC, ...files });
  try {
    return cli(['lint', 'spec.yaml', ...args], { cwd: t.dir });
  } finally {
    t.cleanup();
  }
}

test('`specgate rules <id>` prints that rule: description, why, formats, severity per ruleset, peers, examples', () => {
  const r = cli(['rules', 'info-contact']);
  assert.is(r.stderr, '');
  assert.is(r.status, 0);
  assert.is(
    r.stdout,
    [
      'info-contact',
      '',
      '`info.contact` says who owns the API (strict only).',
      '',
      'A contact (team name, URL, e-mail) tells consumers whom to ask. Useful in a catalogue of many APIs; not a design problem, so only `strict` asks for it.',
      '',
      'formats:   AsyncAPI, OpenAPI',
      'severity:  minimal off, recommended off, strict warning',
      'Spectral:  info-contact, asyncapi-info-contact',
      'Redocly:   info-contact',
      '',
      'flags: no contact',
      '    asyncapi: 3.0.0',
      '    info:',
      '      title: Orders',
      '      version: 1.0.0',
      '  -> 2:1-2:5 `info` has no `contact`',
      '',
      'flags: a contact with a name only',
      '    asyncapi: 3.0.0',
      '    info:',
      '      title: Orders',
      '      version: 1.0.0',
      '      contact:',
      '        name: Orders team',
      '  -> 5:3-5:10 `info.contact` has neither a `url` nor an `email`',
      '',
      'passes: a contact with an e-mail',
      '    asyncapi: 3.0.0',
      '    info:',
      '      title: Orders',
      '      version: 1.0.0',
      '      contact:',
      '        email: orders@example.com',
      '',
    ].join('\n'),
  );
});

test('`specgate rules <id>` shows options with their defaults, and finds a rule by its Spectral name', () => {
  const r = cli(['rules', 'message-id-header']);
  assert.is(r.status, 0);
  assert.match(r.stdout, /\noption:    names: .+ \(default: \["messageId",/);
  const alias = cli(['rules', 'oas3-unused-component']);
  assert.is(alias.status, 0);
  assert.is(alias.stdout.split('\n')[0], 'no-unused-components');
  const json = cli(['rules', 'info-contact', '--format', 'json']);
  assert.is(json.status, 0);
  assert.equal(JSON.parse(json.stdout).rule.severity, { minimal: 'off', recommended: 'off', strict: 'warning' });
});

test('`specgate rules <id>` shows a diff rule with its levels and the example that fires it; JSON carries the examples', () => {
  const r = cli(['rules', 'not-added']);
  assert.is(r.status, 0);
  assert.ok(r.stdout.startsWith('not-added\n\nA `not` now excludes values.\n\nkind:      diff (a change between two versions)\narea:      schema\nlevel:     breaking when accepted, non-breaking when emitted\n'), r.stdout);
  assert.match(r.stdout, /\n    -         payload: \{ type: string \}\n    \+         payload: \{ type: string, not: \{ const: "" \} \}\n/);
  assert.match(r.stdout, /\n  -> 9:34 breaking: Payload of message `Order` received on `orders`: the payload now excludes values/);
  const json = JSON.parse(cli(['rules', 'not-added', '--format', 'json']).stdout).rule;
  assert.equal([json.kind, json.levels], ['diff', { accept: 'breaking', emit: 'non-breaking' }]);
  assert.is(json.examples[0].expect[0].rule, 'not-added');
  const all = JSON.parse(cli(['rules', '--format', 'json']).stdout).rules;
  assert.equal([...new Set(all.map((x: { kind: string }) => x.kind))], ['input', 'validate', 'lint', 'system', 'diff']);
});

test('`specgate rules <unknown>` exits 2 with the nearest id', () => {
  const r = cli(['rules', 'info-contct']);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'specgate: rules: unknown rule `info-contct` (did you mean `info-contact`?); `specgate rules` lists them\n');
  assert.is(r.status, 2);
});

test('a list as a rule entry is refused, saying what an entry may be', () => {
  const r = lintIn({ 'specgate.config.yaml': 'rules:\n  info-contact: [error]\n' });
  assert.is(r.stdout, '');
  assert.is(
    r.stderr,
    'specgate: specgate.config.yaml:2:17: rule `info-contact` is set to a list; a rule takes a severity (`error`, `warning`, `info`, `hint`, `off`) or a mapping `{ severity, ...options }`: write `info-contact: error`\n',
  );
  assert.is(r.status, 2);
});

test('`lint -q` says how many findings it hid instead of "no problems"', () => {
  const warnings = cli(['lint', '-q', 'test/lint/fixtures/kinds.fail.yaml']);
  assert.is(warnings.stdout, '✔ test/lint/fixtures/kinds.fail.yaml  AsyncAPI 3.0.0\n\n1 file checked, no errors (5 warnings hidden by --quiet)\n');
  assert.is(warnings.status, 0);
  const errors = cli(['lint', '-q', 'test/lint/fixtures/http.fail.yaml']);
  assert.is(errors.stdout.split('\n').at(-2), '✖ 1 problem (1 error; 6 warnings hidden by --quiet) in 1 file');
  assert.is(errors.status, 1);
  // Without --quiet nothing is hidden, and the summary is as before.
  assert.is(cli(['lint', 'test/lint/fixtures/kinds.fail.yaml']).stdout.split('\n').at(-2), '✖ 5 problems (0 errors, 5 warnings) in 1 file');
});

test('a URL in `extends` is refused where it is written; remote configs are not fetched', () => {
  for (const url of ['https://example.com/team/specgate.yaml', 'http://example.com/base']) {
    const r = lintIn({ 'specgate.config.yaml': `rules: {}\nextends: ${url}\n` });
    assert.is(r.stdout, '');
    assert.is(r.stderr, `specgate: specgate.config.yaml:2:10: \`extends\`: \`${url}\` is a URL; remote configs are not fetched (copy it into the repository and extend the copy)\n`);
    assert.is(r.status, 2);
  }
});

test('-h is --help and -v is --version, for the tool and for each command', () => {
  for (const [short, long] of [[['-h'], ['--help']], [['-v'], ['--version']], [['validate', '-h'], ['validate', '--help']], [['lint', 'specs/', '-h'], ['lint', 'specs/', '--help']]]) {
    const a = cli(short);
    const b = cli(long);
    assert.is(b.status, 0);
    assert.ok(b.stdout.length > 10, long.join(' '));
    assert.equal(a, b, short.join(' '));
  }
});

test('a misspelt --ruleset gets the nearest name', () => {
  const r = cli(['lint', '--ruleset', 'recomended', 'specs/']);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'specgate: --ruleset: unknown ruleset `recomended` (did you mean `recommended`?); use minimal, recommended, strict or a config file\n');
  assert.is(r.status, 2);
});

test.run();
