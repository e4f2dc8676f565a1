import { expand } from '../../model/schema.js';
import type { LintRule } from '../types.js';
import { at, isObj, opName } from './util.js';

export const putIdempotent: LintRule = {
  id: 'put-idempotent',
  description: '`PUT` operations are idempotent: the request carries no server-generated (`readOnly`) field as required, and a `PUT` that creates names the resource in its path.',
  docs:
    'Clients and proxies retry `PUT` freely because HTTP promises that repeating it has the effect of sending it ' +
    'once. A `PUT` body that requires a server-generated field (`readOnly: true`, like an `id` the server ' +
    'assigns) cannot be sent before the resource exists; a `PUT` to a collection path that answers `201` lets ' +
    'the server choose the id, so each retry creates another resource. Let the client choose the id in the ' +
    'path (`PUT /orders/{orderId}`), or use `POST` with an idempotency key.',
  formats: ['openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a PUT that requires the server-generated id',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    put:
      operationId: replaceOrder
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [id, items]
              properties:
                id: { type: string, readOnly: true }
                items: { type: array }
      responses:
        '200':
          description: Replaced.
`,
      expect: [
        {
          message: '`PUT /orders/{orderId}` requires `id` in its request body, but `id` is read-only (server-generated); clients that follow the schema must invent it, so the PUT is not repeatable as written',
          range: '16:26-16:28',
        },
      ],
    },
    {
      title: 'a PUT that creates on the collection path',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    put:
      operationId: createOrder
      responses:
        '201':
          description: Created.
`,
      expect: [{ message: '`PUT /orders` creates a resource (201) on a collection path, so the server picks its id and a retried PUT creates another', range: '7:5-7:8' }],
    },
    {
      title: 'a PUT to a client-chosen id',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders/{orderId}:
    parameters:
      - { name: orderId, in: path, required: true, schema: { type: string } }
    put:
      operationId: putOrder
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [items]
              properties:
                id: { type: string, readOnly: true }
                items: { type: array }
      responses:
        '201':
          description: Created.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const ws = model.workspace;
    for (const op of model.operations) {
      if (op.http?.method !== 'put') continue;
      for (const body of op.http.requestBodies) {
        if (!body.payload) continue;
        const branches = expand(ws, { value: body.payload.value as Record<string, unknown>, source: body.payload.source });
        const readOnly = (name: string) =>
          branches.some((b) => {
            const props = isObj(b.value) ? b.value.properties : undefined;
            if (!isObj(props) || props[name] === undefined) return false;
            const d = ws.deref<unknown>(props[name], at(b.source, 'properties', name));
            return isObj(d?.value) && d.value.readOnly === true;
          });
        for (const s of branches) {
          if (!isObj(s.value) || !Array.isArray(s.value.required)) continue;
          s.value.required.forEach((name, i) => {
            if (typeof name === 'string' && readOnly(name))
              report(
                at(s.source, 'required', i),
                `${opName(op)} requires \`${name}\` in its request body, but \`${name}\` is read-only (server-generated); clients that follow the schema must invent it, so the PUT is not repeatable as written`,
                `let the client choose the id in the path, and drop \`${name}\` from \`required\` of the request schema`,
              );
          });
        }
      }
      const path = op.http.path;
      const endsWithParam = /\{[^}]+\}\/?$/.test(path);
      const creates = op.http.responses.find((r) => r.status === '201');
      if (!endsWithParam && creates && op.http.parameters.every((p) => p.in !== 'path'))
        report(op.source, `${opName(op)} creates a resource (201) on a collection path, so the server picks its id and a retried PUT creates another`, 'PUT to `…/{id}` with a client-chosen id, or use POST with an `Idempotency-Key` header');
    }
  },
};
