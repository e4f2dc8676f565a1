import type { SystemRule } from './types.js';
import { oneWay } from './examples.js';

export const eventNoConsumer: SystemRule = {
  id: 'system-event-no-consumer',
  description: 'An event sent that no document in the set receives (information).',
  docs: 'Events are published for whoever cares, so an event nobody in the set consumes is not wrong: its consumers may live outside the set, or none exists yet. Shown as information in `strict`, to spot dead events and misspelt addresses.',
  severity: { minimal: 'off', recommended: 'off', strict: 'info' },
  examples: () => [
    {
      title: 'an event nobody in the set receives',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.shipped', 'OrderShipped'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated'),
      },
      expect: [{ file: 'order.yaml', range: '7:7-7:19', message: 'order-service sends `OrderShipped` on `orders.shipped`, and no document in the set receives it' }],
    },
    {
      title: 'a consumed event',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    for (const s of ctx.system.endpoints) {
      if (s.action !== 'send' || s.reply || !s.address || s.operation.reply) continue;
      if (ctx.meeting(s).length) continue;
      for (const m of s.messages) if (m.kind === 'event') report(s.model, m.source, `${s.service.id} sends \`${m.name ?? m.id}\` on \`${s.address.text}\`, and no document in the set receives it`);
    }
  },
};
