// `x-specgate-ignore` entries that name no rule silence nothing; lint says so at the entry, with the
// closest id. Spectral/Redocly names of our rules are known, and work there as they do in a config.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { tempFiles } from '../helpers.js';

const OP = '    get:\n      operationId: listOrders\n      summary: List orders\n      responses:\n        "200":\n          description: ok\n        "404":\n          description: no\n';
const { dir, cleanup } = tempFiles({
  'api.yaml': [
    'openapi: 3.1.0',
    'info: { title: T, version: 1.0.0 }',
    'x-specgate-ignore: [servers-declard, oas3-schema, operation-description]',
    'paths:',
    '  /orders:',
    '    x-specgate-ignore: nope',
    OP.trimEnd(),
    '  /items:',
    '    $ref: "./items.yaml"',
    '',
  ].join('\n'),
  'items.yaml': `x-specgate-ignore: [server-declared, 7]\n${OP.replace(/^ {4}/gm, '')}`,
  // A schema error (no `version`), silenced by the Spectral name of `openapi-schema`.
  'alias.yaml': 'openapi: 3.1.0\ninfo: { title: T }\nservers: [{ url: "https://api.example.com" }]\npaths: {}\nx-specgate-ignore: [oas3-schema]\n',
});

const unknown = (id: string, hint = '') => `\`x-specgate-ignore\` names unknown rule \`${id}\`${hint}; it silences nothing`;

test('each unknown id is a warning at its entry, naming it and the closest id; known ids and aliases are not', async () => {
  const r = await lintFile(`${dir}/api.yaml`, { config: builtinConfig() });
  assert.equal(
    r.report.diagnostics.filter((d) => d.rule === 'unknown-ignore-rule').map((d) => [d.severity, d.message, d.file, d.pointer, d.range?.start, d.help]),
    [
      ['warning', unknown('servers-declard', ' (did you mean `servers-declared`?)'), `${dir}/api.yaml`, '/x-specgate-ignore/0', { line: 3, column: 21 }, '`specgate rules` lists the rule ids'],
      ['warning', unknown('nope'), `${dir}/api.yaml`, '/paths/~1orders/x-specgate-ignore', { line: 6, column: 5 }, '`specgate rules` lists the rule ids'],
      ['warning', unknown('server-declared', ' (did you mean `servers-declared`?)'), `${dir}/items.yaml`, '/x-specgate-ignore/0', { line: 1, column: 21 }, '`specgate rules` lists the rule ids'],
      ['warning', unknown('7'), `${dir}/items.yaml`, '/x-specgate-ignore/1', { line: 1, column: 38 }, '`specgate rules` lists the rule ids'],
    ],
  );
  // The misspelt id silenced nothing.
  assert.ok(r.report.diagnostics.some((d) => d.rule === 'servers-declared'));
});

test('a Spectral name in x-specgate-ignore silences our rule of the same meaning', async () => {
  const r = await lintFile(`${dir}/alias.yaml`, { config: builtinConfig() });
  assert.equal(r.report.diagnostics.map((d) => d.rule), []);
  assert.is(r.report.valid, true);
});

test('the marker can name unknown-ignore-rule itself (an id from a newer specgate, say)', async () => {
  const { dir: d, cleanup: done } = tempFiles({ 'a.yaml': 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\nservers: [{ url: "https://x.example" }]\npaths: {}\nx-specgate-ignore: [future-rule, unknown-ignore-rule]\n' });
  try {
    assert.equal((await lintFile(`${d}/a.yaml`)).report.diagnostics.map((x) => x.rule), []);
  } finally {
    done();
  }
});

test.after(cleanup);
test.run();
