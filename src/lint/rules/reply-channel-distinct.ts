import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

const CONNECTION_PROTOCOLS = new Set(['ws', 'wss', 'http', 'https', 'sse']);

export const replyChannelDistinct: LintRule = {
  id: 'reply-channel-distinct',
  description: 'A reply goes to a channel of its own, not back to the request channel.',
  docs:
    'When replies travel on the request channel, the service consumes its own replies as new requests and ' +
    'requesters compete with the service for them. Give replies their own channel (often a per-requester queue ' +
    'named by a `replyTo` header, with `address: null`). Channels on WebSocket or HTTP servers are exempt: there ' +
    'the reply comes back on the same connection. So is a document without servers, whose protocol is unknown.',
  formats: ['asyncapi'],
  severity: { minimal: 'warning', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a reply sent back to the request queue',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
servers:
  rabbit:
    host: rabbit.example.com
    protocol: amqp
channels:
  authorize:
    address: payments.authorize
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorize' }
`,
      expect: [{ message: 'reply of operation `authorizePayment` goes to the request channel `authorize`', range: '17:7-17:14' }],
    },
    {
      title: 'a reply to a per-requester queue named by `replyTo`',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
servers:
  rabbit:
    host: rabbit.example.com
    protocol: amqp
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
      address: { location: '$message.header#/replyTo' }
`,
      expect: [],
    },
    {
      title: 'a WebSocket reply on the same channel',
      doc: `asyncapi: 3.0.0
info:
  title: Quotes
  version: 1.0.0
servers:
  gateway:
    host: ws.example.com
    protocol: wss
channels:
  quotes:
    address: /quotes
operations:
  requestQuote:
    action: receive
    channel: { $ref: '#/channels/quotes' }
    reply:
      channel: { $ref: '#/channels/quotes' }
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    // On a connection (WebSocket, HTTP) the reply comes back on the same connection: one channel is right.
    // Without servers the protocol is unknown (and `servers-declared` says so).
    const connection = (ids: string[]) =>
      model.servers.length === 0 ||
      model.servers.some((s) => (ids.length === 0 || ids.includes(s.id)) && CONNECTION_PROTOCOLS.has(s.protocol.toLowerCase()));
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http || !r.channel) continue;
      if (connection(op.channel.servers) || Object.keys(op.channel.bindings).some((b) => b === 'ws' || b === 'http')) continue;
      const same = r.channel === op.channel || (r.channel.address !== null && r.channel.address === op.channel.address);
      if (same)
        report(at(r.source, 'channel'), `reply of ${opName(op)} goes to the request channel \`${op.channel.id}\``, 'declare a separate reply channel, e.g. one whose address comes from a `replyTo` header');
    }
  },
};
