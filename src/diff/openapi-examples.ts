import type { DiffExample } from '../model/rule-example.js';

/**
 * An OpenAPI 3.1 document whose `Order` schema (YAML flow text) is the request body of `POST /orders`
 * (accepted: `request`), its 201 response (emitted: `response`), or both. The schema stands on line 5,
 * column 12, so examples read `at: '5:...'`; with `both`, one change is reported per direction.
 */
export function orderApiDoc(schema: string, uses: 'request' | 'response' | 'both'): string {
  const body = uses !== 'response' ? "\n      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }" : '';
  const created = uses !== 'request' ? ", content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } }" : '';
  return `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
components:
  schemas:
    Order: ${schema}
paths:
  /orders:
    post:${body}
      responses:
        '201': { description: Created${created} }
`;
}

/** A diff example whose two versions differ in the `Order` schema only. */
export function orderApiExample(title: string, uses: 'request' | 'response' | 'both', base: string, revision: string, expect: DiffExample['expect']): DiffExample {
  return { title, base: orderApiDoc(base, uses), revision: orderApiDoc(revision, uses), expect };
}
