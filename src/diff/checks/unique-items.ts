import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';

/** `uniqueItems`: requiring unique items narrows, dropping the requirement widens. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('unique-items-added', 'schema', NARROW.accept, NARROW.emit, 'Array items must now be unique.'),
    directed('unique-items-removed', 'schema', WIDEN.accept, WIDEN.emit, 'Array items no longer have to be unique.'),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('uniqueItems')?.value === true;
    const r = ctx.rev.kw.get('uniqueItems')?.value === true;
    const where = { base: ctx.base.kw.get('uniqueItems')?.loc ?? ctx.base.loc, revision: ctx.rev.kw.get('uniqueItems')?.loc ?? ctx.rev.loc };
    if (!b && r) ctx.report('unique-items-added', '{path} items must now be unique', where);
    else if (b && !r) ctx.report('unique-items-removed', `{path} items no longer have to be unique${ctx.dir === 'emit' ? `; ${ctx.readers} may receive duplicates` : ''}`, where);
  },
};
export default check;
