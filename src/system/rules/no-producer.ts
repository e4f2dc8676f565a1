import type { SystemRule } from './types.js';
import { oneWay } from './examples.js';

export const noProducer: SystemRule = {
  id: 'system-no-producer',
  description: 'A service receives on a messaging address that no document in the set sends to.',
  docs: 'Either the producer is missing from the set (add its spec, or ignore the finding for addresses fed from outside), or the address is misspelt on one side. HTTP operations are entry points whose callers usually live outside the set and never get this finding; replies are checked by `system-request-no-replier` instead.',
  severity: { minimal: 'off', recommended: 'warning', strict: 'warning' },
  examples: () => [
    {
      title: 'a consumer of an address nobody in the set sends to',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'payments.refund', 'RefundPayment'),
      },
      expect: [{ file: 'billing.yaml', range: '10:3-10:7', message: 'billing-service receives on `payments.refund`, but no document in the set sends to it' }],
    },
    {
      title: 'a parameterised address meets a concrete one',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.{region}.created', 'OrderCreated'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.eu.created', 'OrderCreated'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    for (const r of ctx.system.endpoints) {
      if (r.action !== 'receive' || r.reply || !r.address) continue;
      if (!ctx.meeting(r).length) report(r.model, r.source, `${r.service.id} receives on \`${r.address.text}\`, but no document in the set sends to it`);
    }
  },
};
