import { asyncapi } from './model-examples.js';

/**
 * Skeleton for the examples of the Protobuf checks: an order event whose payload is `proto` (a .proto
 * source, one line per array entry), sent (or received) on `orders`. The source starts on line 12.
 */
export function protoDoc(proto: string[], action: 'send' | 'receive' = 'send'): string {
  return asyncapi(`channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        contentType: application/x-protobuf
        payload:
          schemaFormat: application/vnd.google.protobuf;version=${proto.some((l) => l.includes('"proto2"')) ? 2 : 3}
          schema: |
${proto.map((l) => (l ? `            ${l}` : '')).join('\n')}
operations:
  order:
    action: ${action}
    channel: { $ref: '#/channels/orders' }
`);
}

/** A line break inside the .proto source of `protoDoc` (its lines are indented 12 columns). */
export const NL = '\n' + ' '.repeat(12);
