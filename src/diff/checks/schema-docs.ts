import { same } from '../canonical.js';
import { code, type SchemaCheck } from '../check.js';

/**
 * Documentation inside schemas: `description`, `title`, `example(s)`, `deprecated` and `x-` keys. These
 * change no valid value; the rules are declared with the other documentation rules (`docs`, `deprecation`).
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [],
  run(ctx) {
    const { base, rev } = ctx;
    const kw = (k: string, rule: string, what: string) => {
      const b = base.kw.get(k);
      const r = rev.kw.get(k);
      if (!b && !r) return;
      if (b && r && same(b.value, r.value)) return;
      ctx.report(rule, `{path} ${what} ${!b ? 'added' : !r ? 'removed' : 'changed'}`, { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc });
    };
    kw('description', 'description-changed', 'description');
    kw('title', 'title-changed', 'title');
    if (!same(base.kw.get('example')?.value, rev.kw.get('example')?.value) || !same(base.kw.get('examples')?.value, rev.kw.get('examples')?.value)) {
      const b = base.kw.get('example') ?? base.kw.get('examples');
      const r = rev.kw.get('example') ?? rev.kw.get('examples');
      ctx.report('examples-changed', '{path} examples changed', { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc });
    }
    const bd = base.kw.get('deprecated')?.value === true;
    const rd = rev.kw.get('deprecated')?.value === true;
    if (bd !== rd)
      ctx.report(rd ? 'deprecated' : 'undeprecated', rd ? '{path} is now deprecated' : '{path} is no longer deprecated', {
        base: base.kw.get('deprecated')?.loc ?? base.loc,
        revision: rev.kw.get('deprecated')?.loc ?? rev.loc,
      });
    const keys = new Set([...base.ext.keys(), ...rev.ext.keys()]);
    for (const k of keys) {
      const b = base.ext.get(k);
      const r = rev.ext.get(k);
      if (b && r && same(b.value, r.value)) continue;
      ctx.report('extension-changed', `{path} extension ${code(k)} ${!b ? 'added' : !r ? 'removed' : 'changed'}`, { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc }, { data: { key: k } });
    }
  },
};
export default check;
