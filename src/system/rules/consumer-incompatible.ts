import type { CompatFinding } from '../../diff/compat.js';
import type { SystemRule } from './types.js';
import { oneWay } from './examples.js';

const code = (s: unknown) => '`' + String(s) + '`';

/** The finding said of the reader, naming the writer: the sentence a reviewer of either side needs. */
function sentence(f: CompatFinding, reader: string, writer: string, at: string, message: string): string {
  const name = typeof f.data.name === 'string' ? f.data.name : undefined;
  const inPath = f.path && name && f.path !== name && !f.path.endsWith('.' + name) ? ` in ${code(f.path)}` : '';
  if (name && (f.rule === 'required-property-added' || f.rule === 'property-became-required'))
    return `${reader} requires ${code(name)}${inPath} in \`${message}\`, which ${writer} (${at}) may not send`;
  return `${reader} rejects some \`${message}\` that ${writer} (${at}) may send: compared with the sender's schema, ${f.text}`;
}

export const consumerIncompatible: SystemRule = {
  id: 'system-consumer-incompatible',
  description: 'Every consumer accepts everything its producers may send on a flow (payload and headers).',
  docs: "For each flow from a sender to a receiver, the receiver's schema is compared with the sender's as `specgate diff` compares two versions: the sender as the old writer, the receiver as the new reader. Whatever would break there breaks here at run time: a field the receiver requires that the sender may omit, a type or enum value it refuses, a closed object the sender may extend. Reported at the receiver's schema, naming the sender and where its schema is written. Fix one side: make the sender always send it, or let the receiver accept it.",
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a consumer requires a field its producer may leave out',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated', '{ type: object, required: [orderId], properties: { orderId: { type: string }, currency: { type: string } } }'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated', '{ type: object, required: [orderId, currency] }'),
      },
      expect: [{ file: 'billing.yaml', range: '8:54-8:62', message: 'billing-service requires `currency` in `OrderCreated`, which order-service (order.yaml:8:96) may not send' }],
    },
    {
      title: 'a consumer refuses a type its producer sends',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: number } } }'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: integer } } }'),
      },
      expect: [{ file: 'billing.yaml', range: '8:57-8:70', message: "billing-service rejects some `OrderCreated` that order-service (order.yaml:8:57) may send: compared with the sender's schema, `total` must now be an `integer`, not any `number`; fractional numbers are now rejected" }],
    },
    {
      title: 'a consumer that reads less than its producer sends',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated', '{ type: object, required: [orderId, currency] }'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated', '{ type: object, required: [orderId] }'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    for (const flow of ctx.system.flows) {
      const writer = flow.from.model;
      const reader = flow.to.model;
      for (const part of ['payload', 'headers'] as const) {
        const w = flow.sent[part];
        const r = flow.received[part];
        if (!w || !r) continue;
        for (const f of ctx.compat(writer, reader).incompatible(w, r)) {
          const at = ctx.where(writer, f.writer ?? w.source);
          report(reader, f.reader ?? r.source, sentence(f, flow.to.service.id, flow.from.service.id, at, flow.message), `diff rule \`${f.rule}\` between the two schemas`);
        }
      }
    }
  },
};
