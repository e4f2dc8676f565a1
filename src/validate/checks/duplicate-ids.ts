import type { NodeLocation } from '../../load/workspace.js';
import type { SemanticCheck } from './check.js';

function duplicates<T>(items: T[], key: (t: T) => string | undefined, at: (t: T) => NodeLocation, what: string, report: (l: NodeLocation, m: string) => void) {
  const first = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const prev = first.get(k);
    if (prev && at(prev).pointer !== at(item).pointer) report(at(item), `${what} \`${k}\` is used more than once (first at \`${at(prev).pointer}\`)`);
    else if (!prev) first.set(k, item);
  }
}

/** operationIds (and AsyncAPI 2 messageIds) are unique in the document. */
export const duplicateIds: SemanticCheck = {
  id: 'duplicate-id',
  description: '`operationId`s, and AsyncAPI 2 `messageId`s, are unique within a document.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'two operations with the same operationId',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200': { description: the orders }
  /orders/archived:
    get:
      operationId: listOrders
      responses:
        '200': { description: the archived orders }
`,
      expect: [{ message: 'operationId `listOrders` is used more than once (first at `/paths/~1orders/get/operationId`)', range: '11:7-11:30' }],
    },
    {
      title: 'two AsyncAPI 2 messages with the same messageId',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    subscribe:
      message:
        messageId: orderEvent
        payload: { type: object }
  returns:
    subscribe:
      message:
        messageId: orderEvent
        payload: { type: object }
`,
      expect: [{ message: 'messageId `orderEvent` is used more than once (first at `/channels/orders/subscribe/message/messageId`)', range: '12:9-12:30' }],
    },
    {
      title: 'one message component used by two operations',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    publish:
      operationId: placeOrder
      message: { $ref: '#/components/messages/order' }
    subscribe:
      operationId: receiveOrder
      message: { $ref: '#/components/messages/order' }
components:
  messages:
    order:
      messageId: order
      payload: { type: object }
`,
      expect: [],
    },
  ],
  run(model, report) {
    duplicates(model.operations, (o) => o.operationId, (o) => ({ file: o.source.file, pointer: `${o.source.pointer}/operationId` }), 'operationId', report);
    if (model.format === 'asyncapi' && model.specVersion.startsWith('2')) {
      const withId = model.messages.filter((m) => typeof (model.workspace.get(m.source) as { messageId?: unknown })?.messageId === 'string');
      duplicates(withId, (m) => m.id, (m) => ({ file: m.source.file, pointer: `${m.source.pointer}/messageId` }), 'messageId', report);
    }
  },
};
