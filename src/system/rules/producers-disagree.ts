import { messageKey, type Endpoint } from '../model.js';
import type { Message } from '../../model/types.js';
import type { SystemRule } from './types.js';
import { oneWay } from './examples.js';

export const producersDisagree: SystemRule = {
  id: 'system-producers-disagree',
  description: 'Services that send the same message on the same address send the same schema.',
  docs: 'Consumers of an address see one message name and expect one shape. When two services send it with different schemas, a consumer written against one breaks on the other. Reported at the later producer, naming the first and the first difference.',
  severity: { minimal: 'off', recommended: 'warning', strict: 'warning' },
  examples: () => [
    {
      title: 'two producers of one message with different schemas',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: number } } }'),
        'legacy.yaml': oneWay('Legacy Orders', 'send', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: string } } }'),
      },
      expect: [{ file: 'legacy.yaml', range: '8:9-8:16', message: 'legacy-orders sends `OrderCreated` on `orders.created` with another schema than order-service (order.yaml:8:9): `total` type changed from `number` to `string`' }],
    },
    {
      title: 'two producers of one message with the same schema',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: number } } }'),
        'legacy.yaml': oneWay('Legacy Orders', 'send', 'orders.created', 'OrderCreated', '{ type: object, properties: { total: { type: number, description: Sum } } }'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    const first = new Map<string, { e: Endpoint; m: Message }>();
    for (const s of ctx.system.endpoints) {
      if (s.action !== 'send' || s.reply || !s.address) continue;
      for (const m of s.messages) {
        const key = `${s.address.text}\u0000${messageKey(m)}`;
        const f = first.get(key);
        if (!f) {
          first.set(key, { e: s, m });
          continue;
        }
        if (f.e.service === s.service || !f.m.payload || !m.payload) continue;
        const diff = [...ctx.compat(f.e.model, s.model).compare(f.m.payload, m.payload), ...ctx.compat(s.model, f.e.model).compare(m.payload, f.m.payload)].find((x) => x.level !== 'patch');
        if (diff)
          report(s.model, m.payload.source, `${s.service.id} sends \`${messageKey(m)}\` on \`${s.address.text}\` with another schema than ${f.e.service.id} (${ctx.where(f.e.model, f.m.payload.source)}): ${diff.text}`);
      }
    }
  },
};
