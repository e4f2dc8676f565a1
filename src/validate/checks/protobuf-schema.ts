import { foreignPayloadRoots } from '../../formats/index.js';
import type { SemanticCheck } from './check.js';

const doc = (lines: string[]) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
${lines.map((l) => `            ${l}`).join('\n')}
`;

/** A Protobuf payload (inline .proto source, or a `$ref`d .proto file, with what it imports) that protobufjs cannot read, at the place in the source. */
export const protobufSchema: SemanticCheck = {
  id: 'protobuf-schema',
  description: 'A Protobuf payload is a valid .proto source with one root message: no syntax error, unknown type, field number or name used twice or reserved, and every file it imports (relative to the importing file) readable and valid.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    { title: 'a missing semicolon', doc: doc(['message Order {', '  string id = 1', '  int64 total = 2;', '}']), expect: [{ message: "syntax error: unexpected token 'int64', ';' expected", range: '14:15-14:20' }] },
    { title: 'an unknown field type', doc: doc(['message Order {', '  Money total = 1;', '}']), expect: [{ message: 'unknown type `Money` in message `Order`', range: '13:15-13:20' }] },
    { title: 'a field number used twice', doc: doc(['message Order {', '  string id = 1;', '  int64 total = 1;', '}']), expect: [{ message: 'field number 1 is used twice in message `Order`', range: '14:29-14:30' }] },
    { title: 'a field number in a reserved range', doc: doc(['message Order {', '  reserved 2 to 4;', '  int64 total = 3;', '}']), expect: [{ message: 'field number 3 is reserved in message `Order`', range: '14:29-14:30' }] },
    { title: 'a field name used twice', doc: doc(['message Order {', '  string id = 1;', '  int64 id = 2;', '}']), expect: [{ message: 'name `id` is declared twice in message `Order`', range: '14:21-14:23' }] },
    { title: 'two root messages, none marked', doc: doc(['message Order {}', 'message Refund {}']), expect: [{ message: "more than one root message (`Order`, `Refund`): mark the payload's with a `// @RootNode` comment", range: '11:13-11:13' }] },
    { title: 'the root marked among two', doc: doc(['// @RootNode', 'message Order { string id = 1; }', 'message Refund {}']), expect: [] },
  ],
  async run(model, report) {
    for (const r of foreignPayloadRoots(model))
      if (r.format.id === 'protobuf') for (const p of await r.format.validate(r.node, model.workspace)) report(p.at, p.message, p.help, p.range);
  },
};
