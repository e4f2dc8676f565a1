import { directed, fixed, type ModelCheck } from '../check.js';
import { edited } from '../model-examples.js';
import { NL, protoDoc } from '../proto-examples.js';
import { reservedNumber, type ProtoComparison } from '../../formats/protobuf/diff.js';

const order = protoDoc([
  'syntax = "proto3";',
  'package shop;',
  'message Order {',
  '  string id = 1;',
  '  Status status = 2;',
  '}',
  'enum Status {',
  '  STATUS_UNSPECIFIED = 0;',
  '  STATUS_PLACED = 1;',
  '  STATUS_PAID = 2;',
  '}',
]);
const received = order.replace('action: send', 'action: receive');

/**
 * Protobuf payloads: values of the enums the payload reaches, matched by number (buf ENUM_VALUE_NO_DELETE,
 * ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED, ENUM_VALUE_SAME_NAME). Runs from the payload comparison of
 * `messages`, not on its own.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    directed('proto-enum-value-no-delete', 'message', 'warning', 'non-breaking', 'An enum value was deleted and its number reserved (buf `ENUM_VALUE_NO_DELETE`): old data may still carry it, which new readers see as an unknown value.'),
    fixed('proto-enum-value-no-delete-unless-number-reserved', 'message', 'breaking', 'An enum value was deleted without reserving its number (buf `ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED`): a later value may reuse the number, and old data then means the new value.'),
    fixed('proto-enum-value-same-name', 'message', 'warning', 'An enum value kept its number under another name (buf `ENUM_VALUE_SAME_NAME`): the binary encoding is the same, the JSON encoding (by name) is not.'),
  ],
  examples: () => [
    edited('a received enum value deleted, its number reserved', received, '  STATUS_PAID = 2;', '  reserved 2;', [
      { rule: 'proto-enum-value-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` received on `orders`: value `STATUS_PAID` (2) of enum `shop.Status` was deleted; old data carrying it reads as an unknown value.', at: '11:11' },
    ]),
    edited('a sent enum value deleted, its number reserved', order, '  STATUS_PAID = 2;', '  reserved 2;', [
      { rule: 'proto-enum-value-no-delete', level: 'non-breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: value `STATUS_PAID` (2) of enum `shop.Status` was deleted.', at: '11:11' },
    ]),
    edited('an enum value deleted, its number free for reuse', order, 'STATUS_PAID = 2;', '', [
      { rule: 'proto-enum-value-no-delete-unless-number-reserved', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: value `STATUS_PAID` (2) of enum `shop.Status` was deleted without reserving its number.', at: '11:11' },
    ]),
    edited('an enum value renamed', order, 'STATUS_PAID = 2;', 'STATUS_SETTLED = 2;', [
      { rule: 'proto-enum-value-same-name', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: value 2 of enum `shop.Status` was renamed from `STATUS_PAID` to `STATUS_SETTLED`.', at: '11:11' },
    ]),
    edited('an enum value added', order, 'STATUS_PAID = 2;', `STATUS_PAID = 2;${NL}  STATUS_SHIPPED = 3;`, []),
  ],
  run() {
    // Protobuf payloads are compared where message payloads are (checks/messages.ts), by their format.
  },
};
export default check;

export function protoEnumChecks(c: ProtoComparison): void {
  for (const { base, rev } of c.enums) {
    if (!rev) continue;
    for (const bv of base.values) {
      // Aliases (`allow_alias`) share a number: the value is kept while any name keeps the number.
      if (base.values.find((v) => v.number === bv.number) !== bv) continue;
      const rv = rev.values.find((v) => v.number === bv.number);
      const name = `value \`${bv.name}\` (${bv.number}) of enum \`${base.name}\``;
      const key = `${base.name}|${bv.number}`;
      if (!rv) {
        if (reservedNumber(rev.reservedNumbers, bv.number))
          c.report({ rule: 'proto-enum-value-no-delete', message: `${name} was deleted${c.dir === 'accept' ? '; old data carrying it reads as an unknown value' : ''}`, key });
        else c.report({ rule: 'proto-enum-value-no-delete-unless-number-reserved', message: `${name} was deleted without reserving its number`, key });
      } else if (!rev.values.some((v) => v.number === bv.number && v.name === bv.name))
        c.report({ rule: 'proto-enum-value-same-name', message: `value ${bv.number} of enum \`${base.name}\` was renamed from \`${bv.name}\` to \`${rv.name}\``, key });
    }
  }
}
