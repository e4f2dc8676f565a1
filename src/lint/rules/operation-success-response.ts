import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

export const operationSuccessResponse: LintRule = {
  id: 'operation-success-response',
  description: 'Every HTTP operation documents at least one success response (`2xx` or `3xx`).',
  docs:
    'Clients need to know what a successful call returns, even if it is only `204 No Content`. An operation ' +
    'that documents only errors (or only `default`) leaves the happy path undefined.',
  formats: ['openapi'],
  severity: { minimal: 'warning', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-success-response'], redocly: ['operation-2xx-response'] },
  examples: () => [
    {
      title: 'an operation that documents only errors',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    delete:
      operationId: cancelOrder
      responses:
        '404':
          description: No such order.
        default:
          description: Unexpected error.
`,
      expect: [{ message: '`DELETE /orders/{orderId}` documents no success response', range: '11:7-11:16' }],
    },
    {
      title: 'a 204 No Content',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    delete:
      operationId: cancelOrder
      responses:
        '204':
          description: Cancelled.
`,
      expect: [],
    },
    {
      title: 'a redirect',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/latest:
    get:
      operationId: latestOrder
      responses:
        '302':
          description: Redirects to the latest order.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations) {
      if (!op.http) continue;
      const statuses = new Set(op.http.responses.map((r) => r.status ?? ''));
      if (![...statuses].some((s) => /^[23]/.test(s) || s === '101'))
        report(at(op.source, 'responses'), `${opName(op)} documents no success response`, 'add a `2xx` response (e.g. `200` with the result, or `204`)');
    }
  },
};
