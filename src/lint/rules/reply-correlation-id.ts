import type { ApiModel, Message } from '../../model/types.js';
import type { LintRule } from '../types.js';
import { declaresField, msgName, opName, stringList } from './util.js';

/** Header names that carry a return address (a 2.x message "carrying a reply-to header"). */
export const REPLY_TO_HEADERS = ['replyTo', 'reply_to', 'reply-to', 'Reply-To', 'replyChannel', 'replyAddress'];

export function declaresHeader(model: ApiModel, m: Message, names: readonly string[]): string | undefined {
  if (!m.headers) return undefined;
  for (const name of names) if (declaresField(model.workspace, m.headers, `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`)) return name;
  return undefined;
}

export const replyCorrelationId: LintRule = {
  id: 'reply-correlation-id',
  description: 'A request that expects a reply (an operation `reply`, or a reply-to header) declares a `correlationId`.',
  docs:
    'The requester matches each reply to its request by the correlation id it sent. Without a declared ' +
    '`correlationId`, clients and generated code cannot know where it travels, and concurrent requests get ' +
    'each other’s replies. Add `correlationId: { location: $message.header#/correlationId }` to the request ' +
    'messages (and to the reply messages, which echo it).',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  options: {
    replyToHeaders: { description: 'Header names that make a message a request expecting a reply.', default: REPLY_TO_HEADERS, check: stringList },
  },
  examples: () => [
    {
      title: 'a request and its reply, neither with a correlation id',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        payload: { type: object }
  authorizeReply:
    address: null
    messages:
      PaymentAuthorized:
        payload: { type: object }
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorizeReply' }
`,
      expect: [
        { message: 'message `AuthorizePayment` has no `correlationId`, but operation `authorizePayment` expects a reply; replies cannot be matched to requests', range: '9:7-9:23' },
        { message: 'reply message `PaymentAuthorized` of operation `authorizePayment` has no `correlationId`; the requester cannot match it to its request', range: '14:7-14:24' },
      ],
    },
    {
      title: 'an AsyncAPI 2 message carrying a `replyTo` header',
      doc: `asyncapi: 2.6.0
info:
  title: Payments
  version: 1.0.0
channels:
  payments.authorize:
    subscribe:
      operationId: authorizePayment
      message:
        name: AuthorizePayment
        headers:
          type: object
          properties:
            replyTo: { type: string }
`,
      expect: [{ message: 'message `AuthorizePayment` has no `correlationId`, but it carries a `replyTo` header; replies cannot be matched to requests', range: '9:7-9:14' }],
    },
    {
      title: 'a return-address header named by the `replyToHeaders` option',
      options: { replyToHeaders: ['x-return-queue'] },
      doc: `asyncapi: 2.6.0
info:
  title: Payments
  version: 1.0.0
channels:
  payments.authorize:
    subscribe:
      operationId: authorizePayment
      message:
        name: AuthorizePayment
        headers:
          type: object
          properties:
            x-return-queue: { type: string }
`,
      expect: [{ message: 'message `AuthorizePayment` has no `correlationId`, but it carries a `x-return-queue` header; replies cannot be matched to requests', range: '9:7-9:14' }],
    },
    {
      title: 'request and reply both carry the correlation id',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        headers: { $ref: '#/components/schemas/Headers' }
        correlationId: { $ref: '#/components/correlationIds/byRequest' }
  authorizeReply:
    address: null
    messages:
      PaymentAuthorized:
        headers: { $ref: '#/components/schemas/Headers' }
        correlationId: { $ref: '#/components/correlationIds/byRequest' }
operations:
  authorizePayment:
    action: receive
    channel: { $ref: '#/channels/authorize' }
    reply:
      channel: { $ref: '#/channels/authorizeReply' }
components:
  schemas:
    Headers: { type: object, properties: { correlationId: { type: string } } }
  correlationIds:
    byRequest: { location: '$message.header#/correlationId' }
`,
      expect: [],
    },
  ],
  run({ model, options }, report) {
    const replyTo = options.replyToHeaders as string[];
    const seen = new Set<Message>();
    // AsyncAPI 3 says `reply` explicitly; a reply-to header marks a request only in 2.x.
    const byHeader = model.specVersion.startsWith('2');
    for (const op of model.operations) {
      if (op.http) continue;
      for (const m of op.messages) {
        if (m.correlationId || seen.has(m)) continue;
        const header = op.reply || !byHeader ? undefined : declaresHeader(model, m, replyTo);
        if (!op.reply && !header) continue;
        seen.add(m);
        const why = op.reply ? `${opName(op)} expects a reply` : `it carries a \`${header}\` header`;
        report(
          m.source,
          `${msgName(m)} has no \`correlationId\`, but ${why}; replies cannot be matched to requests`,
          'add `correlationId: { location: "$message.header#/correlationId" }` and declare that header',
        );
      }
      if (op.reply)
        for (const m of op.reply.messages)
          if (!m.correlationId && !seen.has(m)) {
            seen.add(m);
            report(m.source, `reply ${msgName(m)} of ${opName(op)} has no \`correlationId\`; the requester cannot match it to its request`, 'declare the same `correlationId` as the request');
          }
    }
  },
};
