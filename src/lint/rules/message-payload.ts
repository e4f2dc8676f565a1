import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messagePayload: LintRule = {
  id: 'message-payload',
  description: 'Every message declares a payload schema.',
  docs:
    'A message without a payload schema is a contract that promises nothing: receivers cannot validate what ' +
    'arrives, `diff` cannot tell a breaking change, and generated code is untyped. Declare the payload (for a ' +
    'message that truly carries no body, `payload: { type: "null" }` says so).',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a message without a payload',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCancelled:
    address: orders.cancelled
    messages:
      OrderCancelled:
        summary: An order was cancelled by the customer.
`,
      expect: [{ message: 'message `OrderCancelled` has no payload schema', range: '9:7-9:21' }],
    },
    {
      title: 'a message that says it carries no body',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  heartbeat:
    address: orders.heartbeat
    messages:
      Heartbeat:
        payload:
          type: 'null'
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.payload) report(m.source, `${msgName(m)} has no payload schema`, 'add `payload:` with a schema (or `{ type: "null" }` for an empty body)');
  },
};
