// Generated Avro clients and handlers over InMemoryTransport and a real nats-server: the body on the wire
// is the Avro binary encoding (decoded here with avsc directly), payloads are checked before sending, and
// bytes that are not the schema's encoding, or decode to an invalid value, reach onInvalid as a
// ValidationError like JSON payloads do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { pathToFileURL } from 'node:url';
import avro from 'avsc';
import { connect } from 'nats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryTransport, ValidationError, type IncomingMessage, type InvalidMessage } from 'specgate/runtime';
import { NatsTransport } from 'specgate/runtime/nats';
import { nats, unique, until } from '../brokers/servers.js';
import { assertRuntimeBuilt, generateInto, ROOT } from './helpers.js';

assertRuntimeBuilt();
const SPEC = path.join(ROOT, 'test', 'generate', 'fixtures', 'avro-orders.asyncapi.yaml');
const load = async (role: 'service' | 'client') =>
  import(pathToFileURL(path.join(await generateInto(SPEC, role, path.join('avro-roundtrip', role)), 'index.ts')).href);
const service = (await load('service')) as typeof import('../.generated/avro-roundtrip/service/index.js');
const client = (await load('client')) as typeof import('../.generated/avro-roundtrip/client/index.js');

type OrderPlaced = import('../.generated/avro-roundtrip/service/index.js').OrderPlaced;
const order: OrderPlaced = {
  orderId: '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e',
  status: 'PAID',
  lines: [
    { sku: 'BOOK-0042', quantity: 2, price: '12.45' },
    { sku: 'PEN-7', quantity: 1, price: '-0.05' },
  ],
  tags: { channel: 'web' },
  note: 'leave at the door',
  placedAt: 1715679000123,
  deliveryDate: 19860,
  checksum: Buffer.alloc(16, 0xab),
  attachment: Buffer.from([0, 1, 2, 255]),
  discount: 2.5,
  previous: { sku: 'OLD-1', quantity: 3, price: '1000.00' },
};
// What avsc itself makes of the schema, for decoding the raw bytes (`decimal` left as its bytes).
const spec = yaml.load(readFileSync(SPEC, 'utf8')) as { components: { messages: Record<string, { payload: { schema: avro.Schema } }> } };
const rawType = avro.Type.forSchema(spec.components.messages.OrderPlaced.payload.schema, { wrapUnions: 'auto' });
const customerType = avro.Type.forSchema(JSON.parse(readFileSync(path.join(path.dirname(SPEC), 'customer.avsc'), 'utf8')) as avro.Schema);

async function roundTrip(transport: import('specgate/runtime').Transport, group: string, raw: () => Promise<Uint8Array>) {
  const got: unknown[] = [];
  const handle = await client.registerAvroOrdersHandlers({ transport, group }, { handlePublishOrderPlaced: ({ payload, message }) => void got.push({ message, payload }) });
  try {
    const sender = service.createAvroOrdersClient({ transport });
    await sender.publishOrderPlaced(order);
    await until(() => got.length === 1, 'the handler');
    assert.equal(got[0], { message: 'OrderPlaced', payload: order });
    const body = await raw();
    const decoded = rawType.fromBuffer(Buffer.from(body)) as Record<string, unknown>;
    assert.is(decoded.orderId, order.orderId);
    assert.is(decoded.status, 'PAID');
    assert.equal((decoded.lines as { price: Buffer }[]).map((l) => [...l.price]), [[0x04, 0xdd], [0xfb]], 'decimals as two\'s-complement unscaled integers');
    assert.equal([...(decoded.previous as { price: Buffer }).price], [0x01, 0x86, 0xa0]);
    assert.equal(decoded.checksum, order.checksum);
    assert.is(decoded.placedAt, order.placedAt);
    await sender.close();
  } finally {
    await handle.close();
  }
}

test('InMemoryTransport: the handler gets what was sent; the body is the Avro binary encoding', async () => {
  const transport = new InMemoryTransport();
  const wire: IncomingMessage[] = [];
  await transport.subscribe('orders.placed', async (m) => void wire.push(m), { mode: 'publish-subscribe', group: 'wire' });
  await roundTrip(transport, 'billing', async () => {
    await transport.drain();
    assert.is(wire.length, 1);
    assert.is(wire[0].headers.contentType, 'avro/binary');
    return wire[0].body;
  });
});

test('an invalid payload is refused before sending, with the paths of its problems', async () => {
  const transport = new InMemoryTransport();
  const sender = service.createAvroOrdersClient({ transport });
  const bad = { ...order, status: 'LOST', lines: [{ sku: 'X', quantity: 1.5, price: '1.234' }] } as unknown as OrderPlaced;
  const e = await sender.publishOrderPlaced(bad).then(() => undefined, (x: unknown) => x);
  assert.instance(e, ValidationError);
  const v = e as ValidationError;
  assert.is(v.direction, 'outgoing');
  assert.is(v.part, 'payload');
  assert.equal(v.issues, [
    { path: '/status', message: 'must be one of NEW, PAID, SHIPPED' },
    { path: '/lines/0/quantity', message: 'must be an int' },
    { path: '/lines/0/price', message: 'must be a decimal string within the precision and scale of the schema' },
  ]);
  const extra = await sender.publishCustomerRegistered({ id: 1, email: 'a@b.c', registeredAt: 1, vip: true } as never).then(() => undefined, (x: unknown) => x);
  assert.equal((extra as ValidationError).issues, [{ path: '', message: 'has unknown field `vip`' }]);
});

test('bytes that are not the encoding, or decode to an invalid value, go to onInvalid as ValidationError', async () => {
  const transport = new InMemoryTransport();
  const invalid: InvalidMessage[] = [];
  const handled: unknown[] = [];
  await client.registerAvroOrdersHandlers(
    { transport, group: 'g', onInvalid: (i) => void invalid.push(i) },
    { handlePublishOrderPlaced: ({ payload }) => void handled.push(payload), handlePublishCustomerRegistered: ({ payload }) => void handled.push(payload) },
  );
  const good = rawType.toBuffer({ ...order, lines: [], previous: null });
  await transport.publish({ address: 'orders.placed', headers: { messageId: 'm1', contentType: 'avro/binary' }, body: good.subarray(0, good.length - 3) }, { mode: 'publish-subscribe' });
  await transport.publish({ address: 'orders.placed', headers: { messageId: 'm2' }, body: Buffer.from(JSON.stringify(order)) }, { mode: 'publish-subscribe' });
  await transport.publish({ address: 'customers.registered', headers: { messageId: 'm3' }, body: customerType.toBuffer({ id: 7, email: 'x@y.z', registeredAt: 1715679000123456 }) }, { mode: 'publish-subscribe' });
  // A price of 11 digits where the schema allows 10: the bytes decode, the value is invalid.
  const tooPrecise = rawType.toBuffer({ ...order, lines: [{ sku: 'X', quantity: 1, price: Buffer.from([0x17, 0x48, 0x76, 0xe8, 0x00]) }], previous: null });
  await transport.publish({ address: 'orders.placed', headers: { messageId: 'm4' }, body: tooPrecise }, { mode: 'publish-subscribe' });
  await transport.drain();
  assert.equal(handled, [{ id: 7, email: 'x@y.z', registeredAt: 1715679000123456 }], 'timestamp-micros stays a number');
  assert.equal(invalid.map((i) => [i.message.headers.messageId, i.error.direction, i.error.part, i.error.issues]), [
    ['m1', 'incoming', 'body', [{ path: '', message: 'is not Avro OrderPlaced: truncated buffer' }]],
    ['m2', 'incoming', 'body', [{ path: '', message: invalid[1]?.error.issues[0]?.message }]],
    ['m4', 'incoming', 'payload', [{ path: '/lines/0/price', message: 'must be a decimal string within the precision and scale of the schema' }]],
  ]);
  assert.match(invalid[1].error.issues[0].message, /^is not Avro OrderPlaced: /);
});

const server = await nats();
if (server) {
  test('NATS: the generated sides round-trip; the raw NATS message is the Avro binary encoding', async () => {
    const prefix = unique('avro');
    const transport = new NatsTransport({ servers: server.url, deadLetterPrefix: `${prefix}.dead` });
    const nc = await connect({ servers: server.url });
    const raw = nc.subscribe('orders.placed', { max: 1 });
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
