import { canonical } from '../canonical.js';
import { code, directed, NARROW, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** An order payload whose `status` string has `extra` keywords. */
const status = (extra = '') => `{ properties: { status: { type: string${extra} } } }`;

/** `enum` and `const` (a one-value enum): values added or removed, the constraint added or dropped. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('enum-value-removed', 'schema', NARROW.accept, NARROW.emit, 'An enum value is no longer valid.'),
    directed(
      'enum-value-added',
      'schema',
      'non-breaking',
      'warning',
      'A new enum value is valid; strict readers of emitted data may not handle it.',
      'breaking when emitted and none of the old values remains (a changed `const`): readers only get values they never got before; breaking when emitted under `--mode forward|full`: old readers reject the value',
    ),
    directed('enum-added', 'schema', NARROW.accept, NARROW.emit, 'The value is now limited to an enum (or `const`).'),
    directed('enum-removed', 'schema', 'non-breaking', 'warning', 'The value is no longer limited to an enum.', 'breaking when emitted under `--mode forward|full`: old readers reject other values'),
  ],
  examples: () => [
    payloadExample('a received order can no longer be `shipped`', 'accept', status(', enum: [pending, paid, shipped]'), status(', enum: [pending, paid]'), [
      { rule: 'enum-value-removed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`status\` no longer allows \`shipped\`; senders of it are rejected.`, at: '9:58' },
    ]),
    payloadExample('a sent order can no longer be `shipped`', 'emit', status(', enum: [pending, paid, shipped]'), status(', enum: [pending, paid]'), [
      { rule: 'enum-value-removed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` no longer allows \`shipped\`.`, at: '9:58' },
    ]),
    payloadExample('a received order can now be `refunded`', 'accept', status(', enum: [pending, paid]'), status(', enum: [pending, paid, refunded]'), [
      { rule: 'enum-value-added', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`status\` now allows \`refunded\`.`, at: '9:58' },
    ]),
    payloadExample('a sent order can now be `refunded`', 'emit', status(', enum: [pending, paid]'), status(', enum: [pending, paid, refunded]'), [
      { rule: 'enum-value-added', level: 'warning', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` now allows \`refunded\`; consumers that check the value may not handle it.`, at: '9:58' },
    ]),
    payloadExample('a received order status now limited to two values', 'accept', status(), status(', enum: [pending, paid]'), [
      { rule: 'enum-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`status\` is now limited to \`pending\`, \`paid\`; other values are rejected.`, at: '9:58' },
    ]),
    payloadExample('a sent order status now limited to two values', 'emit', status(), status(', enum: [pending, paid]'), [
      { rule: 'enum-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` is now limited to \`pending\`, \`paid\`.`, at: '9:58' },
    ]),
    payloadExample('a received order status no longer a `const`', 'accept', status(', const: pending'), status(), [
      { rule: 'enum-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`status\` is no longer limited to \`pending\`.`, at: '9:34' },
    ]),
    payloadExample('a sent order status no longer limited to two values', 'emit', status(', enum: [pending, paid]'), status(), [
      { rule: 'enum-removed', level: 'warning', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` is no longer limited to \`pending\`, \`paid\`; consumers may receive other values.`, at: '9:34' },
    ]),
    payloadExample('a sent order status: one `const` replaced by another', 'emit', status(', const: pending'), status(', const: paid'), [
      { rule: 'enum-value-added', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` now allows \`paid\`, and none of the values it allowed before: consumers only get values they never got.`, at: '9:58' },
      { rule: 'enum-value-removed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`status\` no longer allows \`pending\`.`, at: '9:58' },
    ]),
    payloadExample('the same values in another order', 'accept', status(', enum: [pending, paid]'), status(', enum: [paid, pending]'), []),
    payloadExample('a `const` written as a one-value enum', 'emit', status(', const: pending'), status(', enum: [pending]'), []),
  ],
  run(ctx) {
    const b = ctx.base.enumValues;
    const r = ctx.rev.enumValues;
    if (!b && !r) return;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (!b) {
      ctx.report('enum-added', `{path} is now limited to ${r!.value.map(code).join(', ')}${ctx.dir === 'accept' ? '; other values are rejected' : ''}`, where, { data: { to: r!.value.map((v) => canonical(v)).sort() } });
      return;
    }
    // Registry modes: old readers validate what new writers send against the old schema, so a value it did
    // not allow is rejected, not merely unexpected.
    const strictEmit = ctx.strict && ctx.dir === 'emit';
    if (!r) {
      const risk = strictEmit ? '; old readers reject other values' : ctx.dir === 'emit' ? `; ${ctx.readers} may receive other values` : '';
      ctx.report('enum-removed', `{path} is no longer limited to ${b.value.map(code).join(', ')}${risk}`, where, { data: { from: b.value.map((v) => canonical(v)).sort() }, ...(strictEmit ? { level: 'breaking' as const } : {}) });
      return;
    }
    const bs = new Set(b.value.map((v) => canonical(v)));
    const rs = new Set(r.value.map((v) => canonical(v)));
    for (const v of b.value)
      if (!rs.has(canonical(v)))
        ctx.report('enum-value-removed', `{path} no longer allows ${code(v)}${ctx.dir === 'accept' ? '; senders of it are rejected' : ''}`, where, { data: { value: canonical(v) } });
    // No old value left (a `const` replaced): every value readers get is one they never got before.
    const replaced = ctx.dir === 'emit' && !b.value.some((v) => rs.has(canonical(v)));
    for (const v of r.value)
      if (!bs.has(canonical(v)))
        ctx.report(
          'enum-value-added',
          `{path} now allows ${code(v)}${
            strictEmit ? '; old readers reject it' : replaced ? `, and none of the values it allowed before: ${ctx.readers} only get values they never got` : ctx.dir === 'emit' ? `; ${ctx.readers} that check the value may not handle it` : ''
          }`,
          where,
          { data: { value: canonical(v) }, ...(strictEmit || replaced ? { level: 'breaking' as const } : {}) },
        );
  },
};
export default check;
