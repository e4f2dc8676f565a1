import { canonical } from '../canonical.js';
import { code, directed, NARROW, type SchemaCheck } from '../check.js';

/** `enum` and `const` (a one-value enum): values added or removed, the constraint added or dropped. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('enum-value-removed', 'schema', NARROW.accept, NARROW.emit, 'An enum value is no longer valid.'),
    directed('enum-value-added', 'schema', 'non-breaking', 'warning', 'A new enum value is valid; strict readers of emitted data may not handle it.'),
    directed('enum-added', 'schema', NARROW.accept, NARROW.emit, 'The value is now limited to an enum (or `const`).'),
    directed('enum-removed', 'schema', 'non-breaking', 'warning', 'The value is no longer limited to an enum.'),
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
    if (!r) {
      ctx.report('enum-removed', `{path} is no longer limited to ${b.value.map(code).join(', ')}${ctx.dir === 'emit' ? `; ${ctx.readers} may receive other values` : ''}`, where, { data: { from: b.value.map((v) => canonical(v)).sort() } });
      return;
    }
    const bs = new Set(b.value.map((v) => canonical(v)));
    const rs = new Set(r.value.map((v) => canonical(v)));
    for (const v of b.value)
      if (!rs.has(canonical(v)))
        ctx.report('enum-value-removed', `{path} no longer allows ${code(v)}${ctx.dir === 'accept' ? '; senders of it are rejected' : ''}`, where, { data: { value: canonical(v) } });
    for (const v of r.value)
      if (!bs.has(canonical(v)))
        ctx.report('enum-value-added', `{path} now allows ${code(v)}${ctx.dir === 'emit' ? `; ${ctx.readers} that check the value may not handle it` : ''}`, where, { data: { value: canonical(v) } });
  },
};
export default check;
