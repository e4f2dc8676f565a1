import { avroEdit } from '../../formats/avro/examples.js';
import { fixed, type ModelCheck } from '../check.js';

/** Avro types of a field, by schema resolution (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('avro-type-changed', 'schema', 'breaking', 'An Avro type changed to one the reader cannot resolve the writer\'s to.', 'non-breaking when Avro promotes the writer\'s type to the reader\'s: int→long→float→double, string↔bytes.'),
  ],
  examples: () => [
    avroEdit('a received int widened to long: Avro promotes old values', 'receive', '    type: int', '    type: long', [
      { rule: 'avro-type-changed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: type of `age` changed from `int` to `long`; Avro promotes the old values.', at: '18:17' },
    ]),
    avroEdit('a sent int widened to long: old readers of int cannot read longs', 'send', '    type: int', '    type: long', [
      { rule: 'avro-type-changed', level: 'breaking', message: 'Payload of message `User` sent on `users`: type of `age` changed from `int` to `long`, which Avro does not resolve.', at: '18:17' },
    ]),
    avroEdit('a received string read as bytes', 'receive', '  - name: id\n    type: string', '  - name: id\n    type: bytes', [
      { rule: 'avro-type-changed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: type of `id` changed from `string` to `bytes`; Avro promotes the old values.', at: '16:17' },
    ]),
    avroEdit('a received int now a string', 'receive', '    type: int', '    type: string', [
      { rule: 'avro-type-changed', level: 'breaking', message: 'Payload of message `User` received on `users`: type of `age` changed from `int` to `string`, which Avro does not resolve.', at: '18:17' },
    ]),
    avroEdit('a field type written as an object', 'receive', '    type: int', '    type: { type: int }', []),
  ],
  run() {},
};
export default check;
