import type { Message } from '../../model/types.js';
import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

/** `{ type: object, properties: {}, additionalProperties: false }`: a body declared to be empty. */
function isEmptyObject(m: Message): boolean {
  const v = m.payload?.value as Record<string, unknown> | undefined;
  return !!v && v.additionalProperties === false && (v.properties === undefined || Object.keys(v.properties as object).length === 0);
}

export const requestBodyGetDelete: LintRule = {
  id: 'request-body-get-delete',
  description: '`GET`, `HEAD` and `DELETE` operations take no request body.',
  docs:
    'HTTP gives a body on `GET`, `HEAD` and `DELETE` no defined meaning: proxies, caches and client libraries ' +
    'drop it or reject the request. Put the input in the path or query, or use `POST` for a search with a ' +
    'large query.',
  formats: ['openapi'],
  severity: { minimal: 'warning', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a GET search with a body',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    get:
      operationId: searchOrders
      requestBody:
        content:
          application/json:
            schema:
              type: object
      responses:
        '200':
          description: The matching orders.
`,
      expect: [{ message: '`GET /orders` has a request body; GET bodies have no defined meaning in HTTP', range: '9:7-9:18' }],
    },
    {
      title: 'a DELETE body declared empty',
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
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
      responses:
        '204':
          description: Cancelled.
`,
      expect: [],
    },
    {
      title: 'a POST search with a body',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/search:
    post:
      operationId: searchOrders
      requestBody:
        content:
          application/json:
            schema:
              type: object
      responses:
        '200':
          description: The matching orders.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations) {
      const m = op.http?.method;
      if ((m === 'get' || m === 'head' || m === 'delete') && model.workspace.get(at(op.source, 'requestBody')) !== undefined && !op.http!.requestBodies.every(isEmptyObject))
        report(at(op.source, 'requestBody'), `${opName(op)} has a request body; ${m.toUpperCase()} bodies have no defined meaning in HTTP`, 'move the input to path or query parameters, or use POST');
    }
  },
};
