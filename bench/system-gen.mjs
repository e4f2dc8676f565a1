// A generated system for bench/graph.mjs: `services` AsyncAPI 3 documents, each publishing `events`
// event types on addresses of its own and consuming each event of `fanout` other services, so the
// system has services × events × fanout flows (200 × 5 × 2 = 2,000). Seeded: the same arguments always
// write the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seeded } from './lib.mjs';

const EVENTS = ['Created', 'Updated', 'Cancelled', 'Shipped', 'Invoiced', 'Refunded', 'Archived', 'Restored'];

export function writeSystem(dir, { services = 200, events = 5, fanout = 2, seed = 7 } = {}) {
  const random = seeded(seed);
  mkdirSync(dir, { recursive: true });
  const name = (i) => `svc${String(i).padStart(4, '0')}`;
  const consumes = Array.from({ length: services }, () => []);
  for (let s = 0; s < services; s++)
    for (let e = 0; e < events; e++) {
      const takers = new Set();
      while (takers.size < Math.min(fanout, services - 1)) {
        const c = Math.floor(random() * services);
        if (c !== s) takers.add(c);
      }
      for (const c of takers) consumes[c].push([s, e]);
    }
  const payload = (extra) => `
        payload:
          type: object
          required: [id, at]
          properties:
            id: { type: string, format: uuid }
            at: { type: string, format: date-time }
            amount: { type: number, minimum: 0 }${extra}`;
  for (let s = 0; s < services; s++) {
    const out = [`asyncapi: 3.0.0`, `info:`, `  title: ${name(s)}`, `  version: 1.0.0`, `  description: Generated service ${s}.`, `defaultContentType: application/json`, `servers:`, `  broker: { host: 'broker:5672', protocol: amqp }`, `channels:`];
    const ops = ['operations:'];
    for (let e = 0; e < events; e++) {
      const msg = `${name(s)}${EVENTS[e % EVENTS.length]}`;
      out.push(`  out${e}:`, `    address: ${name(s)}.events.${EVENTS[e % EVENTS.length].toLowerCase()}`, `    messages:`, `      ${msg}:`, `        name: ${msg}`, `        summary: An event of ${name(s)}.` + payload(''));
      ops.push(`  publish${e}: { action: send, summary: Publish ${msg}., channel: { $ref: '#/channels/out${e}' } }`);
    }
    consumes[s].forEach(([p, e], k) => {
      const msg = `${name(p)}${EVENTS[e % EVENTS.length]}`;
      // One consumer in ten requires a field its producer may omit: the system has problems to find.
      const strict = (p + e + s) % 10 === 0 ? '\n          dependentRequired:\n            amount: [currency]' : '';
      out.push(`  in${k}:`, `    address: ${name(p)}.events.${EVENTS[e % EVENTS.length].toLowerCase()}`, `    messages:`, `      ${msg}:`, `        name: ${msg}`, `        summary: An event of ${name(p)}.` + payload(strict));
      ops.push(`  consume${k}: { action: receive, summary: Consume ${msg}., channel: { $ref: '#/channels/in${k}' } }`);
    });
    writeFileSync(path.join(dir, `${name(s)}.asyncapi.yaml`), [...out, ...ops].join('\n') + '\n');
  }
  return { services, flows: services * events * fanout };
}
