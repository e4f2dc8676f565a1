import { messageKey } from '../model.js';
import type { SystemRule } from './types.js';
import { oneWay } from './examples.js';

export const unknownMessage: SystemRule = {
  id: 'system-unknown-message',
  description: 'On an address senders and receivers share, each side knows the messages of the other.',
  docs: 'Where a sender and a receiver meet on an address, a message the receiver expects that no sender of that address sends is dead code or a missing producer; a message a sender sends that a receiver does not declare is one the receiver will not understand. Both are reported at the receiver, naming the other side. Messages are matched by `name`, else AsyncAPI 2 `messageId`, else their component key.',
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a consumer expects a message nobody sends on its address, and ignores one that is sent',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders', 'OrderPlaced'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders', 'OrderCreated'),
      },
      expect: [
        { file: 'billing.yaml', range: '7:7-7:19', message: 'billing-service expects `OrderCreated` on `orders`, but no sender of that address sends it (senders: order-service)' },
        { file: 'billing.yaml', range: '10:3-10:7', message: 'order-service sends `OrderPlaced` on `orders` (order.yaml:7:7), which billing-service does not declare here' },
      ],
    },
    {
      title: 'both sides name the same message',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders', 'OrderCreated'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders', 'OrderCreated'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    for (const r of ctx.system.endpoints) {
      if (r.action !== 'receive') continue;
      const senders = ctx.meeting(r);
      if (!senders.length) continue;
      const sent = new Set(senders.flatMap((s) => s.messages.map(messageKey)));
      const address = r.address?.text ?? 'the reply address';
      for (const m of r.messages)
        if (!sent.has(messageKey(m)))
          report(r.model, m.source, `${r.service.id} expects \`${messageKey(m)}\` on \`${address}\`, but no sender of that address sends it (senders: ${[...new Set(senders.map((s) => s.service.id))].join(', ')})`);
      const known = new Set(r.messages.map(messageKey));
      for (const s of senders)
        for (const m of s.messages)
          if (!known.has(messageKey(m)))
            report(r.model, r.source, `${s.service.id} sends \`${messageKey(m)}\` on \`${s.address?.text ?? address}\` (${ctx.where(s.model, m.source)}), which ${r.service.id} does not declare here`);
    }
  },
};
