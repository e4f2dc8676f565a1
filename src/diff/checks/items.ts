import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';

/** `items` declared or dropped (two `items` schemas are compared element by element, `[]`). */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('items-restricted', 'schema', NARROW.accept, NARROW.emit, 'Array items must now match a schema.'),
    directed('items-unrestricted', 'schema', WIDEN.accept, WIDEN.emit, 'Array items no longer have to match a schema.'),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    const isArray = (t?: Set<string>) => !!t?.has('array');
    if (!isArray(base.types) || !isArray(rev.types)) return;
    const open = (a?: { value: unknown }) => a === undefined || a.value === true || (typeof a.value === 'object' && a.value !== null && Object.keys(a.value).length === 0);
    const b = open(base.items);
    const r = open(rev.items);
    if (b && !r) ctx.report('items-restricted', '{path} items must now match a schema', { base: base.loc, revision: rev.items!.loc });
    else if (!b && r) ctx.report('items-unrestricted', `{path} items may now be anything${ctx.dir === 'emit' ? `; ${ctx.readers} may receive items they do not handle` : ''}`, { base: base.items!.loc, revision: rev.loc });
  },
};
export default check;
