import type { SystemRule } from './types.js';
import { oneWay, service } from './examples.js';

const gateway = service(
  'Gateway',
  `channels:
  create: { address: orders.create, messages: { CreateOrder: { payload: { type: object } } } }
  created: { address: orders.create.reply, messages: { OrderAccepted: { payload: { type: object } } } }
operations:
  createOrder:
    action: send
    channel: { $ref: '#/channels/create' }
    reply: { channel: { $ref: '#/channels/created' } }`,
);

export const requestNoReplier: SystemRule = {
  id: 'system-request-no-replier',
  description: 'A request (an operation with a reply) goes to an address some service receives on.',
  docs: 'A requester waits for its reply: when no service in the set receives on the request address, every request times out. Add the replying service to the set, or fix the address on one side.',
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a request sent to an address nobody receives on',
      docs: {
        'gateway.yaml': gateway,
        'order.yaml': oneWay('Order Service', 'receive', 'orders.place', 'CreateOrder'),
      },
      expect: [{ file: 'gateway.yaml', range: '7:3-7:14', message: 'gateway sends requests to `orders.create` and waits for a reply, but no service in the set receives on it' }],
    },
    {
      title: 'the request reaches its handler',
      docs: {
        'gateway.yaml': gateway,
        'order.yaml': oneWay('Order Service', 'receive', 'orders.create', 'CreateOrder'),
      },
      expect: [],
    },
  ],
  run(ctx, report) {
    for (const s of ctx.system.endpoints) {
      if (s.action !== 'send' || s.reply || !s.operation.reply || !s.address) continue;
      if (!ctx.meeting(s).length) report(s.model, s.source, `${s.service.id} sends requests to \`${s.address.text}\` and waits for a reply, but no service in the set receives on it`);
    }
  },
};
