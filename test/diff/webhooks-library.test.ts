import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome } from '../../src/cli/diff.js';
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
    'breaking property-became-optional emit 17:93: Schema `Shipment` (in request body of `webhook orderShipped POST`): clients may no longer receive `carrier` in the `Shipment` schema: it is no longer required.',
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
    'breaking operation-removed - base 16:5: Webhook `orderCancelled` (`POST`) was removed: its receivers no longer get it.',
    'non-breaking operation-added - 16:5: Webhook `orderRefunded` (`POST`) was added.',
  ]);
  assert.equal([r.bump, r.versionCheck?.ok, outcome([r], { failOn: 'breaking' }), outcome([r], { failOn: 'breaking', checkVersion: true })], ['major', false, 1, 1]);
});

test('webhook request body no longer always sent breaks receivers; now always sent does not', async () => {
  const optional = shop(SHIPMENT).replace('        required: true\n', '');
  const looser = await diffTexts(shop(SHIPMENT), optional);
  assert.equal(looser.changes.map(line), ['breaking request-body-became-optional emit 8:11: The request body of `webhook orderShipped POST` is now optional: receivers may get none.']);
  const stricter = await diffTexts(optional, shop(SHIPMENT));
  assert.equal(stricter.changes.map(line), ['non-breaking request-body-became-required emit 9:11: The request body of `webhook orderShipped POST` is now required.']);
});

test('webhook parameters are sent by the API: a new required header is harmless, one no longer required breaks receivers', async () => {
  const withHeader = (h: string) => shop(SHIPMENT).replace('    post:\n', `    post:\n      parameters: [${h}]\n`);
  const added = await diffTexts(shop(SHIPMENT), withHeader('{ name: X-Signature, in: header, required: true, schema: { type: string } }'));
  assert.equal(added.changes.map(line), ['non-breaking required-parameter-added emit 6:20: `webhook orderShipped POST` has a new required header parameter `X-Signature`.']);
  const optional = await diffTexts(withHeader('{ name: X-Signature, in: header, required: true, schema: { type: string } }'), withHeader('{ name: X-Signature, in: header, schema: { type: string } }'));
  assert.equal(optional.changes.map(line), ['breaking parameter-became-optional emit 6:20: Header parameter `X-Signature` of `webhook orderShipped POST` is now optional: receivers may no longer get it.']);
});

test.run();
