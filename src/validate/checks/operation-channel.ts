import { isObj } from '../../model/common.js';
import type { SemanticCheck } from './check.js';

/** AsyncAPI 3: an operation's `channel` must reference a channel under `channels`, and its messages must be that channel's. */
export const operationChannel: SemanticCheck = {
  id: 'operation-channel',
  description: "An AsyncAPI 3 operation references a channel declared under `channels`, and only that channel's messages.",
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'an operation pointing at a channel under `components`',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders: { address: orders }
components:
  channels:
    orders: { address: orders }
operations:
  sendOrder:
    action: send
    channel: { $ref: '#/components/channels/orders' }
`,
      expect: [{ message: 'operation `sendOrder` must reference a channel under `channels`, not `#/components/channels/orders`', range: '11:5-11:12' }],
    },
    {
      title: "an operation sending another channel's message",
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      orderPlaced: { payload: { type: object } }
  payments:
    address: payments
    messages:
      paymentReceived: { payload: { type: object } }
operations:
  sendOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
    messages:
      - $ref: '#/channels/payments/messages/paymentReceived'
`,
      expect: [{ message: 'operation `sendOrder` uses message `paymentReceived`, which channel `orders` does not carry', range: '17:9-17:10' }],
    },
    {
      title: 'an operation sending a message of its own channel',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      orderPlaced: { payload: { type: object } }
operations:
  sendOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
    messages:
      - $ref: '#/channels/orders/messages/orderPlaced'
`,
      expect: [],
    },
  ],
  run(model, report) {
    if (!model.specVersion.startsWith('3')) return;
    const ops = isObj(model.document.operations) ? model.document.operations : {};
    for (const op of model.operations) {
      const raw = ops[op.id];
      const ref = isObj(raw) && isObj(raw.channel) ? raw.channel.$ref : undefined;
      const at = { file: op.source.file, pointer: `${op.source.pointer}/channel` };
      if (typeof ref === 'string' && !/^#\/channels\/[^/]+$/.test(ref) && !ref.includes('#/channels/'))
        report(at, `operation \`${op.id}\` must reference a channel under \`channels\`, not \`${ref}\``);
      for (let i = 0; i < op.messages.length; i++) {
        const m = op.messages[i];
        if (!op.channel.messages.includes(m))
          report(
            { file: op.source.file, pointer: `${op.source.pointer}/messages/${i}` },
            `operation \`${op.id}\` uses message \`${m.id}\`, which channel \`${op.channel.id}\` does not carry`,
            `add it to \`channels.${op.channel.id}.messages\` and reference it from there`,
          );
      }
    }
  },
};
