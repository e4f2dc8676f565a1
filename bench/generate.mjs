// specgate generate: how long generation takes for a large spec, and what the generated code costs per
// message compared with a hand-written loop over the same in-memory transport.
//
//   npm run build && node bench/generate.mjs [--runs N] [--quick] [--json FILE]
//
// 1. Generation: a synthetic AsyncAPI 3 spec with 100 channels (100 operations, 100 message schemas that
//    share $ref'd value objects), generated in process (load + validate + generate, both roles), and
//    `specgate generate` as a whole process (start-up included).
// 2. Throughput: OrderCreated events published and handled through InMemoryTransport by the generated
//    client and handlers (validation of the outgoing payload and headers, envelope, partition key,
//    incoming validation, dispatch), with validation off, and by a hand-written loop doing only
//    JSON encode → InMemoryTransport → JSON decode → handler.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, parseFlags, progress, ROOT, runOnce, SPECGATE_BIN } from './lib.mjs';

const flags = parseFlags();
const work = path.join(ROOT, 'test', '.generated', 'bench');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
const { validateFile } = await import(dist('validate/index.js'));
const { generate } = await import(dist('generate/index.js'));
const { writeOutput } = await import(dist('generate/output.js'));
const { tsImport } = await import('tsx/esm/api');

// ---------------------------------------------------------------------------------------------
// 1. Generation time for 100 channels

function bigSpec(n) {
  const lines = ['asyncapi: 3.0.0', 'info: { title: Big Service, version: 1.0.0 }', 'channels:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  ch${i}:`, `    address: big.events.e${i}`, `    x-specgate-partition-key: $message.payload#/id`, '    messages:', `      E${i}:`, `        $ref: '#/components/messages/E${i}'`);
    if (i % 4 === 0) lines.push('    x-specgate-channel: point-to-point');
  }
  lines.push('operations:');
  for (let i = 0; i < n; i++) {
    lines.push(`  op${i}:`, `    action: ${i % 2 ? 'send' : 'receive'}`, `    channel: { $ref: '#/channels/ch${i}' }`);
    if (i % 4 === 0) lines.push(`    reply: { channel: { $ref: '#/channels/ch${(i + 1) % n}' } }`);
  }
  lines.push('components:', '  messages:');
  for (let i = 0; i < n; i++)
    lines.push(`    E${i}:`, `      name: E${i}`, '      headers: { $ref: "#/components/schemas/Headers" }', '      payload:', '        type: object', '        required: [id, amount, kind]', '        properties:', '          id: { type: string, format: uuid }', '          amount: { $ref: "#/components/schemas/Money" }', `          kind: { enum: [a${i}, b${i}, c${i}] }`, '          lines: { type: array, items: { $ref: "#/components/schemas/Line" } }', '          at: { type: string, format: date-time }');
  lines.push(
    '  schemas:',
    '    Headers: { type: object, required: [messageId], properties: { messageId: { type: string, format: uuid }, correlationId: { type: string } } }',
    '    Money: { type: object, required: [amount, currency], additionalProperties: false, properties: { amount: { type: string, pattern: "^[0-9]+(\\\\.[0-9]{1,4})?$" }, currency: { type: string, pattern: "^[A-Z]{3}$" } } }',
    '    Line: { type: object, required: [sku, quantity], properties: { sku: { type: string }, quantity: { type: integer, minimum: 1 }, price: { $ref: "#/components/schemas/Money" }, children: { type: array, items: { $ref: "#/components/schemas/Line" } } } }',
  );
  return lines.join('\n') + '\n';
}

const specFile = path.join(work, 'big-100.asyncapi.yaml');
writeFileSync(specFile, bigSpec(100));

const genTimes = [];
let fileCount = 0;
let bytes = 0;
for (let r = 0; r < flags.warmup + flags.runs; r++) {
  const t0 = performance.now();
  const v = await validateFile(specFile, { keepModel: true });
  if (!v.valid) throw new Error(`synthetic spec invalid: ${JSON.stringify(v.diagnostics.slice(0, 3))}`);
  const s = generate(v.model, { role: 'service' });
  const c = generate(v.model, { role: 'client' });
  const ms = performance.now() - t0;
  if (r >= flags.warmup) genTimes.push(ms);
  fileCount = s.files.length + c.files.length;
  bytes = [...s.files, ...c.files].reduce((n, f) => n + f.content.length, 0);
}
progress(`in-process generation: ${median(genTimes).toFixed(0)} ms`);

const cliTimes = [];
for (let r = 0; r < flags.warmup + flags.runs; r++) {
  const run = await runOnce(process.execPath, [SPECGATE_BIN, 'generate', specFile, '--out', path.join(work, 'big-out'), '--force']);
  if (run.code !== 0) throw new Error(`specgate generate failed: ${run.stderr}`);
  if (r >= flags.warmup) cliTimes.push(run.ms);
}
progress(`specgate generate (whole process): ${median(cliTimes).toFixed(0)} ms`);

// ---------------------------------------------------------------------------------------------
// 2. Messages per second through InMemoryTransport

const order = await validateFile(path.join(ROOT, 'specs', 'order-service.asyncapi.yaml'), { keepModel: true });
for (const role of ['service', 'client']) await writeOutput(path.join(work, `order-${role}`), generate(order.model, { role }).files, { force: true });
const serviceSide = await tsImport(pathToFileURL(path.join(work, 'order-service', 'index.ts')).href, import.meta.url);
const clientSide = await tsImport(pathToFileURL(path.join(work, 'order-client', 'index.ts')).href, import.meta.url);
const { InMemoryTransport } = await import('specgate/runtime');

const N = flags.quick ? 5_000 : 50_000;
const event = (i) => ({
  orderId: `3f2b8c4d-1e6a-4b7c-9d0e-${String(i % 1000).padStart(12, '0')}`,
  customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  lineItems: [{ sku: 'BOOK-0042', quantity: 2, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  total: { amount: '24.90', currency: 'GBP' },
  shippingAddress: { recipient: 'Ada Lovelace', line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  paymentMethodType: 'card',
  createdAt: '2024-05-14T09:30:00Z',
});
const events = Array.from({ length: N }, (_, i) => event(i));

async function generated(validate) {
  const transport = new InMemoryTransport();
  transport.record = false;
  let handled = 0;
  const handle = await clientSide.registerOrderServiceHandlers({ transport, group: 'bench', validate }, { handlePublishOrderCreated: () => void handled++ });
  const client = serviceSide.createOrderServiceClient({ transport, validate });
  const t0 = performance.now();
  for (const e of events) await client.publishOrderCreated(e);
  await transport.drain();
  const ms = performance.now() - t0;
  await handle.close();
  if (handled !== N) throw new Error(`handled ${handled} of ${N}`);
  return ms;
}

async function handWritten() {
  const transport = new InMemoryTransport();
  transport.record = false;
  let handled = 0;
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const handler = (payload) => void (payload.orderId && handled++);
  await transport.subscribe('order.created', async (m) => handler(JSON.parse(dec.decode(m.body))), { mode: 'publish-subscribe', group: 'bench' });
  const t0 = performance.now();
  for (const e of events)
    await transport.publish({ address: 'order.created', headers: { messageId: crypto.randomUUID() }, body: enc.encode(JSON.stringify(e)), key: e.orderId }, { mode: 'publish-subscribe' });
  await transport.drain();
  const ms = performance.now() - t0;
  if (handled !== N) throw new Error(`handled ${handled} of ${N}`);
  return ms;
}

const series = { generatedValidated: [], generatedUnvalidated: [], handWritten: [] };
for (let r = 0; r < flags.warmup + flags.runs; r++) {
  const a = await generated(true);
  const b = await generated(false);
  const c = await handWritten();
  if (r >= flags.warmup) (series.generatedValidated.push(a), series.generatedUnvalidated.push(b), series.handWritten.push(c));
}
const rate = (ms) => Math.round(N / (ms / 1000));
const base = median(series.handWritten);

const out = [];
out.push(`### specgate generate`, '', `Node ${process.version}, ${flags.runs} run(s), median.`, '');
out.push('| case | time |', '|---|---|');
out.push(`| load + validate + generate both roles, 100 channels (${fileCount} files, ${(bytes / 1024).toFixed(0)} KiB), in process | ${median(genTimes).toFixed(0)} ms |`);
out.push(`| \`specgate generate\` 100 channels, whole process | ${median(cliTimes).toFixed(0)} ms |`);
out.push('', `| ${N.toLocaleString('en')} OrderCreated events through InMemoryTransport | msgs/s | time per message | vs hand-written |`, '|---|---|---|---|');
for (const [label, key] of [
  ['hand-written loop (JSON encode/decode only)', 'handWritten'],
  ['generated client + handlers, validation on', 'generatedValidated'],
  ['generated client + handlers, validation off', 'generatedUnvalidated'],
]) {
  const ms = median(series[key]);
  out.push(`| ${label} | ${rate(ms).toLocaleString('en')} | ${((ms * 1000) / N).toFixed(1)} µs | ${(ms / base).toFixed(2)}× |`);
}
process.stdout.write(out.join('\n') + '\n');
if (flags.json) writeFileSync(flags.json, JSON.stringify({ genTimes, cliTimes, N, series }, null, 2));
