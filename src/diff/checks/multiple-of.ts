import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';

/** `multipleOf`: a new divisor that is a multiple of the old one narrows; a divisor of it widens. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('multiple-of-added', 'schema', NARROW.accept, NARROW.emit, '`multipleOf` added: fewer numbers are valid.'),
    directed('multiple-of-removed', 'schema', WIDEN.accept, WIDEN.emit, '`multipleOf` removed: more numbers are valid.'),
    directed(
      'multiple-of-changed',
      'schema',
      'breaking',
      'breaking',
      '`multipleOf` changed.',
      'a new value that is a multiple of the old one only narrows (breaking when accepted, non-breaking when emitted); a divisor of the old one only widens (the reverse)',
    ),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('multipleOf');
    const r = ctx.rev.kw.get('multipleOf');
    const bv = typeof b?.value === 'number' ? b.value : undefined;
    const rv = typeof r?.value === 'number' ? r.value : undefined;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (bv === undefined && rv !== undefined) ctx.report('multiple-of-added', `{path} must now be a multiple of ${rv}`, where, { data: { to: rv } });
    else if (bv !== undefined && rv === undefined) ctx.report('multiple-of-removed', `{path} no longer has to be a multiple of ${bv}`, where, { data: { from: bv } });
    else if (bv !== undefined && rv !== undefined && bv !== rv) {
      const divides = (a: number, d: number) => Math.abs(a / d - Math.round(a / d)) < 1e-9;
      const narrower = divides(rv, bv);
      const wider = divides(bv, rv);
      const level = narrower ? NARROW[ctx.dir] : wider ? WIDEN[ctx.dir] : 'breaking';
      ctx.report('multiple-of-changed', `{path} \`multipleOf\` changed from ${bv} to ${rv}`, where, { level, data: { from: bv, to: rv } });
    }
  },
};
export default check;
