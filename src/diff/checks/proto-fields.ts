import { directed, fixed, type ModelCheck } from '../check.js';
import { edited } from '../model-examples.js';
import { NL, protoDoc } from '../proto-examples.js';
import { reservedNumber, type ProtoComparison } from '../../formats/protobuf/diff.js';

const order = protoDoc([
  'syntax = "proto3";',
  'package shop;',
  'message Order {',
  '  string id = 1;',
  '  string note = 2;',
  '  string customer_id = 3;',
  '  oneof payment {',
  '    string card = 4;',
  '    string iban = 5;',
  '  }',
  '}',
]);

/**
 * Protobuf payloads: fields matched by number, deleted, renamed, or moved between oneofs (buf
 * FIELD_NO_DELETE, FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED, FIELD_SAME_NAME, FIELD_SAME_JSON_NAME,
 * FIELD_SAME_ONEOF). Runs from the payload comparison of `messages`, not on its own.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    directed('proto-field-no-delete', 'message', 'non-breaking', 'warning', 'A field of a Protobuf payload was deleted and its number reserved (buf `FIELD_NO_DELETE`): old data still decodes (the field is skipped), but old readers of new data get the field\'s default.'),
    fixed('proto-field-no-delete-unless-number-reserved', 'message', 'breaking', 'A field of a Protobuf payload was deleted without reserving its number (buf `FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED`): a later field may reuse the number, and data of either version is then misread.'),
    fixed('proto-field-same-name', 'message', 'warning', 'A field kept its number under another name (buf `FIELD_SAME_NAME`): the binary encoding is the same, the JSON and text encodings are not.'),
    fixed('proto-field-same-json-name', 'message', 'warning', 'A field kept its name but has another JSON name (buf `FIELD_SAME_JSON_NAME`): JSON readers miss it.'),
    fixed('proto-field-same-oneof', 'message', 'breaking', 'A field moved into, out of or between oneofs (buf `FIELD_SAME_ONEOF`): setting one member clears the others, so data that set several loses values.'),
  ],
  examples: () => [
    edited('a field deleted, its number reserved', order, '  string note = 2;', '  reserved 2;', [
      { rule: 'proto-field-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field `note` (2) of `shop.Order` was deleted; consumers get its default value.', at: '11:11' },
    ]),
    edited('a field deleted, its number free for reuse', order, 'string note = 2;', '', [
      { rule: 'proto-field-no-delete-unless-number-reserved', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `note` (2) of `shop.Order` was deleted without reserving its number.', at: '11:11' },
    ]),
    {
      title: 'a field of received messages deleted, its number reserved',
      base: order.replace('action: send', 'action: receive'),
      revision: order.replace('action: send', 'action: receive').replace('  string note = 2;', '  reserved 2;'),
      expect: [{ rule: 'proto-field-no-delete', level: 'non-breaking', message: 'Payload of message `OrderPlaced` received on `orders`: field `note` (2) of `shop.Order` was deleted; its values in old data are skipped.', at: '11:11' }],
    },
    edited('a field renamed', order, 'string note = 2;', 'string remark = 2;', [
      { rule: 'proto-field-same-name', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field 2 of `shop.Order` was renamed from `note` to `remark`.', at: '11:11' },
    ]),
    edited('a JSON name set', order, 'string customer_id = 3;', 'string customer_id = 3 [json_name = "customer"];', [
      { rule: 'proto-field-same-json-name', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: JSON name of field `customer_id` (3) of `shop.Order` changed from `customerId` to `customer`.', at: '11:11' },
    ]),
    edited('a field moved into a oneof', order, `string customer_id = 3;${NL}  oneof payment {`, `oneof payment {${NL}    string customer_id = 3;`, [
      { rule: 'proto-field-same-oneof', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `customer_id` (3) of `shop.Order` moved from no oneof to oneof `payment`.', at: '11:11' },
    ]),
    edited('a field added', order, 'string note = 2;', `string note = 2;${NL}  int64 total = 6;`, []),
  ],
  run() {
    // Protobuf payloads are compared where message payloads are (checks/messages.ts), by their format.
  },
};
export default check;

export function protoFieldChecks(c: ProtoComparison): void {
  for (const { base, rev } of c.messages) {
    if (!rev) continue;
    for (const bf of base.fields) {
      const rf = rev.fields.find((f) => f.number === bf.number);
      const name = `field \`${bf.name}\` (${bf.number}) of \`${base.name}\``;
      const key = `${base.name}|${bf.number}`;
      if (!rf) {
        if (reservedNumber(rev.reservedNumbers, bf.number))
          c.report({ rule: 'proto-field-no-delete', message: `${name} was deleted; ${c.dir === 'accept' ? 'its values in old data are skipped' : 'consumers get its default value'}`, key });
        else c.report({ rule: 'proto-field-no-delete-unless-number-reserved', message: `${name} was deleted without reserving its number`, key });
        continue;
      }
      if (rf.name !== bf.name) c.report({ rule: 'proto-field-same-name', message: `field ${bf.number} of \`${base.name}\` was renamed from \`${bf.name}\` to \`${rf.name}\``, key });
      // A renamed field has another JSON name too; that is said once, by the rule above.
      else if (rf.jsonName !== bf.jsonName)
        c.report({ rule: 'proto-field-same-json-name', message: `JSON name of ${name} changed from \`${bf.jsonName}\` to \`${rf.jsonName}\``, key });
      if (rf.oneof !== bf.oneof) {
        const where = (o?: string) => (o ? `oneof \`${o}\`` : 'no oneof');
        c.report({ rule: 'proto-field-same-oneof', message: `${name} moved from ${where(bf.oneof)} to ${where(rf.oneof)}`, key });
      }
    }
  }
}
