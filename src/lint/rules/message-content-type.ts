import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messageContentType: LintRule = {
  id: 'message-content-type',
  description: 'Every message has a content type, its own `contentType` or the document’s `defaultContentType`.',
  docs:
    'Receivers need to know how to decode the bytes (JSON, Avro, Protobuf). Set `defaultContentType` once at ' +
    'the top of the document, and `contentType` on the messages that differ.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'no `defaultContentType` and a message without `contentType`',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload:
          type: object
      OrderCreatedAvro:
        contentType: application/vnd.apache.avro+json
        payload:
          type: object
`,
      expect: [{ message: 'message `OrderCreated` has no content type and the document sets no `defaultContentType`', range: '9:7-9:19' }],
    },
    {
      title: 'a `defaultContentType` for every message',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
defaultContentType: application/json
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload:
          type: object
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.contentType) report(m.source, `${msgName(m)} has no content type and the document sets no \`defaultContentType\``, 'add `defaultContentType: application/json` at the top of the document');
  },
};
