import type { Endpoint } from '../model.js';
import type { SystemRule } from './types.js';
import type { SystemExample } from '../../model/rule-example.js';
import { oneWay } from './examples.js';

export const competingCommandHandlers: SystemRule = {
  id: 'system-competing-command-handlers',
  description: 'A command has exactly one handling service.',
  docs: 'A command asks one service to do one thing. When two different services receive the same command on meeting addresses, either both act (the work is done twice) or they race for it; many instances of one service are fine. Reported at every handler after the first, naming the others.',
  severity: { minimal: 'off', recommended: 'warning', strict: 'warning' },
  examples: (): SystemExample[] => [
    {
      title: 'two services handle the same command',
      docs: {
        'gateway.yaml': oneWay('Gateway', 'send', 'payments.capture', 'CapturePayment'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'payments.capture', 'CapturePayment'),
        'ledger.yaml': oneWay('Ledger Service', 'receive', 'payments.capture', 'CapturePayment'),
      },
      expect: [{ file: 'ledger.yaml', range: '7:7-7:21', message: 'command `CapturePayment` from gateway is handled by 2 services (billing-service, ledger-service); a command should have one handler' }],
    },
    {
      title: 'two services consume the same event',
      docs: {
        'order.yaml': oneWay('Order Service', 'send', 'orders.created', 'OrderCreated'),
        'billing.yaml': oneWay('Billing Service', 'receive', 'orders.created', 'OrderCreated'),
        'shipping.yaml': oneWay('Shipping Service', 'receive', 'orders.created', 'OrderCreated'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    // Handlers of each command: receivers of a command message that some sender sends to them.
    const handlers = new Map<string, { e: Endpoint; m: string; at: (typeof ctx.system.flows)[number] }[]>();
    for (const f of ctx.system.flows) {
      if (f.kind !== 'command' && f.received.kind !== 'command') continue;
      const key = `${f.from.address?.text}\u0000${f.message}`;
      const list = handlers.get(key) ?? handlers.set(key, []).get(key)!;
      if (!list.some((h) => h.e.service === f.to.service)) list.push({ e: f.to, m: f.message, at: f });
    }
    for (const list of handlers.values()) {
      if (list.length < 2) continue;
      const names = list.map((h) => h.e.service.id);
      for (const h of list.slice(1))
        report(h.e.model, h.at.received.source, `command \`${h.m}\` from ${h.at.from.service.id} is handled by ${names.length} services (${names.join(', ')}); a command should have one handler`);
    }
  },
};
