import { fixed, type ModelCheck } from '../check.js';
import { edited } from '../model-examples.js';
import { protoDoc } from '../proto-examples.js';
import type { ProtoComparison } from '../../formats/protobuf/diff.js';
import { reservedNumber } from '../../formats/protobuf/diff.js';

const order = protoDoc([
  'syntax = "proto3";',
  'package shop;',
  'message Order {',
  '  reserved 4, 8 to 10;',
  '  reserved "note";',
  '  string id = 1;',
  '  Customer customer = 2;',
  '  Status status = 3;',
  '}',
  'enum Status { STATUS_UNSPECIFIED = 0; reserved 1, "STATUS_LOST"; }',
  'message Customer { string name = 1; }',
  'enum Unused { UNUSED_0 = 0; }',
]);

/**
 * Protobuf payloads: message types the payload reaches that are gone, and `reserved` numbers and names
 * given up (buf MESSAGE_NO_DELETE, RESERVED_MESSAGE_NO_DELETE, RESERVED_ENUM_NO_DELETE). Runs from the
 * payload comparison of `messages` (through the Protobuf payload format), not on its own.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('proto-message-no-delete', 'message', 'warning', 'A message type the Protobuf payload reaches is gone (buf `MESSAGE_NO_DELETE`): code and `Any` type URLs that name it break; its fields are compared with what replaced it.'),
    fixed('proto-reserved-message-no-delete', 'message', 'warning', 'A message gave up a `reserved` field number or name (buf `RESERVED_MESSAGE_NO_DELETE`): it may be reused for another field, which old data would fill with its old values.'),
    fixed('proto-reserved-enum-no-delete', 'message', 'warning', 'An enum gave up a `reserved` value number or name (buf `RESERVED_ENUM_NO_DELETE`): it may be reused for another value.'),
  ],
  examples: () => [
    edited('the root message renamed', order, 'message Order {', 'message PlacedOrder {', [
      { rule: 'proto-message-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: message `shop.Order` is gone (the payload is now `shop.PlacedOrder`).', at: '11:11' },
    ]),
    edited('a reserved range given up', order, 'reserved 4, 8 to 10;', 'reserved 4;', [
      { rule: 'proto-reserved-message-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: message `shop.Order` no longer reserves field numbers 8 to 10.', at: '11:11' },
    ]),
    edited('a reserved name given up', order, 'reserved "note";', '', [
      { rule: 'proto-reserved-message-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: message `shop.Order` no longer reserves field name `note`.', at: '11:11' },
    ]),
    edited('an enum value number no longer reserved', order, 'reserved 1, "STATUS_LOST";', 'reserved "STATUS_LOST";', [
      { rule: 'proto-reserved-enum-no-delete', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: enum `shop.Status` no longer reserves value number 1.', at: '11:11' },
    ]),
    edited('a message type nobody reaches removed', order, 'enum Unused { UNUSED_0 = 0; }', '', []),
    edited('a reserved range widened', order, 'reserved 4, 8 to 10;', 'reserved 4 to 5, 8 to 12;', []),
  ],
  run() {
    // Protobuf payloads are compared where message payloads are (checks/messages.ts), by their format.
  },
};
export default check;

const numbers = ([lo, hi]: [number, number]) => (lo === hi ? `number ${lo}` : `numbers ${lo} to ${hi === 536870911 ? 'max' : hi}`);

export function protoMessageChecks(c: ProtoComparison): void {
  for (const { base, rev } of c.messages) {
    if (!rev || rev.name !== base.name) {
      const now = base.name === c.base.root ? ` (the payload is now \`${c.rev.root}\`)` : '';
      c.report({ rule: 'proto-message-no-delete', message: `message \`${base.name}\` is gone${now}`, key: base.name });
    }
    if (rev) reserved(c, 'proto-reserved-message-no-delete', `message \`${base.name}\``, 'field', base, rev);
  }
  for (const { base, rev } of c.enums) if (rev) reserved(c, 'proto-reserved-enum-no-delete', `enum \`${base.name}\``, 'value', base, rev);
}

function reserved(
  c: ProtoComparison,
  rule: string,
  what: string,
  noun: string,
  base: { reservedNumbers: [number, number][]; reservedNames: string[] },
  rev: { reservedNumbers: [number, number][]; reservedNames: string[] },
): void {
  for (const range of base.reservedNumbers) {
    // A range still reserved as a whole, however it is now written, is kept.
    const [lo, hi] = range;
    let kept = true;
    for (let n = lo; n <= hi && kept; n = nextUncovered(rev.reservedNumbers, n)) kept = reservedNumber(rev.reservedNumbers, n);
    if (!kept) c.report({ rule, message: `${what} no longer reserves ${noun} ${numbers(range)}`, key: `${what}|${lo}-${hi}` });
  }
  for (const name of base.reservedNames)
    if (!rev.reservedNames.includes(name)) c.report({ rule, message: `${what} no longer reserves ${noun} name \`${name}\``, key: `${what}|${name}` });
}

/** The first number after the reserved range holding `n` (or `n + 1`): walks ranges without counting each number. */
function nextUncovered(ranges: [number, number][], n: number): number {
  const r = ranges.find(([lo, hi]) => n >= lo && n <= hi);
  return r ? r[1] + 1 : n + 1;
}
