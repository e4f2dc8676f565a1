import type { LintRule } from '../types.js';
import { declaresHeader } from './reply-correlation-id.js';
import { msgName, stringList } from './util.js';

export const MESSAGE_ID_HEADERS = ['messageId', 'message_id', 'message-id', 'Message-Id', 'id', 'eventId', 'event_id', 'ce-id', 'ce_id'];

export const messageIdHeader: LintRule = {
  id: 'message-id-header',
  description: 'Every message declares a unique message id header (`messageId`, `message_id`, `id`, ...), so receivers can drop duplicates.',
  docs:
    'Brokers deliver at least once, so handlers see duplicates. A receiver that records processed message ids ' +
    'needs every message to carry one. Declare it in the headers schema (`messageId: { type: string, format: uuid }`). ' +
    'Headers in Avro (a record field) count too. The accepted header names are configurable with the `names` option.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  options: { names: { description: 'Header names that carry the message id.', default: MESSAGE_ID_HEADERS, check: stringList } },
  examples: () => [
    {
      title: 'a message without headers',
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
`,
      expect: [{ message: 'message `OrderCreated` declares no headers, so no message id; receivers cannot drop duplicates', range: '9:7-9:19' }],
    },
    {
      title: 'headers without a message id',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        headers:
          type: object
          properties:
            traceparent:
              type: string
`,
      expect: [{ message: 'headers of message `OrderCreated` declare no message id (`messageId`, `message_id`, `message-id`, ...)', range: '10:9-10:16' }],
    },
    {
      title: 'a `messageId` header',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        headers:
          type: object
          properties:
            messageId:
              type: string
              format: uuid
`,
      expect: [],
    },
    {
      title: 'a `messageId` field of Avro headers',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        headers:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: Headers
            fields:
              - { name: messageId, type: string }
`,
      expect: [],
    },
    {
      title: 'a CloudEvents id, accepted by the `names` option',
      options: { names: ['ce_id'] },
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        headers:
          type: object
          properties:
            ce_id:
              type: string
`,
      expect: [],
    },
    {
      title: 'an `id` header when the `names` option accepts only `dedupKey`',
      options: { names: ['dedupKey'] },
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        headers:
          type: object
          properties:
            id:
              type: string
`,
      expect: [{ message: 'headers of message `OrderCreated` declare no message id (`dedupKey`)', range: '10:9-10:16' }],
    },
  ],
  run({ model, options }, report) {
    const names = options.names as string[];
    // `...` only when names are left out: a list of one is shown whole.
    const shown = names.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (names.length > 3 ? ', ...' : '');
    for (const m of model.messages) {
      if (m.headers && declaresHeader(model, m, names)) continue;
      report(
        m.headers?.source ?? m.source,
        m.headers ? `headers of ${msgName(m)} declare no message id (${shown})` : `${msgName(m)} declares no headers, so no message id; receivers cannot drop duplicates`,
        'declare a `messageId` header (a UUID set by the sender)',
      );
    }
  },
};
