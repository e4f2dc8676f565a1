#!/usr/bin/env node
// Messages per second and latency through the broker adapters, side by side with the raw client
// libraries in the same run, plus outbox relay throughput.
//
//   source .ci/services.sh && services_start      # RabbitMQ, NATS (JetStream), PostgreSQL on loopback
//   npm run build && node bench/brokers.mjs [--quick] [--json FILE]
//
// Every row moves the same ~400-byte JSON event (the Order Service's OrderCreated) through one durable
// publish-subscribe subscription of one consumer group, persistent and acknowledged on both sides. Every
// row also does the application's share: a fresh event object per send, serialized to JSON, and the body
// parsed back into an object on delivery (the raw and port rows by hand, the generated client itself), so
// the rows differ only in the library code between the application and the broker:
// - raw amqplib: confirm channel, persistent messages, a durable queue bound to a topic exchange, manual acks.
// - raw nats: JetStream publish (awaited ack) into a file-storage stream, a durable pull consumer, explicit acks.
// - port adapter: AmqpTransport / NatsTransport publish + subscribe (what generated code calls).
// - generated client: the Order Service's generated `publishOrderCreated` and the generated handler of the
//   client side (payload and header validation included), over the same adapter.
// Throughput: N messages with up to WINDOW publishes outstanding, first publish to last handler call.
// Latency: one message at a time, publish call to handler call, p50/p99 of the samples.
// Relay: rows already committed in the outbox, relay start to the last row marked sent.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFlags, progress } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flags = parseFlags();
const N = flags.quick ? 3000 : 20000;
const LATENCY_SAMPLES = flags.quick ? 300 : 2000;
const RELAY_ROWS = flags.quick ? 5000 : 20000;
const WINDOW = 256;
const CONCURRENCY = 64;

if (!existsSync(path.join(ROOT, 'dist/runtime/amqp/index.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}

const { register } = await import('tsx/esm/api');
register(); // the generated Order Service is TypeScript
const { AmqpTransport } = await import('../dist/runtime/amqp/index.js');
const { NatsTransport } = await import('../dist/runtime/nats/index.js');
const { SqlOutbox, PollingRelay } = await import('../dist/runtime/sql/index.js');

const generated = await (async () => {
  const { generateInto } = await import(pathToFileURL(path.join(ROOT, 'test/generate/helpers.ts')).href);
  const spec = path.join(ROOT, 'specs/order-service.asyncapi.yaml');
  const load = async (role) => import(pathToFileURL(path.join(await generateInto(spec, role, `bench-brokers/order-service-${role}`), 'index.ts')).href);
  return { service: await load('service'), client: await load('client') };
})();

const event = (orderId) => ({
  orderId,
  customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  lineItems: [{ sku: 'BOOK-0042', quantity: 2, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  total: { amount: '24.90', currency: 'GBP' },
  shippingAddress: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  paymentMethodType: 'card',
  createdAt: '2024-05-14T09:30:00Z',
});
const BODY = Buffer.from(JSON.stringify(event(randomUUID())));
/** What a hand-written sender does per message: build the event and serialize it. */
const encodeEvent = () => Buffer.from(JSON.stringify(event(randomUUID())));
/** What a hand-written consumer does per delivery: parse the body (a Buffer or Uint8Array) back. */
const decodeEvent = (bytes) => JSON.parse(Buffer.isBuffer(bytes) ? bytes.toString('utf8') : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
const HEADERS = (i) => ({ messageId: randomUUID(), contentType: 'application/json', n: String(i) });

/**
 * The generated Order Service (sender) and its client's handlers (receiver) over transport `t`: the same
 * case for every broker. The handled message's index travels in the correlation id.
 */
async function generatedCase(t, group, onMessage, cleanup = async () => undefined) {
  const h = await generated.client.registerOrderServiceHandlers(
    { transport: t, group, concurrency: CONCURRENCY },
    { handlePublishOrderCreated: async ({ headers }) => onMessage(headers.correlationId ? Number(headers.correlationId.slice(-12)) : -1) },
  );
  const svc = generated.service.createOrderServiceClient({ transport: t });
  return {
    send: (i) => svc.publishOrderCreated(event(randomUUID()), i >= 0 ? { headers: { correlationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` } } : {}),
    close: async () => {
      await h.close();
      await t.close();
      await cleanup();
    },
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * A case: `setup(onMessage)` subscribes (onMessage(i) per handled message) and returns
 * { send(i): Promise, close(): Promise }. The cases of one broker are set up together and their
 * throughput runs interleaved (ROUNDS rounds, median), so a warming broker favours none of them.
 */
const ROUNDS = flags.quick ? 2 : flags.runs; // --runs N (default 5)
async function measureAll(cases) {
  const state = [];
  for (const [label, setup] of cases) {
    const s = { label, received: 0, want: 0, wake: undefined, arrivals: new Map(), rates: [] };
    s.onMessage = (i) => {
      s.received++;
      const w = s.arrivals.get(i);
      if (w) {
        s.arrivals.delete(i);
        w(now());
      }
      if (s.received >= s.want && s.wake) s.wake();
    };
    s.c = await setup(s.onMessage);
    state.push(s);
  }
  const burst = async (s, n) => {
    s.received = 0;
    s.want = n;
    const done = new Promise((r) => (s.wake = r));
    const t0 = now();
    let inflight = 0;
    let slot;
    for (let i = 0; i < n; i++) {
      while (inflight >= WINDOW) await new Promise((r) => (slot = r));
      inflight++;
      s.c.send(-1).then(() => {
        inflight--;
        slot?.();
      });
    }
    await done;
    s.wake = undefined;
    return n / ((now() - t0) / 1000);
  };
  try {
    for (const s of state) await burst(s, 500); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...state].reverse() : state;
      for (const s of order) {
        progress(`${s.label}: throughput round ${round + 1}/${ROUNDS} (${N} messages)`);
        s.rates.push(await burst(s, N));
      }
    }
    const out = [];
    for (const s of state) {
      progress(`${s.label}: latency (${LATENCY_SAMPLES} messages, one at a time)`);
      const samples = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const arrived = new Promise((r) => s.arrivals.set(i, r));
        const t = now();
        await s.c.send(i);
        samples.push((await arrived) - t);
      }
      samples.sort((a, b) => a - b);
      const rates = [...s.rates].sort((a, b) => a - b);
      out.push({ label: s.label, rate: rates[Math.floor(rates.length / 2)], best: rates[rates.length - 1], rates: s.rates, p50: pct(samples, 50), p99: pct(samples, 99) });
    }
    return out;
  } finally {
    for (const s of state) await s.c.close();
  }
}

const rows = [];
const notes = [];

// ---------------------------------------------------------------------------------------------
// RabbitMQ

const AMQP = process.env.SPECGATE_AMQP_URL;
if (AMQP) {
  const amqplib = (await import('amqplib')).default;
  const run = `bench.${randomUUID().slice(0, 8)}`;
  const exchange = `${run}.events`;

  const amqpCases = [];
  amqpCases.push([
    'amqp raw amqplib', async (onMessage) => {
      const conn = await amqplib.connect(AMQP);
      const pub = await conn.createConfirmChannel();
      const sub = await conn.createChannel();
      await pub.assertExchange(exchange, 'topic', { durable: true });
      const queue = `${run}.raw`;
      await sub.assertQueue(queue, { durable: true });
      await sub.bindQueue(queue, exchange, 'order.created');
      await sub.prefetch(CONCURRENCY);
      await sub.consume(queue, (m) => {
        if (!m) return; // cancelled when the queue is deleted
        if (!decodeEvent(m.content).orderId) throw new Error('bad event');
        onMessage(Number(m.properties.headers.n));
        sub.ack(m);
      });
      return {
        send: (i) =>
          new Promise((resolve, reject) =>
            pub.publish(exchange, 'order.created', encodeEvent(), { persistent: true, headers: HEADERS(i), messageId: randomUUID(), contentType: 'application/json' }, (e) => (e ? reject(e) : resolve())),
          ),
        close: async () => {
          await sub.deleteQueue(queue);
          await conn.close();
        },
      };
    },
  ]);

  // One exchange per case, so no case receives another's messages while they are set up together.
  const amqpTransport = (name) => new AmqpTransport({ url: AMQP, exchange: `${exchange}.${name}`, deadLetterExchange: `${run}.dead-letter` });
  amqpCases.push([
    'amqp port adapter', async (onMessage) => {
      const t = amqpTransport('port');
      const s = await t.subscribe('order.created', async (m) => onMessage(decodeEvent(m.body).orderId ? Number(m.headers.n) : NaN), { mode: 'publish-subscribe', group: `${run}-port`, concurrency: CONCURRENCY });
      return {
        send: (i) => t.publish({ address: 'order.created', headers: HEADERS(i), body: encodeEvent(), key: 'k' }, { mode: 'publish-subscribe' }),
        close: async () => {
          await s.close();
          await t.close();
        },
      };
    },
  ]);

  amqpCases.push(['amqp generated client', (onMessage) => generatedCase(amqpTransport('generated'), `${run}-generated`, onMessage)]);

  rows.push(...(await measureAll(amqpCases)));

  // Remove the benchmark's queues and exchanges.
  const conn = await amqplib.connect(AMQP);
  const ch = await conn.createChannel();
  for (const q of [`${run}-port:order.created`, `${run}-generated:order.created`]) {
    await ch.deleteQueue(q);
    await ch.deleteQueue(`${q}.dlq`);
  }
  for (const x of [exchange, `${exchange}.port`, `${exchange}.generated`, `${run}.dead-letter`]) await ch.deleteExchange(x);
  await conn.close();
} else notes.push('RabbitMQ rows skipped: SPECGATE_AMQP_URL is not set.');

// ---------------------------------------------------------------------------------------------
// NATS

const NATS = process.env.SPECGATE_NATS_URL;
if (NATS) {
  const nats = await import('nats');
  const run = `bench_${randomUUID().slice(0, 8)}`;
  const subject = `${run}.order.created`;

  const natsCases = [];
  natsCases.push([
    'nats raw nats.js (JetStream)', async (onMessage) => {
      const nc = await nats.connect({ servers: NATS });
      const jsm = await nc.jetstreamManager();
      const js = nc.jetstream();
      await jsm.streams.add({ name: `${run}_raw`, subjects: [subject], retention: nats.RetentionPolicy.Interest, storage: nats.StorageType.File });
      await jsm.consumers.add(`${run}_raw`, { durable_name: 'raw', ack_policy: nats.AckPolicy.Explicit, filter_subject: subject });
      const consumer = await js.consumers.get(`${run}_raw`, 'raw');
      const messages = await consumer.consume({ max_messages: CONCURRENCY });
      (async () => {
        for await (const m of messages) {
          if (!decodeEvent(m.data).orderId) throw new Error('bad event');
          onMessage(Number(m.headers?.get('n')));
          m.ack();
        }
      })();
      return {
        send: (i) => {
          const h = nats.headers();
          for (const [k, v] of Object.entries(HEADERS(i))) h.set(k, v);
          return js.publish(subject, encodeEvent(), { headers: h, msgID: randomUUID() });
        },
        close: async () => {
          await messages.close();
          await jsm.streams.delete(`${run}_raw`);
          await nc.close();
        },
      };
    },
  ]);

  const natsTransport = () => new NatsTransport({ servers: NATS, deadLetterPrefix: `${run}.dead-letter` });
  const cleanup = async (address) => {
    const nc = await nats.connect({ servers: NATS });
    const jsm = await nc.jetstreamManager();
    const stream = await jsm.streams.find(address).catch(() => undefined);
    if (stream) await jsm.streams.delete(stream);
    await nc.close();
  };
  natsCases.push([
    'nats port adapter', async (onMessage) => {
      const t = natsTransport();
      const s = await t.subscribe(subject, async (m) => onMessage(decodeEvent(m.body).orderId ? Number(m.headers.n) : NaN), { mode: 'publish-subscribe', group: 'port', concurrency: CONCURRENCY });
      return {
        send: (i) => t.publish({ address: subject, headers: HEADERS(i), body: encodeEvent(), key: 'k' }, { mode: 'publish-subscribe' }),
        close: async () => {
          await s.close();
          await t.close();
          await cleanup(subject);
        },
      };
    },
  ]);

  natsCases.push([
    'nats generated client', async (onMessage) => {
      await cleanup('order.created');
      return generatedCase(natsTransport(), `${run}-generated`, onMessage, () => cleanup('order.created'));
    },
  ]);
  rows.push(...(await measureAll(natsCases)));
} else notes.push('NATS rows skipped: SPECGATE_NATS_URL is not set.');

// ---------------------------------------------------------------------------------------------
// Outbox relay

const relayRows = [];
async function relayCase(label, db, createClient, transport, close) {
  progress(`${label}: relay ${RELAY_ROWS} rows`);
  const table = `bench_outbox_${randomUUID().slice(0, 8)}`;
  const outbox = new SqlOutbox({ table });
  await outbox.createTable(db);
  const messages = Array.from({ length: RELAY_ROWS }, (_, i) => ({ address: 'order.created', headers: HEADERS(i), body: BODY, key: `k${i % 100}` }));
  await createClient(outbox, messages);
  const relay = new PollingRelay({ db, transport, outbox, batchSize: 500, pollIntervalMs: 5 });
  const t0 = now();
  while ((await relay.runOnce()) > 0);
  const ms = now() - t0;
  relayRows.push({ label, rate: RELAY_ROWS / (ms / 1000) });
  await close(table);
}

const nullTransport = { publish: async () => undefined, subscribe: async () => ({ close: async () => undefined }), close: async () => undefined };
{
  const Sqlite = (await import('better-sqlite3')).default;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-bench-'));
  const db = new Sqlite(path.join(dir, 'outbox.db'));
  db.pragma('journal_mode = WAL');
  const fill = async (outbox, messages) => {
    db.exec('BEGIN');
    await outbox.add(db, messages, { mode: 'publish-subscribe' });
    db.exec('COMMIT');
  };
  await relayCase('SQLite → no-op transport', db, fill, nullTransport, async () => undefined);
  if (AMQP) {
    const t = new AmqpTransport({ url: AMQP, exchange: 'bench.relay.events' });
    await relayCase('SQLite → RabbitMQ (AmqpTransport)', db, fill, t, async () => t.close());
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
const PG = process.env.SPECGATE_PG_URL;
if (PG) {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: PG, max: 4 });
  const fill = async (outbox, messages) => {
    const c = await pool.connect();
    await c.query('BEGIN');
    await outbox.add(c, messages, { mode: 'publish-subscribe' });
    await c.query('COMMIT');
    c.release();
  };
  const drop = (table) => pool.query(`DROP TABLE ${table}`);
  await relayCase('PostgreSQL → no-op transport', pool, fill, nullTransport, drop);
  if (AMQP) {
    const t = new AmqpTransport({ url: AMQP, exchange: 'bench.relay.events' });
    await relayCase('PostgreSQL → RabbitMQ (AmqpTransport)', pool, fill, t, async (table) => (await t.close(), drop(table)));
  }
  if (NATS) {
    const t = new NatsTransport({ servers: NATS });
    await relayCase('PostgreSQL → NATS (NatsTransport)', pool, fill, t, async (table) => (await t.close(), drop(table)));
  }
  await pool.end();
} else notes.push('PostgreSQL relay rows skipped: SPECGATE_PG_URL is not set.');

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const ms = (n) => `${n.toFixed(2)} ms`;
const out = [];
out.push(`| path | messages/s (median) | best round | best vs raw | per round vs raw | p50 latency | p99 latency |`, `|---|--:|--:|--:|--:|--:|--:|`);
const rawOf = (r) => rows.find((x) => x.label.split(' ')[0] === r.label.split(' ')[0] && x.label.includes('raw'));
const signed = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;
/** Best round against raw's best round. */
const bestVs = (r, raw) => ((r.best - raw.best) / raw.best) * 100;
/**
 * Median over rounds of (this path's round ÷ raw's round of the same round): the rounds of one broker run
 * back to back, so each pair shares the machine's state of the moment, where the two best rounds may
 * come from different moments.
 */
const pairedVs = (r, raw) => {
  const ratios = r.rates.map((x, i) => x / raw.rates[i]).sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  return ((ratios.length % 2 ? ratios[mid] : (ratios[mid - 1] + ratios[mid]) / 2) - 1) * 100;
};
for (const r of rows) {
  const raw = rawOf(r);
  const vs = r === raw ? ['baseline', 'baseline'] : [signed(bestVs(r, raw)), signed(pairedVs(r, raw))];
  out.push(`| ${r.label} | ${fmt(r.rate)} | ${fmt(r.best)} | ${vs[0]} | ${vs[1]} | ${ms(r.p50)} | ${ms(r.p99)} |`);
}
out.push('');
out.push(`| outbox relay | rows/s |`, `|---|--:|`);
for (const r of relayRows) out.push(`| ${r.label} | ${fmt(r.rate)} |`);
out.push('');
for (const broker of ['amqp', 'nats']) {
  const raw = rows.find((r) => r.label.startsWith(broker) && r.label.includes('raw'));
  for (const kind of ['port', 'generated']) {
    const r = rows.find((x) => x.label.startsWith(broker) && x.label.includes(kind));
    if (!raw || !r) continue;
    const lower = (x) => (x >= 0 ? 'not slower than raw' : `${(-x).toFixed(1)}% lower`);
    const paired = pairedVs(r, raw);
    out.push(`Target: ${r.label} throughput within 15% of raw: per round ${lower(paired)}, best rounds ${lower(bestVs(r, raw))} — ${paired > -15 ? 'met' : '**not met**'} (per round).  `);
  }
}
out.push(
  `${N} messages per throughput run, ${ROUNDS} rounds interleaved across the paths of one broker (${WINDOW} publishes outstanding, consumer concurrency ${CONCURRENCY}); overhead judged per round (median of each round's ratio to raw's round), the best rounds shown beside it; ${LATENCY_SAMPLES} latency samples one at a time; relay batches of 500. ` +
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.type()} ${os.arch()}, ${os.availableParallelism?.() ?? os.cpus().length} CPUs (${os.cpus()[0]?.model?.trim() ?? 'unknown'}), Node ${process.version}; brokers on loopback on the same machine.`,
);
for (const n of notes) out.push(`${n}  `);
process.stdout.write(`${out.join('\n')}\n`);
if (flags.json) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(flags.json, `${JSON.stringify({ rows, relayRows }, null, 2)}\n`);
}
process.exit(0);
