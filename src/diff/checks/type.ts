import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { admits } from '../schema/view.js';

const list = (types: string[]) => types.map(code).join(', ');

/** `type` (with `nullable` and `type: [..., "null"]`): which JSON types are valid, `integer` inside `number`. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('type-narrowed', 'schema', NARROW.accept, NARROW.emit, 'Fewer JSON types are valid (a type or `null` removed, `number` to `integer`).'),
    directed('type-widened', 'schema', WIDEN.accept, WIDEN.emit, 'More JSON types are valid (a type or `null` added, `integer` to `number`).'),
    directed('type-changed', 'schema', 'breaking', 'breaking', 'The type changed to one that shares no values with the old one.'),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (base.bool !== undefined || rev.bool !== undefined) return;
    const bt = base.types;
    const rt = rev.types;
    if (!bt && !rt) return;
    // A union on one side is compared branch by branch (see `variants`).
    if ((!bt && base.branches) || (!rt && rev.branches)) return;
    const where = { base: base.typesLoc ?? base.loc, revision: rev.typesLoc ?? rev.loc };
    if (!bt) {
      ctx.report('type-narrowed', `{path} is now restricted to type ${list([...rt!])}${ctx.dir === 'accept' ? '; values of other types are rejected' : ''}`, where, { data: { to: [...rt!].sort() } });
      return;
    }
    if (!rt) {
      ctx.report('type-widened', `{path} is no longer restricted to type ${list([...bt])}${ctx.dir === 'emit' ? `; ${ctx.readers} may receive values of any type` : ''}`, where, { data: { from: [...bt].sort() } });
      return;
    }
    const removed = [...bt].filter((t) => !admits(rt, t));
    const added = [...rt].filter((t) => !admits(bt, t));
    if (!removed.length && !added.length) return;
    const data = { from: [...bt].sort(), to: [...rt].sort() };
    if (removed.length && added.length) {
      const from = [...bt].filter((t) => t !== 'null');
      const to = [...rt].filter((t) => t !== 'null');
      ctx.report('type-changed', `{path} type changed from ${list(from.length ? from : [...bt])} to ${list(to.length ? to : [...rt])}`, where, { data });
    } else if (removed.length) {
      const text =
        removed.length === 1 && removed[0] === 'null'
          ? `{path} can no longer be \`null\`${ctx.dir === 'accept' ? '; `null` is now rejected' : ''}`
          : `{path} no longer allows type ${list(removed)}${ctx.dir === 'accept' ? '; such values are now rejected' : ''}`;
      ctx.report('type-narrowed', text, where, { data });
    } else {
      const text =
        added.length === 1 && added[0] === 'null'
          ? `{path} may now be \`null\`${ctx.dir === 'emit' ? `; ${ctx.readers} that do not expect \`null\` break` : ''}`
          : `{path} now also allows type ${list(added)}${ctx.dir === 'emit' ? `; ${ctx.readers} may receive values of a type they do not handle` : ''}`;
      ctx.report('type-widened', text, where, { data });
    }
  },
};
export default check;
