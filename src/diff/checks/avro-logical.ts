import { avroEdit, USER, userService } from '../../formats/avro/examples.js';
import type { DiffExample } from '../../model/rule-example.js';
import { fixed, type ModelCheck } from '../check.js';

/** The user record with `age` a decimal of this precision and scale. */
const decimal = (precision: number, scale: number) => USER.replace('    type: int', `    type: { type: bytes, logicalType: decimal, precision: ${precision}, scale: ${scale} }`);
const pair = (title: string, action: 'receive' | 'send', from: string, to: string, expect: DiffExample['expect']): DiffExample => ({ title, base: userService(action, from), revision: userService(action, to), expect });

/** Avro logical types on the same underlying type (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed(
      'avro-logical-type-changed',
      'schema',
      'warning',
      "An Avro logical type changed, or was added or removed, on the same underlying type: Avro resolves by the underlying type, so old and new data still read, but the values mean something else (`timestamp-millis` read as `timestamp-micros` is off by 1000).",
      "breaking when a decimal's scale changes (the stored integer is read with the point elsewhere: every value off by a power of ten). A decimal's precision: non-breaking when the reader's grows, a warning when it shrinks. Apache Avro's SchemaCompatibility, which Confluent Schema Registry's AvroCompatibilityChecker runs, ignores logical types: the registry accepts all of these.",
    ),
  ],
  examples: () => [
    avroEdit('a received string becomes a uuid', 'receive', '  - name: id\n    type: string', '  - name: id\n    type: { type: string, logicalType: uuid }', [
      { rule: 'avro-logical-type-changed', level: 'warning', message: 'Payload of message `User` received on `users`: logical type of `id` changed from plain `string` to `uuid`: Avro reads the same `string`, but its values mean something else.', at: '16:17' },
    ]),
    pair('a sent timestamp goes from millis to micros', 'send', USER.replace('    type: int', '    type: { type: long, logicalType: timestamp-millis }'), USER.replace('    type: int', '    type: { type: long, logicalType: timestamp-micros }'), [
      { rule: 'avro-logical-type-changed', level: 'warning', message: 'Payload of message `User` sent on `users`: logical type of `age` changed from `timestamp-millis` to `timestamp-micros`: Avro reads the same `long`, but its values mean something else.', at: '18:17' },
    ]),
    pair('a received decimal changes its scale', 'receive', decimal(12, 2), decimal(12, 4), [
      { rule: 'avro-logical-type-changed', level: 'breaking', message: 'Payload of message `User` received on `users`: scale of decimal `age` changed from 2 to 4: each value read with the other scale is off by a factor of 100.', at: '18:75' },
    ]),
    pair('a sent decimal changes its scale', 'send', decimal(12, 4), decimal(12, 2), [
      { rule: 'avro-logical-type-changed', level: 'breaking', message: 'Payload of message `User` sent on `users`: scale of decimal `age` changed from 4 to 2: each value read with the other scale is off by a factor of 100.', at: '18:75' },
    ]),
    pair('a received decimal grows its precision: old values fit', 'receive', decimal(10, 2), decimal(12, 2), [
      { rule: 'avro-logical-type-changed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: precision of decimal `age` changed from 10 to 12; every value the old schema allows fits.', at: '18:60' },
    ]),
    pair('a sent decimal grows its precision: old readers may get more digits', 'send', decimal(10, 2), decimal(12, 2), [
      { rule: 'avro-logical-type-changed', level: 'warning', message: "Payload of message `User` sent on `users`: precision of decimal `age` changed from 10 to 12: values the new schema allows may have more digits than the reader's precision.", at: '18:60' },
    ]),
    pair('a decimal written with its keys in another order', 'send', decimal(12, 2), USER.replace('    type: int', '    type: { scale: 2, precision: 12, logicalType: decimal, type: bytes }'), []),
    pair('a received timestamp unchanged', 'receive', USER.replace('    type: int', '    type: { type: long, logicalType: timestamp-millis }'), USER.replace('    type: int', '    type:\n      type: long\n      logicalType: timestamp-millis'), []),
  ],
  run() {},
};
export default check;
