// An Avro payload in an .avsc file that refers to another with `$ref` (and then to its types by name):
// the generated type has the referenced record as a member, and the generated codec encodes the inlined
// schema, checked against avsc given the two files inlined by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import avro from 'avsc';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryTransport, ValidationError, type IncomingMessage } from 'specgate/runtime';
import { until } from '../brokers/servers.js';
import { assertRuntimeBuilt, generateInto, ROOT } from './helpers.js';

assertRuntimeBuilt();
const DIR = path.join(ROOT, 'test', 'generate', 'fixtures', 'avro-ref');
const SPEC = path.join(DIR, 'avro-ref.asyncapi.yaml');
const load = async (role: 'service' | 'client') => {
  const dir = await generateInto(SPEC, role, path.join('avro-ref', role));
  return { dir, mod: await import(pathToFileURL(path.join(dir, 'index.ts')).href) };
};
const service = await load('service');
const client = await load('client');

const read = (name: string) => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as { fields: { name: string; type: unknown }[] };
const inlinedByHand = read('order.avsc');
inlinedByHand.fields[1].type = read('money.avsc');
const rawType = avro.Type.forSchema(inlinedByHand as avro.Schema);

const order = {
  id: 'o-1',
  total: { amount: '12.45', currency: 'EUR' },
  tax: { amount: '2.07', currency: 'EUR' },
  currencies: ['EUR', 'USD'],
};

test('the generated Order type has the referenced Money record as members', () => {
  const types = readFileSync(path.join(service.dir, 'types.ts'), 'utf8');
  assert.match(types, /export interface Order \{[^}]*\n  total: Money;\n  tax\?: null \| Money;\n  currencies: Currency\[\];\n\}/);
  assert.match(types, /export interface Money \{[^}]*\n  amount: string;\n  currency: Currency;\n\}/);
});

test('InMemoryTransport: the handler gets what was sent; the body is the encoding of the inlined schema', async () => {
  const transport = new InMemoryTransport();
  const wire: IncomingMessage[] = [];
  await transport.subscribe('orders.placed', async (m) => void wire.push(m), { mode: 'publish-subscribe', group: 'wire' });
  const got: unknown[] = [];
  const handle = await client.mod.registerAvroRefsHandlers({ transport, group: 'billing' }, { handlePublishOrder: ({ payload }: { payload: unknown }) => void got.push(payload) });
  const sender = service.mod.createAvroRefsClient({ transport });
  try {
    await sender.publishOrder(order);
    await until(() => got.length === 1, 'the handler');
    assert.equal(got[0], order);
    await transport.drain();
    const decoded = rawType.fromBuffer(Buffer.from(wire[0].body)) as { total: { amount: Buffer; currency: string }; tax: { amount: Buffer } };
    assert.equal([...decoded.total.amount], [0x04, 0xdd], 'a decimal of the referenced record: unscaled 1245');
    assert.is(decoded.total.currency, 'EUR');
    assert.equal([...decoded.tax.amount], [0x00, 0xcf], "207, with a sign byte");
    const e = await sender.publishOrder({ ...order, total: { amount: '1', currency: 'GBP' } }).then(() => undefined, (x: unknown) => x);
    assert.instance(e, ValidationError);
    assert.equal((e as ValidationError).issues, [{ path: '/total/currency', message: 'must be one of EUR, USD' }]);
  } finally {
    await sender.close();
    await handle.close();
  }
});

test.run();
