import { parseRuntimeExpression } from '../../model/expression.js';
import type { SemanticCheck } from './check.js';

/** AsyncAPI 3 replies: a channel or an address, a valid address expression, messages of the reply channel. */
export const replyValid: SemanticCheck = {
  id: 'reply-valid',
  description: 'An operation reply names a reply channel or a runtime-expression address, and its messages belong to the reply channel.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a reply with nowhere to go',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  authorize:
    address: payments.authorize
    messages:
      authorizePayment: { payload: { type: object } }
operations:
  requestAuthorization:
    action: send
    channel: { $ref: '#/channels/authorize' }
    reply: {}
`,
      expect: [
        {
          message: 'reply of operation `requestAuthorization` has neither a `channel` nor an `address`; the replier cannot know where to send it',
          range: '12:5-12:10',
        },
      ],
    },
    {
      title: 'a reply address location without the `/` of a JSON pointer',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  authorize:
    address: payments.authorize
    messages:
      authorizePayment: { payload: { type: object } }
operations:
  requestAuthorization:
    action: send
    channel: { $ref: '#/channels/authorize' }
    reply:
      address:
        location: $message.header#replyTo
`,
      expect: [{ message: 'reply address location `$message.header#replyTo` of operation `requestAuthorization` is not a runtime expression', range: '14:9-14:42' }],
    },
    {
      title: 'a reply message taken from the request channel',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  authorize:
    address: payments.authorize
    messages:
      authorizePayment: { payload: { type: object } }
  authorized:
    address: payments.authorized
    messages:
      paymentAuthorized: { payload: { type: object } }
operations:
  requestAuthorization:
    action: send
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorized' }
      messages:
        - $ref: '#/channels/authorize/messages/authorizePayment'
`,
      expect: [{ message: 'reply message `authorizePayment` of operation `requestAuthorization` is not a message of reply channel `authorized`', range: '19:11-19:12' }],
    },
    {
      title: 'a reply on its own channel, addressed by the `replyTo` header',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  authorize:
    address: payments.authorize
    messages:
      authorizePayment: { payload: { type: object } }
  authorized:
    address: null
    messages:
      paymentAuthorized: { payload: { type: object } }
operations:
  requestAuthorization:
    action: send
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorized' }
      address:
        location: $message.header#/replyTo
      messages:
        - $ref: '#/channels/authorized/messages/paymentAuthorized'
`,
      expect: [],
    },
  ],
  run(model, report) {
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http) continue;
      if (!r.channel && !r.addressLocation)
        report(r.source, `reply of operation \`${op.id}\` has neither a \`channel\` nor an \`address\`; the replier cannot know where to send it`);
      if (r.addressLocation !== undefined && !parseRuntimeExpression(r.addressLocation))
        report(
          { file: r.source.file, pointer: `${r.source.pointer}/address/location` },
          `reply address location \`${r.addressLocation}\` of operation \`${op.id}\` is not a runtime expression`,
          'use `$message.header#/replyTo` or `$message.payload#/...`',
        );
      if (r.channel)
        r.messages.forEach((m, i) => {
          if (!r.channel!.messages.includes(m))
            report(
              { file: r.source.file, pointer: `${r.source.pointer}/messages/${i}` },
              `reply message \`${m.id}\` of operation \`${op.id}\` is not a message of reply channel \`${r.channel!.id}\``,
            );
        });
    }
  },
};
