import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const replyMessages: LintRule = {
  id: 'reply-messages',
  description: 'An operation’s reply declares the messages it can carry.',
  docs:
    'A reply without messages (neither in `reply.messages` nor on its reply channel) tells requesters that an ' +
    'answer comes but not what it looks like, so nobody can parse it or generate a typed client. List the reply ' +
    'messages, including the rejections.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a reply whose channel declares no messages',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
  authorizeReply:
    address: null
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorizeReply' }
`,
      expect: [{ message: 'reply of operation `authorizePayment` declares no messages and its channel `authorizeReply` has none', range: '14:5-14:10' }],
    },
    {
      title: 'a reply with neither channel nor messages',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      address: { location: '$message.header#/replyTo' }
`,
      expect: [{ message: 'reply of operation `authorizePayment` declares no messages', range: '12:5-12:10' }],
    },
    {
      title: 'a reply channel with the answer and the rejection',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
  authorizeReply:
    address: null
    messages:
      PaymentAuthorized: { payload: { type: object } }
      PaymentDeclined: { payload: { type: object } }
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorizeReply' }
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http || r.messages.length > 0) continue;
      report(r.source, `reply of ${opName(op)} declares no messages${r.channel ? ` and its channel \`${r.channel.id}\` has none` : ''}`, 'add `messages:` to the reply (or to its channel)');
    }
  },
};
