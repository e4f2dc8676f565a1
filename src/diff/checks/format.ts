import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';

/** Formats whose values include every value of another (`int32` ⊂ `int64`, `float` ⊂ `double`). */
const WIDER: Record<string, string[]> = { int32: ['int64'], float: ['double'], date: [], 'date-time': [] };

/** `format`: added narrows, removed widens, changed breaks unless it only widens (`int32` to `int64`). */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('format-added', 'schema', NARROW.accept, NARROW.emit, 'A `format` now restricts the value.'),
    directed('format-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The `format` no longer restricts the value.'),
    directed('format-changed', 'schema', 'breaking', 'breaking', 'The `format` changed.', '`int32` to `int64` and `float` to `double` only widen (non-breaking when accepted, breaking when emitted), and the reverse only narrows'),
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
      const level = WIDER[from]?.includes(to) ? WIDEN[ctx.dir] : WIDER[to]?.includes(from) ? NARROW[ctx.dir] : 'breaking';
      ctx.report('format-changed', `{path} format changed from ${code(from)} to ${code(to)}`, where, { level, data: { from, to } });
    }
  },
};
export default check;
