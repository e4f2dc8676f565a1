import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';

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
