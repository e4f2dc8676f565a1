import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

export const operation4xxResponse: LintRule = {
  id: 'operation-4xx-response',
  description: 'Every HTTP operation documents at least one client error response (`4xx`).',
  docs:
    'Callers of a synchronous API must handle failure: a timeout, a circuit breaker, or an error shown to the ' +
    'user. Which client errors an operation returns (`400` invalid input, `404` unknown resource, `409` conflict) ' +
    'is part of its contract; a lone `default` response does not say which ones to expect.',
  formats: ['openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { redocly: ['operation-4xx-response'] },
  examples: () => [
    {
      title: 'a success and a `default` response only',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    get:
      operationId: getOrder
      responses:
        '200':
          description: The order.
        default:
          description: Unexpected error.
`,
      expect: [{ message: '`GET /orders/{orderId}` documents no client error (4xx) response', range: '11:7-11:16' }],
    },
    {
      title: 'a `404` for an unknown order',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    get:
      operationId: getOrder
      responses:
        '200':
          description: The order.
        '404':
          description: No such order.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations) {
      if (!op.http) continue;
      if (!op.http.responses.some((r) => /^4/.test(r.status ?? '')))
        report(at(op.source, 'responses'), `${opName(op)} documents no client error (4xx) response`, 'add the 4xx responses callers must handle, e.g. `400` and `404`');
    }
  },
};
