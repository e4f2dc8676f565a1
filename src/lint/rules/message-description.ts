import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messageDescription: LintRule = {
  id: 'message-description',
  description: 'Every message has a `summary`, `title` or `description`.',
  docs:
    'A message’s name says what it is called; a summary says what it means and when it is sent (an event: what ' +
    'happened; a command: what it asks for). It is the first thing a consumer reads.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a message with only a name and a payload',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  paymentCaptured:
    address: payments.captured
    messages:
      PaymentCaptured:
        name: PaymentCaptured
        payload:
          type: object
`,
      expect: [{ message: 'message `PaymentCaptured` has neither a summary nor a description', range: '9:7-9:22' }],
    },
    {
      title: 'a message with a summary',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  paymentCaptured:
    address: payments.captured
    messages:
      PaymentCaptured:
        summary: The card payment of an order was captured; the order can ship.
        payload:
          type: object
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.summary?.trim() && !m.description?.trim() && !m.title?.trim())
        report(m.source, `${msgName(m)} has neither a summary nor a description`, 'add `summary:` with one line on what the message means');
  },
};
