import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationDescription: LintRule = {
  id: 'operation-description',
  description: 'Every operation has a `summary` or a `description`.',
  docs:
    'An operation’s id says what it is called, not what it does or promises (idempotency, ordering, side ' +
    'effects). One line of `summary` is enough for most; add a `description` for the rest.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-description', 'asyncapi-operation-description'], redocly: ['operation-summary', 'operation-description'] },
  examples: () => [
    {
      title: 'an AsyncAPI operation with neither summary nor description',
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
      expect: [{ message: 'operation `publishOrderCreated` has neither a summary nor a description', range: '9:3-9:22' }],
    },
    {
      title: 'an HTTP operation with a blank summary',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    delete:
      summary: ''
      responses:
        '204':
          description: Cancelled.
`,
      expect: [{ message: '`DELETE /orders/{orderId}` has neither a summary nor a description', range: '9:5-9:11' }],
    },
    {
      title: 'an operation with a one-line summary',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      summary: Place an order; answers 201 with the order id.
      responses:
        '201':
          description: Created.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations)
      if (!op.summary?.trim() && !op.description?.trim() && !op.title?.trim())
        report(op.source, `${opName(op)} has neither a summary nor a description`, 'add `summary:` with one line on what it does');
  },
};
