import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiff } from '../../src/diff/report/index.js';
import type { DiffResult } from '../../src/diff/types.js';
import { bothWays, diffTexts } from './helpers.js';

/** `Account` is the 200 response of two operations and the request body of one; `locale` gains `zh-HK`. */
function accountApi(locales: string, deleteToo: boolean): string {
  return `openapi: 3.1.0
info: { title: Accounts, version: 1.0.0 }
components:
  schemas:
    Account:
      type: object
      properties:
        locale: { type: string, enum: [${locales}] }
paths:
  /v1/account:
    get:
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
      responses:
        '201': { description: Created }
  /v1/accounts/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
${deleteToo ? "    delete:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses:\n        '204': { description: Gone }\n" : ''}`;
}

const accounts = () => diffTexts(accountApi('en, de', true), accountApi('en, de, zh-HK', false));
const fpOf = (r: DiffResult) => (id: string, level: string) => r.changes.find((c) => c.id === id && c.level === level)!.fingerprint;
const lines = async (format: 'text' | 'markdown' | 'github', r: DiffResult | DiffResult[], mode?: 'auto' | 'backward') =>
  (await formatDiff(format, Array.isArray(r) ? r : [r], { mode })).split('\n');

test('each change says which side of the contract it is for, in text, markdown and github', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  const text = await lines('text', r);
  assert.ok(text.includes(`    warning      in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'warning')}`), text.join('\n'));
  assert.ok(text.includes(`    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`), text.join('\n'));
  // A change about no data says no side.
  assert.ok(text.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`), text.join('\n'));
  const md = await lines('markdown', r);
  assert.ok(md.includes(`| in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'warning')}\` |`), md.join('\n'));
  assert.ok(md.includes(`| in requests: \`locale\` now allows \`zh-HK\`. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'non-breaking')}\` |`), md.join('\n'));
  const gh = await lines('github', r);
  assert.ok(gh.includes('::warning file=revision.yaml,line=8,col=33,title=enum-value-added (warning%2C minor)::in responses: Schema `Account` (in `200` response of `GET /v1/account` and 1 more): `locale` now allows `zh-HK`; clients that check the value may not handle it.'), gh.join('\n'));
  assert.ok(gh.includes('::notice file=revision.yaml,line=8,col=33,title=enum-value-added (non-breaking%2C minor)::in requests: Schema `Account` (in request body of `POST /v1/account`): `locale` now allows `zh-HK`.'), gh.join('\n'));
});

test('AsyncAPI sides are received and sent messages; --mode other than auto says how a change was checked', async () => {
  const r = await diffTexts(bothWays({ type: 'string', maxLength: 10 }), bothWays({ type: 'string', maxLength: 5 }));
  const text = await lines('text', r);
  assert.equal(
    text.filter((l) => l.includes('max-length-decreased')).map((l) => l.replace(/ max-length-decreased.*/, '')),
    ['    breaking     in received messages: Payload of message `Order` received on `orders.in`: the payload `maxLength` changed from ≤ 10 to ≤ 5; values valid before are now rejected.',
     '    non-breaking in sent messages: Payload of message `Order` sent on `orders.out`: the payload `maxLength` changed from ≤ 10 to ≤ 5; fewer values are sent.'],
  );
  const backward = await diffTexts(bothWays({ type: 'string', maxLength: 10 }), bothWays({ type: 'string', maxLength: 5 }), { mode: 'backward' });
  const b = (await lines('text', backward, 'backward')).filter((l) => l.includes('max-length-decreased'));
  assert.ok(b.length > 0 && b.every((l) => l.startsWith('    breaking     as data it accepts: Payload of message')), b.join('\n'));
});

test('text and markdown show each change\'s fingerprint, to copy into an accept file', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  assert.match(fp('operation-removed', 'breaking'), /^[0-9a-f]{16}$/);
  const text = await lines('text', r);
  assert.ok(text.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`), text.join('\n'));
  assert.ok(text.includes(`    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`), text.join('\n'));
  const md = await lines('markdown', r);
  assert.ok(md.includes('| operation | change | rule | where | fingerprint |'), md.join('\n'));
  assert.ok(md.includes(`| \`DELETE /v1/accounts/{id}\` | Operation \`DELETE /v1/accounts/{id}\` was removed. | \`operation-removed\` | \`base.yaml:23\` | \`${fp('operation-removed', 'breaking')}\` |`), md.join('\n'));
  // An accepted change keeps its fingerprint beside the reason.
  r.changes[0].accepted = { reason: 'nobody called it' };
  const accepted = await lines('text', r);
  assert.ok(accepted.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')} (accepted: nobody called it)`), accepted.join('\n'));
});

test('a change inside a named schema is filed under the schema, with the operations using it', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  assert.equal(await lines('text', r), [
    'base.yaml (1.0.0) → revision.yaml (1.0.0)',
    '',
    '  operation DELETE /v1/accounts/{id}',
    `    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`,
    '',
    '  schema Account, used by 3 operations: GET /v1/account, GET /v1/accounts/{id}, POST /v1/account',
    `    warning      in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'warning')}`,
    `    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`,
    '',
    '  1 breaking, 1 warning, 1 non-breaking, 0 patch → major bump',
    '',
  ]);
  const md = await lines('markdown', r);
  const warnings = md.indexOf('#### Warnings (1)');
  assert.equal(md.slice(warnings, warnings + 9), [
    '#### Warnings (1)',
    '',
    '##### Schema `Account`',
    '',
    'Used by 2 operations: `GET /v1/account`, `GET /v1/accounts/{id}`.',
    '',
    '| change | rule | where | fingerprint |',
    '|---|---|---|---|',
    `| in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'warning')}\` |`,
  ]);
  const json = JSON.parse(await formatDiff('json', [r]));
  assert.equal(json.changes.map((c: { id: string; schema?: unknown }) => [c.id, c.schema]), [
    ['operation-removed', undefined],
    ['enum-value-added', { name: 'Account', operations: 2 }],
    ['enum-value-added', { name: 'Account', operations: 1 }],
  ]);
  // Past three operations, the rest are counted.
  const many = { ...r, changes: r.changes.map((c) => (c.schema ? { ...c, schema: { ...c.schema, usedBy: ['a', 'b', 'c', 'd', 'e'] } } : c)) };
  assert.ok((await lines('text', many)).includes('  schema Account, used by 5 operations: a, b, c and 2 more'));
});

test.run();
