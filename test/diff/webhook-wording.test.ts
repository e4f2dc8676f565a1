// What the diff says about OpenAPI 3.1 webhooks: the API sends their requests to its subscribers' endpoints
// and reads their answers, so the sentences name those endpoints, never the API's clients.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sideText } from '../../src/diff/report/words.js';
import { diffTexts } from './helpers.js';

const BODY = "      requestBody:\n        required: true\n        content:\n          application/json: { schema: { $ref: '#/components/schemas/Shipment' } }\n";
const HEADER = 'X-Receipt: { schema: { type: string } }';

/** The shop calls its subscribers' `orderShipped` webhook with a `Shipment`; they answer with an ack and a header. */
const shop = (shipment = '', params = '') => `openapi: 3.1.0
info: { title: Shop, version: 1.0.0 }
webhooks:
  orderShipped:
    post:
${params}${BODY}      responses:
        '200':
          description: Received.
          headers:
            ${HEADER}
          content:
            application/json: { schema: { type: object } }
components:
  securitySchemes: { key: { type: apiKey, in: header, name: X-Key } }
  schemas:
    Shipment: { type: object, required: [orderId], properties: { orderId: { type: string }${shipment} } }
`;
const param = (p: string) => `      parameters: [{ name: X-Sig, in: header${p}, schema: { type: string } }]\n`;
const IN = 'Schema `Shipment` (in request body of `webhook orderShipped POST`)';
const OP = '`webhook orderShipped POST`';

const cases: [string, string, string, string[]][] = [
  ['a sent property no longer required', shop(', carrier: { type: string }').replace('required: [orderId]', 'required: [orderId, carrier]'), shop(', carrier: { type: string }'), [
    `breaking property-became-optional: ${IN}: subscribers' endpoints may no longer receive \`carrier\` in the \`Shipment\` schema: it is no longer required.`,
  ]],
  ['a sent limit raised', shop(', carrier: { type: string, maxLength: 3 }'), shop(', carrier: { type: string, maxLength: 5 }'), [
    `breaking max-length-increased: ${IN}: \`carrier\` \`maxLength\` changed from ≤ 3 to ≤ 5; subscribers' endpoints may receive values outside the old limit.`,
  ]],
  ['a sent value may now be null', shop(', carrier: { type: string }'), shop(', carrier: { type: [string, "null"] }'), [
    `breaking type-widened: ${IN}: \`carrier\` may now be \`null\`; subscribers' endpoints that do not expect \`null\` break.`,
  ]],
  ['a sent enum value added', shop(', carrier: { enum: [a, b] }'), shop(', carrier: { enum: [a, b, c] }'), [
    `warning enum-value-added: ${IN}: \`carrier\` now allows \`c\`; subscribers' endpoints that check the value may not handle it.`,
  ]],
  ['a sent property removed', shop(', carrier: { type: string }'), shop(), [
    `warning optional-property-removed: ${IN}: subscribers' endpoints may no longer receive \`carrier\` in the \`Shipment\` schema.`,
  ]],
  ['a sent variant added', shop(', carrier: { oneOf: [{ type: string }] }'), shop(', carrier: { oneOf: [{ type: string }, { type: integer }] }'), [
    `breaking variant-added: ${IN}: \`carrier\` now allows the \`#2\` variant; subscribers' endpoints may receive a shape they do not handle.`,
  ]],
  ['a sent property became write-only', shop(', carrier: { type: string }'), shop(', carrier: { type: string, writeOnly: true }'), [
    `breaking property-became-write-only: ${IN}: \`carrier\` in the \`Shipment\` schema became write-only; subscribers' endpoints no longer receive it.`,
  ]],
  ['the body no longer sent', shop(), shop().replace(BODY, ''), [`breaking request-body-removed: ${OP} no longer sends a request body: subscribers' endpoints no longer receive it.`]],
  ['the body no longer always sent', shop(), shop().replace('        required: true\n', ''), [`breaking request-body-became-optional: The request body of ${OP} is now optional: subscribers' endpoints may now receive none.`]],
  ['the body sent as another type', shop(), shop().replace("application/json: { schema: { $ref", "text/plain: { schema: { $ref"), [
    `warning request-media-type-added: ${OP} now sends request bodies of type \`text/plain\`; subscribers' endpoints may not read it.`,
    `non-breaking request-media-type-removed: ${OP} no longer sends request bodies of type \`application/json\`.`,
  ]],
  ['a sent header no longer sent', shop('', param('')), shop(), [`breaking parameter-removed: ${OP} no longer has header parameter \`X-Sig\`: subscribers' endpoints no longer receive it.`]],
  ['a sent header no longer always sent', shop('', param(', required: true')), shop('', param('')), [`breaking parameter-became-optional: Header parameter \`X-Sig\` of ${OP} is now optional: subscribers' endpoints may no longer receive it.`]],
  ['a sent header less constrained', shop('', param('').replace('{ type: string }', '{ type: string, maxLength: 3 }')), shop('', param('')), [
    `breaking max-length-removed: Header parameter \`X-Sig\` of ${OP}: the parameter no longer has \`maxLength\` ≤ 3; subscribers' endpoints may receive values outside the old limit.`,
  ]],
  ['the answer must now carry a header', shop(), shop().replace(HEADER, 'X-Receipt: { required: true, schema: { type: string } }'), [
    `breaking response-header-became-required: Header \`X-Receipt\` of the \`200\` response of ${OP} is now required: subscribers' endpoints must now send it.`,
  ]],
  ['the answer must carry a new header', shop(), shop().replace(HEADER, `${HEADER}\n            X-Trace: { required: true, schema: { type: string } }`), [
    `breaking response-header-added: The \`200\` response of ${OP} now has required header \`X-Trace\`: subscribers' endpoints must now send it.`,
  ]],
  ['the webhook deprecated', shop(), shop().replace('    post:\n', '    post:\n      deprecated: true\n'), [`non-breaking deprecated: Webhook \`orderShipped\` (\`POST\`) is now deprecated.`]],
  ['the webhook now authenticates', shop(), shop().replace('    post:\n', '    post:\n      security: [{ key: [] }]\n'), [
    `breaking security-requirement-added: ${OP} no longer calls subscribers' endpoints with no authentication; it uses key.`,
  ]],
  ['the webhook no longer authenticates', shop().replace('    post:\n', '    post:\n      security: [{ key: [] }]\n'), shop(), [`non-breaking security-requirement-removed: ${OP} may now call subscribers' endpoints with no authentication.`]],
  ['the webhook removed', shop(), shop().replace('    post:\n', '    put:\n'), [
    "breaking operation-removed: Webhook `orderShipped` (`POST`) was removed: subscribers' endpoints no longer receive it.",
    'non-breaking operation-added: Webhook `orderShipped` (`PUT`) was added.',
  ]],
];

for (const [title, base, rev, expected] of cases)
  test(`webhook: ${title}`, async () => {
    const r = await diffTexts(base, rev);
    assert.equal(r.changes.map((c) => `${c.level} ${c.id}: ${c.message}`), expected);
  });

test('no webhook sentence names clients', async () => {
  for (const [, base, rev] of cases) for (const c of (await diffTexts(base, rev)).changes) assert.not.match(c.message, /client|receivers/, c.message);
});

test('a path operation still speaks of clients', async () => {
  const api = (req: string) => `openapi: 3.1.0
info: { title: Shop, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { type: object, required: [${req}], properties: { id: { type: string } } } }
`;
  const r = await diffTexts(api('id'), api(''));
  assert.equal(r.changes.map((c) => c.message), ['`200` response of `GET /orders`: clients may no longer receive `id` in the response body: it is no longer required.']);
});

test('a schema a webhook sends and a path operation returns: both readers are named, in one change', async () => {
  const both = (s: string) => shop(s).replace('webhooks:', `paths:
  /shipments/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { $ref: '#/components/schemas/Shipment' } }
webhooks:`);
  const r = await diffTexts(both(', carrier: { type: string, maxLength: 3 }'), both(', carrier: { type: string, maxLength: 5 }'));
  assert.equal(r.changes.map((c) => `${c.level} ${c.id}: ${c.message}`), [
    "breaking max-length-increased: Schema `Shipment` (in request body of `webhook orderShipped POST` and 1 more): `carrier` `maxLength` changed from ≤ 3 to ≤ 5; subscribers' endpoints and clients may receive values outside the old limit.",
  ]);
});

test('text reports say a webhook change is in the requests the API sends or the answers it gets', async () => {
  const r = await diffTexts(shop(', carrier: { type: string, maxLength: 3 }'), shop(', carrier: { type: string, maxLength: 5 }'));
  assert.equal(sideText(r.changes[0], 'openapi'), 'in webhook requests');
  const a = await diffTexts(shop(), shop().replace(HEADER, 'X-Receipt: { schema: { type: string, maxLength: 3 } }'));
  assert.equal([a.changes[0].direction, sideText(a.changes[0], 'openapi')], ['accept', 'in webhook responses']);
});

test.run();
