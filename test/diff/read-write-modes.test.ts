// `readOnly`/`writeOnly` say which requests and responses a property is part of, whatever direction a
// `--mode` checks the data in: a read-only property is in no request, a write-only one in no response.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

/** `POST /orders` takes `request` and answers `201` with `response` (schemas, YAML flow text). */
function orders(request: string, response: string): string {
  return `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json: { schema: ${request} }
      responses:
        '201':
          description: created
          content:
            application/json: { schema: ${response} }
`;
}
const OK = '{ type: string }';
const REQ = 'Request body of `POST /orders`';
const RES = '`201` response of `POST /orders`';
const obj = (props: string) => `{ type: object, properties: { ${props} } }`;

async function changes(base: string, rev: string, mode: Mode): Promise<string[]> {
  const r = await diffTexts(base, rev, { mode });
  return r.changes.map((c) => `${c.id} ${c.level} ${c.message}`);
}

const MODES: Mode[] = ['backward', 'forward', 'full'];

test('a read-only property of a request body changed: no change in any registry mode', async () => {
  const ro = (p: string) => obj(`id: { type: string, readOnly: true, pattern: '${p}' }`);
  for (const mode of MODES) assert.equal(await changes(orders(ro('^[a-z0-9]+$'), OK), orders(ro('^[a-z]+$'), OK), mode), [], mode);
});

test('a write-only property of a response changed: no change in any registry mode', async () => {
  const wo = (n: number) => obj(`pw: { type: string, writeOnly: true, maxLength: ${n} }`);
  for (const mode of MODES) assert.equal(await changes(orders(OK, wo(10)), orders(OK, wo(20)), mode), [], mode);
});

test('a read-only property removed from a request body, or a write-only one from a response: no change in any registry mode', async () => {
  const keep = 'sku: { type: string }';
  for (const mode of MODES) {
    assert.equal(await changes(orders(obj(`${keep}, id: { type: string, readOnly: true }`), OK), orders(obj(keep), OK), mode), [], mode);
    assert.equal(await changes(orders(OK, obj(`${keep}, pw: { type: string, writeOnly: true }`)), orders(OK, obj(keep)), mode), [], mode);
  }
});

test('a read-only property of a response is part of it: changed or removed, it is checked in the mode’s direction', async () => {
  const ro = (p: string) => obj(`id: { type: string, readOnly: true, pattern: '${p}' }`);
  assert.equal(await changes(orders(OK, ro('^[a-z0-9]+$')), orders(OK, ro('^[a-z]+$')), 'backward'), [
    `pattern-changed breaking ${RES}: \`id\` pattern changed from \`^[a-z0-9]+$\` to \`^[a-z]+$\`.`,
  ]);
  const keep = 'sku: { type: string }';
  assert.equal(await changes(orders(OK, obj(`${keep}, id: { type: string, readOnly: true }`)), orders(OK, obj(keep)), 'backward'), [
    `optional-property-removed non-breaking ${RES}: \`id\` was removed from the response body; it is no longer read.`,
  ]);
});

test('a write-only property of a request body is part of it: checked in the mode’s direction', async () => {
  const wo = (n: number) => obj(`pw: { type: string, writeOnly: true, maxLength: ${n} }`);
  assert.equal(await changes(orders(wo(10), OK), orders(wo(20), OK), 'forward'), [
    `max-length-increased breaking ${REQ}: \`pw\` \`maxLength\` changed from ≤ 10 to ≤ 20; the API's servers may receive values outside the old limit.`,
  ]);
});

test('a response property becoming read-only, or a request property write-only, changes nothing in a registry mode either', async () => {
  const f = (flags: string) => obj(`id: { type: string${flags} }`);
  assert.equal(await changes(orders(OK, f('')), orders(OK, f(', readOnly: true')), 'backward'), [
    `property-became-read-only non-breaking ${RES}: \`id\` in the response body became read-only.`,
  ]);
  assert.equal(await changes(orders(f(''), OK), orders(f(', writeOnly: true'), OK), 'forward'), [
    `property-became-write-only non-breaking ${REQ}: \`id\` in the request body became write-only.`,
  ]);
  // In the data the flag is about, the mode's direction decides, as for any change.
  assert.equal(await changes(orders(f(''), OK), orders(f(', readOnly: true'), OK), 'backward'), [
    `property-became-read-only breaking ${REQ}: \`id\` in the request body became read-only; clients that send it may be rejected.`,
  ]);
});

test.run();
