// Verdicts decided by what the schemas allow, not by which keywords changed: a change breaks accepted
// data when some instance valid before is rejected now, and emitted data when something new may be sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

/** An OpenAPI 3.0 document: `POST /orders` takes `request` and answers `201` with `response` (media type objects, YAML flow text). */
function orders(request: string, response: string): string {
  return `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json: ${request}
      responses:
        '201':
          description: created
          content:
            application/json: ${response}
`;
}
const body = (schema: string) => `{ schema: ${schema} }`;
const OK = body('{ type: string }');
const REQ = 'Request body of `POST /orders`';
const RES = '`201` response of `POST /orders`';

/** `id level message` of every change, in report order. */
async function changes(base: string, rev: string, mode?: Mode): Promise<string[]> {
  const r = await diffTexts(base, rev, mode ? { mode } : {});
  return r.changes.map((c) => `${c.id} ${c.level} ${c.message}`);
}

test('a readOnly property is not part of requests: its pattern relaxed there is no change; in the response it is', async () => {
  const ro = (p: string) => body(`{ type: object, properties: { id: { type: string, readOnly: true, pattern: '${p}' } } }`);
  assert.equal(await changes(orders(ro('^[a-z]+$'), OK), orders(ro('^[a-z0-9]+$'), OK)), []);
  assert.equal(await changes(orders(OK, ro('^[a-z]+$')), orders(OK, ro('^[a-z0-9]+$'))), [
    `pattern-changed breaking ${RES}: \`id\` pattern changed from \`^[a-z]+$\` to \`^[a-z0-9]+$\`.`,
  ]);
});

test('a writeOnly property is not part of responses: its maxLength raised there is no change; in the request it is', async () => {
  const wo = (n: number) => body(`{ type: object, properties: { pw: { type: string, writeOnly: true, maxLength: ${n} } } }`);
  assert.equal(await changes(orders(OK, wo(10)), orders(OK, wo(20))), []);
  assert.equal(await changes(orders(wo(20), OK), orders(wo(10), OK)), [`max-length-decreased breaking ${REQ}: \`pw\` \`maxLength\` changed from ≤ 20 to ≤ 10; values valid before are now rejected.`]);
});

test.run();
