import type { DiffExample } from '../model/rule-example.js';

/**
 * An AsyncAPI 3 document with one message whose payload is `schema` (YAML flow text), received by the
 * application (`accept`: `acceptOrder`) or sent by it (`emit`: `publishOrder`). The payload stands on
 * line 9, so examples of schema rules read `at: '9:...'`.
 */
export function payloadDoc(schema: string, dir: 'accept' | 'emit'): string {
  const op = dir === 'accept' ? 'acceptOrder: { action: receive' : 'publishOrder: { action: send';
  return `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      Order:
        name: Order
        payload: ${schema}
operations:
  ${op}, channel: { $ref: '#/channels/orders' } }
`;
}

/** A diff example whose two versions differ in the payload schema only. */
export function payloadExample(title: string, dir: 'accept' | 'emit', base: string, revision: string, expect: DiffExample['expect']): DiffExample {
  return { title, base: payloadDoc(base, dir), revision: payloadDoc(revision, dir), expect };
}
