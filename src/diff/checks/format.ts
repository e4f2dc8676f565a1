import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/**
 * `format`: added narrows, removed widens, changed breaks both ways: even `int32` to `int64`, which only
 * widens the values, changes the type generated code uses (`int` to `long`) and how readers parse it.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('format-added', 'schema', NARROW.accept, NARROW.emit, 'A `format` now restricts the value.'),
    directed('format-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The `format` no longer restricts the value.'),
    directed('format-changed', 'schema', 'breaking', 'breaking', 'The `format` changed: readers parse the value differently and generated code changes type (`int32` to `int64` is `int` to `long`).'),
  ],
  examples: () => [
    payloadExample('a received email now must be a valid address', 'accept', '{ properties: { email: { type: string } } }', '{ properties: { email: { type: string, format: email } } }', [
      { rule: 'format-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`email\` now has format \`email\`.`, at: '9:57' },
    ]),
    payloadExample('a sent email now must be a valid address', 'emit', '{ properties: { email: { type: string } } }', '{ properties: { email: { type: string, format: email } } }', [
      { rule: 'format-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`email\` now has format \`email\`.`, at: '9:57' },
    ]),
    payloadExample('a received timestamp no longer has to be a date-time', 'accept', '{ properties: { placedAt: { type: string, format: date-time } } }', '{ properties: { placedAt: { type: string } } }', [
      { rule: 'format-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`placedAt\` no longer has format \`date-time\`.`, at: '9:34' },
    ]),
    payloadExample('a sent timestamp no longer has to be a date-time', 'emit', '{ properties: { placedAt: { type: string, format: date-time } } }', '{ properties: { placedAt: { type: string } } }', [
      { rule: 'format-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`placedAt\` no longer has format \`date-time\`.`, at: '9:34' },
    ]),
    payloadExample('a received quantity widened from int32 to int64', 'accept', '{ properties: { quantity: { type: integer, format: int32 } } }', '{ properties: { quantity: { type: integer, format: int64 } } }', [
      { rule: 'format-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` format changed from \`int32\` to \`int64\`.`, at: '9:61' },
    ]),
    payloadExample('a sent delivery day now a date-time', 'emit', '{ properties: { deliveryDay: { type: string, format: date } } }', '{ properties: { deliveryDay: { type: string, format: date-time } } }', [
      { rule: 'format-changed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`deliveryDay\` format changed from \`date\` to \`date-time\`.`, at: '9:63' },
    ]),
    payloadExample('the format kept, the timestamp described', 'emit', '{ properties: { placedAt: { type: string, format: date-time } } }', '{ properties: { placedAt: { type: string, format: date-time, description: When the order was placed } } }', []),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('format');
    const r = ctx.rev.kw.get('format');
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (!b && r) ctx.report('format-added', `{path} now has format ${code(r.value)}`, where, { data: { to: r.value } });
    else if (b && !r) ctx.report('format-removed', `{path} no longer has format ${code(b.value)}`, where, { data: { from: b.value } });
    else if (b && r && b.value !== r.value) {
      const from = String(b.value);
      const to = String(r.value);
      ctx.report('format-changed', `{path} format changed from ${code(from)} to ${code(to)}`, where, { data: { from, to } });
    }
  },
};
export default check;
