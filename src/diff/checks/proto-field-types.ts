import { directed, fixed, NARROW, WIDEN, type ModelCheck } from '../check.js';
import { edited } from '../model-examples.js';
import { NL, protoDoc } from '../proto-examples.js';
import type { ProtoComparison } from '../../formats/protobuf/diff.js';
import type { ProtoField } from '../../formats/protobuf/parse.js';

const order = protoDoc([
  'syntax = "proto3";',
  'package shop;',
  'message Order {',
  '  string id = 1;',
  '  int32 quantity = 2;',
  '  sint32 delta = 3;',
  '  string sku = 4;',
  '  repeated int32 codes = 5;',
  '  Line line = 6;',
  '}',
  'message Line { string sku = 1; }',
]);

const legacy = protoDoc([
  'syntax = "proto2";',
  'package shop;',
  'message Order {',
  '  required string id = 1;',
  '  optional string note = 2;',
  '}',
]);
const legacyIn = legacy.replace('action: send', 'action: receive');

/**
 * Protobuf payloads: a field's type and cardinality, and proto2 required fields (buf FIELD_SAME_TYPE,
 * FIELD_WIRE_COMPATIBLE_TYPE, FIELD_SAME_CARDINALITY, FIELD_WIRE_COMPATIBLE_CARDINALITY,
 * MESSAGE_SAME_REQUIRED_FIELDS). Runs from the payload comparison of `messages`, not on its own.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('proto-field-wire-compatible-type', 'message', 'breaking', 'A field has a type of another wire encoding (buf `FIELD_WIRE_COMPATIBLE_TYPE`): `int32` to `sint32`, `string` to a message, one message type to another: its values are misread.'),
    fixed('proto-field-same-type', 'message', 'warning', 'A field has another type of the same wire encoding (buf `FIELD_SAME_TYPE`): `int32` to `int64`, `string` to `bytes`: data decodes, but values may be truncated or reinterpreted, and generated code changes.'),
    fixed('proto-field-wire-compatible-cardinality', 'message', 'breaking', 'A numeric, bool or enum field became repeated or singular (buf `FIELD_WIRE_COMPATIBLE_CARDINALITY`): repeated scalars are packed, which singular readers do not decode.'),
    fixed('proto-field-same-cardinality', 'message', 'warning', 'A field changed cardinality in a way the wire tolerates (buf `FIELD_SAME_CARDINALITY`): a string, bytes or message field became repeated or singular (singular readers keep the last value), or presence changed (`optional`).'),
    directed('proto-required-field-added', 'message', NARROW.accept, NARROW.emit, 'A proto2 field is now `required`, or a required field was added (buf `MESSAGE_SAME_REQUIRED_FIELDS`): readers of the new version reject old data without it.'),
    directed('proto-required-field-removed', 'message', WIDEN.accept, WIDEN.emit, 'A proto2 `required` field is no longer required or was deleted (buf `MESSAGE_SAME_REQUIRED_FIELDS`): old readers reject new data without it.'),
  ],
  examples: () => [
    edited('an int32 made sint32 (zigzag encoding)', order, 'int32 quantity = 2;', 'sint32 quantity = 2;', [
      { rule: 'proto-field-wire-compatible-type', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `quantity` (2) of `shop.Order` changed type from `int32` to `sint32`, another wire encoding.', at: '11:11' },
    ]),
    edited('a message field made a string', order, 'Line line = 6;', `string line = 6;${NL}  Line first_line = 7;`, [
      { rule: 'proto-field-wire-compatible-type', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `line` (6) of `shop.Order` changed type from `shop.Line` to `string`, another wire encoding.', at: '11:11' },
    ]),
    edited('an int32 widened to int64', order, 'int32 quantity = 2;', 'int64 quantity = 2;', [
      { rule: 'proto-field-same-type', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field `quantity` (2) of `shop.Order` changed type from `int32` to `int64` (same wire encoding).', at: '11:11' },
    ]),
    edited('a string made bytes', order, 'string sku = 4;', 'bytes sku = 4;', [
      { rule: 'proto-field-same-type', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field `sku` (4) of `shop.Order` changed type from `string` to `bytes` (same wire encoding).', at: '11:11' },
    ]),
    edited('a repeated int32 made singular', order, 'repeated int32 codes = 5;', 'int32 codes = 5;', [
      { rule: 'proto-field-wire-compatible-cardinality', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `codes` (5) of `shop.Order` changed from repeated to singular; packed numbers do not decode as one.', at: '11:11' },
    ]),
    edited('a string made repeated', order, 'string sku = 4;', 'repeated string sku = 4;', [
      { rule: 'proto-field-same-cardinality', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field `sku` (4) of `shop.Order` changed from singular to repeated.', at: '11:11' },
    ]),
    edited('a proto3 field given presence', order, 'string id = 1;', 'optional string id = 1;', [
      { rule: 'proto-field-same-cardinality', level: 'warning', message: 'Payload of message `OrderPlaced` sent on `orders`: field `id` (1) of `shop.Order` changed from implicit presence to `optional`.', at: '11:11' },
    ]),
    { title: 'a received proto2 field made required', base: legacyIn, revision: legacyIn.replace('optional string note', 'required string note'), expect: [
      { rule: 'proto-required-field-added', level: 'breaking', message: 'Payload of message `OrderPlaced` received on `orders`: field `note` (2) of `shop.Order` is now required; old data without it is rejected.', at: '11:11' },
    ] },
    edited('a sent proto2 field made required', legacy, 'optional string note', 'required string note', [
      { rule: 'proto-required-field-added', level: 'non-breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `note` (2) of `shop.Order` is now required.', at: '11:11' },
    ]),
    edited('a sent proto2 field no longer required', legacy, 'required string id', 'optional string id', [
      { rule: 'proto-required-field-removed', level: 'breaking', message: 'Payload of message `OrderPlaced` sent on `orders`: field `id` (1) of `shop.Order` is no longer required; consumers reject data without it.', at: '11:11' },
    ]),
    { title: 'a received proto2 field no longer required', base: legacyIn, revision: legacyIn.replace('required string id', 'optional string id'), expect: [
      { rule: 'proto-required-field-removed', level: 'non-breaking', message: 'Payload of message `OrderPlaced` received on `orders`: field `id` (1) of `shop.Order` is no longer required.', at: '11:11' },
    ] },
    edited('a field type written with its package', order, 'Line line = 6;', 'shop.Line line = 6;', []),
  ],
  run() {
    // Protobuf payloads are compared where message payloads are (checks/messages.ts), by their format.
  },
};
export default check;

// Wire encodings (protobuf's "Updating A Message Type"): types in one group read each other's data.
const GROUPS: Record<string, string> = {
  int32: 'varint', int64: 'varint', uint32: 'varint', uint64: 'varint', bool: 'varint', enum: 'varint',
  sint32: 'zigzag', sint64: 'zigzag',
  fixed32: 'fixed32', sfixed32: 'fixed32',
  fixed64: 'fixed64', sfixed64: 'fixed64',
  float: 'float', double: 'double',
};

/** undefined: the same type; else whether data of one reads as the other. */
function wireCompatible(a: Pick<ProtoField, 'type' | 'kind'>, b: Pick<ProtoField, 'type' | 'kind'>): boolean | undefined {
  if (a.type === b.type) return undefined;
  if (a.kind === 'map' || b.kind === 'map') {
    if (a.kind !== b.kind) return false;
    const [, ak, av] = /^map<(\w+), (.*)>$/.exec(a.type)!;
    const [, bk, bv] = /^map<(\w+), (.*)>$/.exec(b.type)!;
    const kind = (t: string) => (t in GROUPS || t === 'string' || t === 'bytes' ? 'scalar' : 'message');
    return wireCompatible({ type: ak, kind: 'scalar' }, { type: bk, kind: 'scalar' }) !== false && wireCompatible({ type: av, kind: kind(av) }, { type: bv, kind: kind(bv) }) !== false;
  }
  const group = (f: Pick<ProtoField, 'type' | 'kind'>) => (f.kind === 'enum' ? 'varint' : GROUPS[f.type]);
  if (group(a) || group(b)) return group(a) === group(b);
  // Length-delimited: string and bytes; bytes and an embedded message. One message type for another is
  // another type (buf compares them by name).
  const pair = new Set([a.kind === 'message' ? 'message' : a.type, b.kind === 'message' ? 'message' : b.type]);
  return pair.has('bytes') && pair.size === 2;
}

const singular = (f: ProtoField) => f.cardinality !== 'repeated' && f.cardinality !== 'map';

export function protoFieldTypeChecks(c: ProtoComparison): void {
  for (const { base, rev } of c.messages) {
    if (!rev) continue;
    for (const bf of base.fields) {
      const rf = rev.fields.find((f) => f.number === bf.number);
      const name = `field \`${bf.name}\` (${bf.number}) of \`${base.name}\``;
      const key = `${base.name}|${bf.number}`;
      if (!rf) {
        if (bf.cardinality === 'required') removedRequired(c, `${name} was deleted`, key);
        continue;
      }
      const compatible = wireCompatible(bf, rf);
      if (compatible === false)
        c.report({ rule: 'proto-field-wire-compatible-type', message: `${name} changed type from \`${bf.type}\` to \`${rf.type}\`, another wire encoding`, key });
      else if (compatible) c.report({ rule: 'proto-field-same-type', message: `${name} changed type from \`${bf.type}\` to \`${rf.type}\` (same wire encoding)`, key });
      if (bf.kind !== 'map' && rf.kind !== 'map' && singular(bf) !== singular(rf)) {
        const change = singular(bf) ? 'from singular to repeated' : 'from repeated to singular';
        const lengthDelimited = (f: ProtoField) => f.kind === 'message' || f.type === 'string' || f.type === 'bytes';
        if (lengthDelimited(bf) && lengthDelimited(rf)) c.report({ rule: 'proto-field-same-cardinality', message: `${name} changed ${change}`, key });
        else c.report({ rule: 'proto-field-wire-compatible-cardinality', message: `${name} changed ${change}; packed numbers do not decode as one`, key });
      } else if ((bf.cardinality === 'implicit') !== (rf.cardinality === 'implicit') && bf.cardinality !== 'required' && rf.cardinality !== 'required' && singular(bf)) {
        const presence = (f: ProtoField) => (f.cardinality === 'implicit' ? 'implicit presence' : '`optional`');
        c.report({ rule: 'proto-field-same-cardinality', message: `${name} changed from ${presence(bf)} to ${presence(rf)}`, key });
      }
      if (bf.cardinality === 'required' && rf.cardinality !== 'required') removedRequired(c, `${name} is no longer required`, key);
      if (bf.cardinality !== 'required' && rf.cardinality === 'required') addedRequired(c, `${name} is now required`, key);
    }
    for (const rf of rev.fields)
      if (rf.cardinality === 'required' && !base.fields.some((f) => f.number === rf.number))
        addedRequired(c, `required field \`${rf.name}\` (${rf.number}) was added to \`${rev.name}\``, `${base.name}|${rf.number}`);
  }
}

function addedRequired(c: ProtoComparison, text: string, key: string): void {
  c.report({ rule: 'proto-required-field-added', message: c.dir === 'accept' ? `${text}; old data without it is rejected` : text, key });
}

function removedRequired(c: ProtoComparison, text: string, key: string): void {
  c.report({ rule: 'proto-required-field-removed', message: c.dir === 'emit' ? `${text}; consumers reject data without it` : text, key });
}
