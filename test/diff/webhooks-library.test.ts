import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runDiff, type DiffRunOptions } from '../../src/cli/diff.js';
import type { Change } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

const line = (c: Change) => `${c.level} ${c.id} ${c.direction ?? '-'} ${c.revision ? `${c.revision.line}:${c.revision.column}` : c.base ? `base ${c.base.line}:${c.base.column}` : '-'}: ${c.message}`;

/** A shop that calls its subscribers' `orderShipped` webhook with a `Shipment`; they answer with an ack. */
const shop = (shipment: string, ack = '{ type: object, properties: { ok: { type: boolean } } }', more = '') => `openapi: 3.1.0
info: { title: Shop, version: 1.0.0 }
webhooks:
  orderShipped:
    post:
      requestBody:
        required: true
        content:
          application/json: { schema: { $ref: '#/components/schemas/Shipment' } }
      responses:
        '200':
          description: Received.
          content:
            application/json: { schema: ${ack} }
${more}components:
  schemas:
    Shipment: ${shipment}
`;
const SHIPMENT = '{ type: object, required: [orderId, carrier], properties: { orderId: { type: string }, carrier: { type: string, maxLength: 20 } } }';

test('webhook request body is emitted data: a field no longer required breaks receivers, a tighter limit does not', async () => {
  const r = await diffTexts(shop(SHIPMENT), shop(SHIPMENT.replace('required: [orderId, carrier]', 'required: [orderId]').replace('maxLength: 20', 'maxLength: 10')));
  assert.equal(r.changes.map(line), [
    'breaking property-became-optional emit 17:93: Schema `Shipment` (in request body of `webhook orderShipped POST`): subscribers\' endpoints may no longer receive `carrier` in the `Shipment` schema: it is no longer required.',
    'non-breaking max-length-decreased emit 17:118: Schema `Shipment` (in request body of `webhook orderShipped POST`): `carrier` `maxLength` changed from ≤ 20 to ≤ 10; fewer values are sent.',
  ]);
  assert.equal([r.changes[0].operation, r.bump, outcome([r], { failOn: 'breaking' })], ['webhook orderShipped POST', 'major', 1]);
});

test('webhook responses are accepted data: a property the provider now requires breaks receivers', async () => {
  const r = await diffTexts(shop(SHIPMENT), shop(SHIPMENT, '{ type: object, required: [ok], properties: { ok: { type: boolean } } }'));
  assert.equal(r.changes.map(line), [
    'breaking property-became-required accept 14:68: `200` response of `webhook orderShipped POST`: `ok` in the response body became required; senders that omit it are rejected.',
  ]);
});

test('webhooks removed and added are matched by name and method', async () => {
  const base = shop(SHIPMENT, undefined, `  orderCancelled:
    post:
      responses: { '200': { description: Received. } }
`);
  const rev = shop(SHIPMENT, undefined, `  orderRefunded:
    post:
      responses: { '200': { description: Received. } }
`);
  const r = await diffTexts(base, rev);
  assert.equal(r.changes.map(line), [
    'breaking operation-removed - base 16:5: Webhook `orderCancelled` (`POST`) was removed: subscribers\' endpoints no longer receive it.',
    'non-breaking operation-added - 16:5: Webhook `orderRefunded` (`POST`) was added.',
  ]);
  assert.equal([r.bump, r.versionCheck?.ok, outcome([r], { failOn: 'breaking' }), outcome([r], { failOn: 'breaking', checkVersion: true })], ['major', false, 1, 1]);
});

test('webhook request body no longer always sent breaks receivers; now always sent does not', async () => {
  const optional = shop(SHIPMENT).replace('        required: true\n', '');
  const looser = await diffTexts(shop(SHIPMENT), optional);
  assert.equal(looser.changes.map(line), ['breaking request-body-became-optional emit 8:11: The request body of `webhook orderShipped POST` is now optional: subscribers\' endpoints may now receive none.']);
  const stricter = await diffTexts(optional, shop(SHIPMENT));
  assert.equal(stricter.changes.map(line), ['non-breaking request-body-became-required emit 9:11: The request body of `webhook orderShipped POST` is now required.']);
});

test('webhook parameters are sent by the API: a new required header is harmless, one no longer required breaks receivers', async () => {
  const withHeader = (h: string) => shop(SHIPMENT).replace('    post:\n', `    post:\n      parameters: [${h}]\n`);
  const added = await diffTexts(shop(SHIPMENT), withHeader('{ name: X-Signature, in: header, required: true, schema: { type: string } }'));
  assert.equal(added.changes.map(line), ['non-breaking required-parameter-added emit 6:20: `webhook orderShipped POST` has a new required header parameter `X-Signature`.']);
  const optional = await diffTexts(withHeader('{ name: X-Signature, in: header, required: true, schema: { type: string } }'), withHeader('{ name: X-Signature, in: header, schema: { type: string } }'));
  assert.equal(optional.changes.map(line), ['breaking parameter-became-optional emit 6:20: Header parameter `X-Signature` of `webhook orderShipped POST` is now optional: subscribers\' endpoints may no longer receive it.']);
});

/** A shared schema library: components only, no paths. */
const library = (money: string, more = '') => `openapi: 3.1.0
info: { title: Common, version: 1.0.0 }
components:
  schemas:
    Money: ${money}
${more}`;
const MONEY = '{ type: object, required: [amount, currency], properties: { amount: { type: string }, currency: { type: string, maxLength: 3 } } }';

test('a components-only OpenAPI library: with no user known, a change is checked both ways at its worse level', async () => {
  const r = await diffTexts(library(MONEY), library(MONEY.replace('maxLength: 3', 'maxLength: 5')));
  assert.equal(r.changes.map(line), [
    'breaking max-length-increased emit 5:124: Schema `Money` (in library `revision.yaml`, no user known: checked both ways): `currency` `maxLength` changed from ≤ 3 to ≤ 5; clients may receive values outside the old limit.',
  ]);
  assert.equal([r.bump, outcome([r], { failOn: 'breaking' })], ['major', 1]);
});

test('a library schema removed or added', async () => {
  const currency = '    Currency: { type: string }\n';
  const removed = await diffTexts(library(MONEY, currency), library(MONEY));
  assert.equal(removed.changes.map(line), ['breaking library-schema-removed - base 6:5: Schema `Currency` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.']);
  const added = await diffTexts(library(MONEY), library(MONEY, currency));
  assert.equal(added.changes.map(line), ['non-breaking library-schema-added - 6:5: Schema `Currency` was added to library `revision.yaml`.']);
});

test('a components-only AsyncAPI library (no channels) is compared too', async () => {
  const lib = (req: string) => `asyncapi: 3.0.0
info: { title: Common, version: 1.0.0 }
components:
  schemas:
    Money: { type: object, required: [${req}], properties: { amount: { type: string }, currency: { type: string } } }
`;
  const r = await diffTexts(lib('amount, currency'), lib('amount'));
  assert.equal(r.changes.map(line), [
    'breaking property-became-optional emit 5:88: Schema `Money` (in library `revision.yaml`, no user known: checked both ways): consumers may no longer receive `currency` in the `Money` schema: it is no longer required.',
  ]);
});

/** Run `specgate diff` in-process in `cwd`, JSON output. */
async function run(args: string[], opts: Partial<DiffRunOptions>, cwd: string): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  let out = '';
  const before = process.cwd();
  process.stdout.write = ((s: string, cb?: () => void) => ((out += s), cb?.(), true)) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    process.chdir(cwd);
    return { code: await runDiff(args, { format: 'json', failOn: 'breaking', mode: 'auto', extensions: 'patch', ...opts }), out };
  } finally {
    process.chdir(before);
    process.stdout.write = write;
    process.stderr.write = ewrite;
  }
}

test('--base over a folder: a library schema is checked in the direction of the specs that $ref it, and names them', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-lib-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  try {
    mkdirSync(path.join(dir, 'specs/common'), { recursive: true });
    writeFileSync(path.join(dir, 'specs/common/schemas.yaml'), library(MONEY));
    // Money reaches the request body of POST /orders through the spec's own `Order` schema: accepted data.
    writeFileSync(
      path.join(dir, 'specs/order.yaml'),
      `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }
      responses: { '201': { description: Created. } }
components:
  schemas:
    Order: { type: object, properties: { total: { $ref: './common/schemas.yaml#/components/schemas/Money' } } }
`,
    );
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    writeFileSync(path.join(dir, 'specs/common/schemas.yaml'), library(MONEY.replace('maxLength: 3', 'maxLength: 5')));
    const r = await run(['specs'], { baseRef: 'main' }, dir);
    const results = JSON.parse(r.out).results as { revision: { file: string }; changes: Change[] }[];
    const lib = results.find((x) => x.revision.file === path.join('specs', 'common', 'schemas.yaml'))!;
    assert.equal(lib.changes.map(line), [
      'non-breaking max-length-increased accept 5:124: Schema `Money` (in library `specs/common/schemas.yaml`, used by `POST /orders` in `specs/order.yaml`): `currency` `maxLength` changed from ≤ 3 to ≤ 5; more values are accepted.',
    ]);
    // Non-breaking passes `--fail-on breaking`; the unchanged version fails `--check-version`, as for any spec.
    assert.is(r.code, 0);
    assert.is((await run(['specs'], { baseRef: 'main', checkVersion: true }, dir)).code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
