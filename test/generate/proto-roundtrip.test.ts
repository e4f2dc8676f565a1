// Generated Protobuf clients and handlers over InMemoryTransport and a real nats-server: the body on the
// wire is the Protobuf encoding (decoded here with protobufjs directly), the message type is the one
// @asyncapi/protobuf-schema-parser picks (`@RootNode` in shipment.proto), and invalid payloads fail with
// JSON-pointer issues both ways.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import protobuf from 'protobufjs';
import { connect } from 'nats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryTransport, ValidationError, type IncomingMessage, type InvalidMessage } from 'specgate/runtime';
import { NatsTransport } from 'specgate/runtime/nats';
import { nats, unique, until } from '../brokers/servers.js';
import { assertRuntimeBuilt, generateInto, ROOT } from './helpers.js';

assertRuntimeBuilt();
const FIXTURES = path.join(ROOT, 'test', 'generate', 'fixtures');
const SPEC = path.join(FIXTURES, 'proto-orders.asyncapi.yaml');
const load = async (role: 'service' | 'client') =>
  import(pathToFileURL(path.join(await generateInto(SPEC, role, path.join('proto-roundtrip', role)), 'index.ts')).href);
const service = (await load('service')) as typeof import('../.generated/proto-roundtrip/service/index.js');
const client = (await load('client')) as typeof import('../.generated/proto-roundtrip/client/index.js');
const Shipment = protobuf.parse(readFileSync(path.join(FIXTURES, 'shipment.proto'), 'utf8'), { keepCase: true }).root.lookupType('logistics.ShipmentSent');

type ShipmentSent = import('../.generated/proto-roundtrip/service/index.js').ShipmentSent;
const shipment: ShipmentSent = { order_id: 'o-1', parcels: [{ id: 'p1', weight_kg: 1.5 }, { id: 'p2', weight_kg: 0.25 }], sent_at: '-9223372036854775808' };

async function roundTrip(transport: import('specgate/runtime').Transport, group: string, raw: () => Promise<Uint8Array>) {
  const got: unknown[] = [];
  const handle = await client.registerProtoOrdersHandlers({ transport, group }, { handlePublishShipmentSent: ({ payload, message }) => void got.push({ message, payload }) });
  try {
    const sender = service.createProtoOrdersClient({ transport });
    await sender.publishShipmentSent(shipment);
    await until(() => got.length === 1, 'the handler');
    assert.equal(got[0], { message: 'ShipmentSent', payload: shipment }, '64-bit integers as decimal strings, nothing lost');
    const decoded = Shipment.toObject(Shipment.decode(await raw()), { longs: String });
    assert.equal(decoded, shipment);
    await sender.close();
  } finally {
    await handle.close();
  }
}

test('InMemoryTransport: the handler gets what was sent; the body is the Protobuf encoding', async () => {
  const transport = new InMemoryTransport();
  const wire: IncomingMessage[] = [];
  await transport.subscribe('shipments.sent', async (m) => void wire.push(m), { mode: 'publish-subscribe', group: 'wire' });
  await roundTrip(transport, 'billing', async () => {
    await transport.drain();
    assert.is(wire[0].headers.contentType, 'application/x-protobuf');
    return wire[0].body;
  });
});

test('an invalid payload is refused before sending, with the paths of its problems', async () => {
  const sender = service.createProtoOrdersClient({ transport: new InMemoryTransport() });
  const bad = { order_id: 'o', status: 'LOST', lines: [{ sku: 1, quantity: 1, price_cents: '1.5' }], card_token: 't', voucher: '5', extra: true };
  const e = (await sender.publishOrderPlaced(bad as never).then(() => undefined, (x: unknown) => x)) as ValidationError;
  assert.instance(e, ValidationError);
  assert.equal(e.issues, [
    { path: '/extra', message: 'is not a field of OrderPlaced' },
    { path: '', message: 'sets card_token and voucher; at most one of oneof payment may be set' },
    { path: '/status', message: 'must be one of NEW, PAID' },
    { path: '/lines/0/sku', message: 'must be a string' },
    { path: '/lines/0/price_cents', message: 'must be a int64 as a decimal string (or a safe integer)' },
  ]);
});

test('bytes that do not decode go to onInvalid as a ValidationError of the body', async () => {
  const transport = new InMemoryTransport();
  const invalid: InvalidMessage[] = [];
  await client.registerProtoOrdersHandlers({ transport, group: 'g', onInvalid: (i) => void invalid.push(i) }, { handlePublishShipmentSent: () => undefined });
  const good = Shipment.encode(Shipment.fromObject(shipment)).finish();
  await transport.publish({ address: 'shipments.sent', headers: { messageId: 'm1' }, body: good.subarray(0, good.length - 2) }, { mode: 'publish-subscribe' });
  await transport.drain();
  assert.equal(invalid.map((i) => [i.error.direction, i.error.part, i.error.issues.map((x) => x.path)]), [['incoming', 'body', ['']]]);
  assert.match(invalid[0].error.issues[0].message, /^is not Protobuf logistics\.ShipmentSent: /);
});

const server = await nats();
if (server) {
  test('NATS: the generated sides round-trip; the raw NATS message is the Protobuf encoding', async () => {
    const prefix = unique('proto');
    const transport = new NatsTransport({ servers: server.url, deadLetterPrefix: `${prefix}.dead` });
    const nc = await connect({ servers: server.url });
    const raw = nc.subscribe('shipments.sent', { max: 1 });
    try {
      await roundTrip(transport, prefix, async () => {
        for await (const m of raw) return m.data;
        throw new Error('no raw message');
      });
    } finally {
      await nc.close();
      await transport.close();
    }
  });
}

test.run();
