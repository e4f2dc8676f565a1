import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationOperationId: LintRule = {
  id: 'operation-operationId',
  description: 'Every operation has an `operationId`.',
  docs:
    'Generated clients, handlers and docs name operations by their `operationId`; without one, tools invent ' +
    'names from paths or channels, which change when the path does. (Uniqueness is checked by `duplicate-id`.)',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-operationId', 'asyncapi-operation-operationId'], redocly: ['operation-operationId'] },
  examples: () => [
    {
      title: 'an HTTP operation without an operationId',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      summary: Place an order.
      responses:
        '201':
          description: Created.
`,
      expect: [{ message: '`POST /orders` has no `operationId`', range: '7:5-7:9' }],
    },
    {
      title: 'an AsyncAPI 2 operation without an operationId',
      doc: `asyncapi: 2.6.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders.created:
    subscribe:
      message:
        payload:
          type: object
`,
      expect: [{ message: 'operation `subscribe orders.created` has no `operationId`', range: '7:5-7:14' }],
    },
    {
      title: 'an AsyncAPI 3 operation, named by its key',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
operations:
  publishOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderCreated'
`,
      expect: [],
    },
    {
      title: 'an HTTP operation with an operationId',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      operationId: placeOrder
      responses:
        '201':
          description: Created.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations)
      if (op.operationId === undefined) report(op.source, `${opName(op)} has no \`operationId\``, 'add `operationId:` in camelCase, e.g. `createOrder`');
  },
};
