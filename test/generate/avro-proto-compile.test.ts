// Code generated for the Avro and Protobuf fixtures (both roles) compiles with `tsc --strict`, and the
// types bite: a wrong enum symbol, a number for a decimal, two members of one oneof, a number for an
// int64 are type errors (`@ts-expect-error` lines tsc would report as unused if they compiled).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertRuntimeBuilt, GENERATED, generateInto, ROOT, TSC } from './helpers.js';

const base = path.join(GENERATED, 'avro-proto-compile');

const TYPE_TESTS = `
import type { Transport } from 'specgate/runtime';
import { createAvroOrdersClient, type OrderPlaced } from './avro-service/index.js';
import { registerAvroOrdersHandlers } from './avro-client/index.js';
import { createProtoOrdersClient } from './proto-service/index.js';
import { registerProtoOrdersHandlers } from './proto-client/index.js';
import { createAvroRefsClient } from './avro-ref-service/index.js';

declare const transport: Transport;
declare const order: OrderPlaced;

export async function typeTests(): Promise<void> {
  const avro = createAvroOrdersClient({ transport });
  await avro.publishOrderPlaced(order);
  // @ts-expect-error not a symbol of the enum
  await avro.publishOrderPlaced({ ...order, status: 'LOST' });
  // @ts-expect-error a decimal is a string
  await avro.publishOrderPlaced({ ...order, lines: [{ sku: 's', quantity: 1, price: 1.5 }] });
  await registerAvroOrdersHandlers({ transport, group: 'g' }, { handlePublishOrderPlaced: ({ payload }) => { const n: string | null | undefined = payload.note; void n; } });

  const proto = createProtoOrdersClient({ transport });
  const line = { sku: 's', quantity: 1, price_cents: '100' };
  const base = { order_id: 'o', status: 'NEW' as const, lines: [line], tags: {}, signature: new Uint8Array(), gift: false, weight: 1 };
  await proto.publishOrderPlaced({ ...base, card_token: 't' });
  // @ts-expect-error two members of oneof payment
  await proto.publishOrderPlaced({ ...base, card_token: 't', voucher: '1' });
  // @ts-expect-error int64 is a decimal string
  await proto.publishShipmentSent({ order_id: 'o', parcels: [], sent_at: 5 });
  await registerProtoOrdersHandlers({ transport, group: 'g' }, { handlePublishShipmentSent: ({ payload }) => { const s: string = payload.sent_at; void s; } });

  const refs = createAvroRefsClient({ transport });
  await refs.publishOrder({ id: 'o', total: { amount: '1.00', currency: 'EUR' }, currencies: [] });
  // @ts-expect-error not a symbol of the enum in the referenced file
  await refs.publishOrder({ id: 'o', total: { amount: '1.00', currency: 'GBP' }, currencies: [] });
}
`;

test('generated Avro and Protobuf code compiles with tsc --strict and its types refuse wrong payloads', async () => {
  assertRuntimeBuilt();
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const files: string[] = [];
  // avro-ref: an .avsc file that refers to another with `$ref`.
  for (const [name, spec] of [['avro', 'avro-orders'], ['proto', 'proto-orders'], ['avro-ref', 'avro-ref/avro-ref']])
    for (const role of ['service', 'client'] as const) {
      const dir = await generateInto(path.join(ROOT, 'test', 'generate', 'fixtures', `${spec}.asyncapi.yaml`), role, path.join('avro-proto-compile', `${name}-${role}`));
      files.push(path.join(dir, 'index.ts'));
    }
  writeFileSync(path.join(base, 'type-tests.ts'), TYPE_TESTS);
  files.push(path.join(base, 'type-tests.ts'));
  writeFileSync(
    path.join(base, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: ['node'] },
      files: files.map((f) => path.relative(base, f)),
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(base, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.stdout + r.stderr, '', 'tsc reports no errors');
  assert.is(r.status, 0);
});

test.run();
