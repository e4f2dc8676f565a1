import { same } from '../canonical.js';
import { code, directed, type SchemaCheck } from '../check.js';

/** `default`: what the receiver assumes when a value is missing. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('default-changed', 'schema', 'warning', 'non-breaking', 'The default value changed: senders that omit the value get a different behaviour.'),
    directed('default-removed', 'schema', 'warning', 'non-breaking', 'The default value is gone.'),
    directed('default-added', 'schema', 'non-breaking', 'non-breaking', 'A default value is declared.'),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('default');
    const r = ctx.rev.kw.get('default');
    if (!b && !r) return;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (!b) ctx.report('default-added', `{path} now defaults to ${code(r!.value)}`, where);
    else if (!r) ctx.report('default-removed', `{path} no longer defaults to ${code(b.value)}`, where, { data: { from: b.value } });
    else if (!same(b.value, r.value))
      ctx.report('default-changed', `{path} default changed from ${code(b.value)} to ${code(r.value)}`, where, { data: { from: b.value, to: r.value } });
  },
};
export default check;
