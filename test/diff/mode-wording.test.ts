// Who reads the data, when `--mode forward|full` checks everything as emitted data (old readers, new
// writers): a response is read by the API's clients, but a request (body or parameter) is written by the
// clients and read by the API's servers, and a webhook's answer is read by the API too. The sentences name
// those readers, as they name subscribers' endpoints for what a webhook sends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

/** `POST /orders` takes `request` with header `X-Sig` of schema `header`, and answers `201` with `response` (schemas, YAML flow text). */
function orders(request: string, response: string, header = '{ type: string }'): string {
  return `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      operationId: placeOrder
      parameters: [{ name: X-Sig, in: header, schema: ${header} }]
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
const limit = (n: number) => `{ type: string, maxLength: ${n} }`;

async function changes(base: string, rev: string, mode: Mode): Promise<string[]> {
  const r = await diffTexts(base, rev, { mode });
  return r.changes.map((c) => `${c.id} ${c.level} ${c.message}`);
}

test('--mode forward: a request body allowing more is read by the API’s servers, a response by clients', async () => {
  assert.equal(await changes(orders(limit(3), limit(3)), orders(limit(5), limit(5)), 'forward'), [
    `max-length-increased breaking ${REQ}: the request body \`maxLength\` changed from ≤ 3 to ≤ 5; the API's servers may receive values outside the old limit.`,
    `max-length-increased breaking ${RES}: the response body \`maxLength\` changed from ≤ 3 to ≤ 5; clients may receive values outside the old limit.`,
  ]);
  const note = (required: string) => `{ type: object, required: [${required}], properties: { id: { type: string }, note: { type: string } } }`;
  assert.equal(await changes(orders(note('id, note'), OK), orders(note('id'), OK), 'forward'), [
    `property-became-optional breaking ${REQ}: the API's servers may no longer receive \`note\` in the request body: it is no longer required.`,
  ]);
});

test('--mode full: a request header and a request body checked as emitted data name the API’s servers', async () => {
  assert.equal(await changes(orders(OK, OK, limit(3)), orders(OK, OK, limit(5)), 'full'), [
    "max-length-increased breaking Header parameter `X-Sig` of `POST /orders`: the parameter `maxLength` changed from ≤ 3 to ≤ 5; the API's servers may receive values outside the old limit.",
  ]);
  assert.equal(await changes(orders('{ oneOf: [{ type: string }] }', OK), orders('{ oneOf: [{ type: string }, { type: integer }] }', OK), 'full'), [
    `variant-added breaking ${REQ}: the request body now allows the \`#2\` variant; the API's servers may receive a shape they do not handle.`,
  ]);
});

test('--mode forward: a webhook’s answer is read by the API, its request by subscribers’ endpoints', async () => {
  const hook = (request: string, response: string) => `openapi: 3.1.0
info: { title: Shop, version: 1.0.0 }
webhooks:
  orderShipped:
    post:
      requestBody:
        content:
          application/json: { schema: ${request} }
      responses:
        '200':
          description: Received.
          content:
            application/json: { schema: ${response} }
`;
  assert.equal(await changes(hook(limit(3), limit(3)), hook(limit(5), limit(5)), 'forward'), [
    "max-length-increased breaking Request body of `webhook orderShipped POST`: the request body `maxLength` changed from ≤ 3 to ≤ 5; subscribers' endpoints may receive values outside the old limit.",
    "max-length-increased breaking `200` response of `webhook orderShipped POST`: the response body `maxLength` changed from ≤ 3 to ≤ 5; the API's servers may receive values outside the old limit.",
  ]);
});

test('--mode auto: a request body is accepted data, its sentences name no reader', async () => {
  assert.equal(await changes(orders(limit(3), OK), orders(limit(5), OK), 'auto'), [
    `max-length-increased non-breaking ${REQ}: the request body \`maxLength\` changed from ≤ 3 to ≤ 5; more values are accepted.`,
  ]);
});

test.run();
