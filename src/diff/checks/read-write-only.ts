import { code, directed, type SchemaCheck } from '../check.js';

/**
 * OpenAPI `readOnly`/`writeOnly` on a property: a read-only property is not part of requests, a
 * write-only one not part of responses, so switching them moves a property out of (or into) a direction.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('property-became-read-only', 'schema', 'breaking', 'non-breaking', 'A property became `readOnly`: clients may no longer send it.'),
    directed('property-became-write-only', 'schema', 'non-breaking', 'breaking', 'A property became `writeOnly`: responses no longer carry it.'),
    directed('read-only-removed', 'schema', 'non-breaking', 'non-breaking', 'A property is no longer `readOnly`: clients may send it.', 'breaking when accepted and the property is required: clients must now send it'),
    directed('write-only-removed', 'schema', 'non-breaking', 'non-breaking', 'A property is no longer `writeOnly`: responses may carry it.'),
  ],
  run(ctx) {
    if (!ctx.openapi) return;
    const { base, rev } = ctx;
    for (const [name, bp] of base.props) {
      const rp = rev.props.get(name);
      if (!rp) continue;
      const bv = ctx.view('base', bp);
      const rv = ctx.view('rev', rp);
      if (!bv || !rv) continue;
      const flag = (v: typeof bv, k: string) => v.kw.get(k)?.value === true;
      const where = { base: bp.loc, revision: rp.loc };
      const data = { name };
      const accept = ctx.dir === 'accept';
      if (!flag(bv, 'readOnly') && flag(rv, 'readOnly'))
        ctx.report('property-became-read-only', `${code(name)} in {path} became read-only${accept ? '; clients that send it may be rejected' : ''}`, where, { data });
      if (flag(bv, 'readOnly') && !flag(rv, 'readOnly')) {
        const required = accept && rev.required.has(name);
        ctx.report(
          'read-only-removed',
          required ? `${code(name)} in {path} is no longer read-only and is required: clients must now send it` : `${code(name)} in {path} is no longer read-only`,
          where,
          { data, ...(required ? { level: 'breaking' as const } : {}) },
        );
      }
      if (!flag(bv, 'writeOnly') && flag(rv, 'writeOnly'))
        ctx.report('property-became-write-only', `${code(name)} in {path} became write-only${accept ? '' : `; ${ctx.readers} no longer receive it`}`, where, { data });
      if (flag(bv, 'writeOnly') && !flag(rv, 'writeOnly')) ctx.report('write-only-removed', `${code(name)} in {path} is no longer write-only`, where, { data });
    }
  },
};
export default check;
