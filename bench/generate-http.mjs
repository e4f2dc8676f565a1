// specgate generate for OpenAPI: what the generated HTTP client costs per request compared with bare
// `fetch` to the same local server, in the same run.
//
//   npm run build && node bench/generate-http.mjs [--quick]
//
// The client generated from specs/orders-api.openapi.yaml calls getOrder (path parameter validated,
// URL built, breaker permit, outstanding count, timeout, response status and media type matched and the
// Order body validated); the bare loop does `fetch(url)` and `res.json()` only. Both run open-loop at
// 1,000 requests per second against one node:http server in this process answering a fixed Order, in
// alternating rounds, and the table gives latency percentiles and the client's median overhead.
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, parseFlags, progress, ROOT } from './lib.mjs';

const flags = parseFlags();
const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
const { validateFile } = await import(dist('validate/index.js'));
const { generate } = await import(dist('generate/index.js'));
const { writeOutput } = await import(dist('generate/output.js'));
const { tsImport } = await import('tsx/esm/api');

const out = path.join(ROOT, 'test', '.generated', 'bench-http');
const v = await validateFile(path.join(ROOT, 'specs', 'orders-api.openapi.yaml'), { keepModel: true });
await writeOutput(out, generate(v.model, { role: 'client' }).files, { force: true, inputs: [] });
const { createOrdersAPIClient } = await tsImport(pathToFileURL(path.join(out, 'index.ts')).href, import.meta.url);

const ORDER_ID = '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e';
const order = JSON.stringify({
  orderId: ORDER_ID,
  status: 'pending',
  customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  lineItems: [{ sku: 'BOOK-0042', quantity: 2, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  total: { amount: '24.90', currency: 'GBP' },
  shippingAddress: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  paymentMethodType: 'card',
  createdAt: '2024-05-14T09:30:00Z',
  updatedAt: '2024-05-14T09:30:00Z',
});
const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(order));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const client = createOrdersAPIClient({ baseUrl: base, timeoutMs: 5000, maxOutstanding: 1000 });
const callers = {
  'generated client': async () => {
    const r = await client.getOrder({ path: { orderId: ORDER_ID } });
    if (r.status !== 200) throw new Error(`status ${r.status}`);
  },
  'bare fetch': async () => {
    const res = await fetch(`${base}/v1/orders/${ORDER_ID}`);
    await res.json();
  },
  // What a timeout alone costs: the same fetch with an AbortController and a timer, as the client does.
  'fetch + timeout signal': async () => {
    const c = new AbortController();
    const t = setTimeout(() => c.abort(), 5000);
    try {
      const res = await fetch(`${base}/v1/orders/${ORDER_ID}`, { signal: c.signal });
      await res.json();
    } finally {
      clearTimeout(t);
    }
  },
};

const RATE = 1000;
const roundMs = flags.quick ? 1000 : 3000;
const rounds = flags.quick ? 2 : 4;

/** Open loop: RATE requests per second for `ms`, each one's latency recorded. */
async function round(call, ms) {
  const latencies = [];
  const pending = [];
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < ms) {
    const due = Math.floor(((performance.now() - start) * RATE) / 1000);
    for (; sent < due; sent++) {
      const t = performance.now();
      pending.push(call().then(() => latencies.push(performance.now() - t)));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return { latencies, seconds: (performance.now() - start) / 1000 };
}

const results = Object.fromEntries(Object.keys(callers).map((k) => [k, { latencies: [], requests: 0, seconds: 0 }]));
for (const name of Object.keys(callers)) await round(callers[name], 300); // warm-up: connections, JIT
for (let i = 0; i < rounds; i++)
  for (const name of i % 2 ? Object.keys(callers).reverse() : Object.keys(callers)) {
    const r = await round(callers[name], roundMs);
    results[name].latencies.push(...r.latencies);
    results[name].requests += r.latencies.length;
    results[name].seconds += r.seconds;
    progress(`round ${i + 1} ${name}: ${r.latencies.length} requests, median ${median(r.latencies).toFixed(3)} ms`);
  }
server.close();
server.closeAllConnections();

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const bare = median(results['bare fetch'].latencies);
console.log(`| ${RATE} req/s, getOrder | requests | req/s | median ms | p90 ms | p99 ms | median vs bare fetch |`);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const [name, r] of Object.entries(results)) {
  const m = median(r.latencies);
  console.log(`| ${name} | ${r.requests} | ${(r.requests / r.seconds).toFixed(0)} | ${m.toFixed(3)} | ${pct(r.latencies, 90).toFixed(3)} | ${pct(r.latencies, 99).toFixed(3)} | ${name === 'bare fetch' ? '' : `${(((m - bare) / bare) * 100).toFixed(1)}%`} |`);
}
