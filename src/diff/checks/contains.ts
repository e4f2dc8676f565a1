import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { presence, readersRisk } from '../schema/keyword.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * `contains` with `minContains`/`maxContains` (2020-12): how many items must match. Adding `contains`
 * narrows, dropping it widens; two different `contains` schemas are not compared for inclusion, so the
 * change may break either way. The counts compare as bounds (`minContains` defaults to 1, `maxContains`
 * to unbounded) while `contains` stays the same.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('contains-added', 'schema', NARROW.accept, NARROW.emit, 'The array must now contain an item matching a schema.'),
    directed('contains-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The array no longer has to contain an item matching a schema.'),
    directed('contains-changed', 'schema', 'warning', 'warning', 'The `contains` schema changed and the two cannot be compared: it may break.'),
    directed('contains-count-narrowed', 'schema', NARROW.accept, NARROW.emit, '`minContains` raised or `maxContains` lowered: fewer arrays qualify.'),
    directed('contains-count-widened', 'schema', WIDEN.accept, WIDEN.emit, '`minContains` lowered or `maxContains` raised: more arrays qualify.'),
  ],
  run(ctx) {
    const p = presence(ctx, 'contains');
    if (!p.base && p.rev) return ctx.report('contains-added', '{path} must now contain an item matching the `contains` schema', p.where);
    if (p.base && !p.rev) return ctx.report('contains-removed', `{path} no longer has to contain an item matching the \`contains\` schema${readersRisk(ctx)}`, p.where);
    if (!p.base || !p.rev) return;
    if (p.changed) return ctx.report('contains-changed', '{path} `contains` schema changed; it may break: arrays accepted before may now be rejected, or the reverse', p.where);
    const bMin = num(ctx.base.kw.get('minContains')?.value) ?? 1;
    const rMin = num(ctx.rev.kw.get('minContains')?.value) ?? 1;
    const bMax = num(ctx.base.kw.get('maxContains')?.value) ?? Infinity;
    const rMax = num(ctx.rev.kw.get('maxContains')?.value) ?? Infinity;
    const where = {
      base: ctx.base.kw.get(rMin !== bMin ? 'minContains' : 'maxContains')?.loc ?? p.where.base,
      revision: ctx.rev.kw.get(rMin !== bMin ? 'minContains' : 'maxContains')?.loc ?? p.where.revision,
    };
    const range = (min: number, max: number) => (max === Infinity ? `at least ${min}` : `${min} to ${max}`);
    const text = `{path} must now contain ${range(rMin, rMax)} matching items (was ${range(bMin, bMax)})`;
    // `minContains: 0` drops the requirement altogether; still a lower bound.
    if (rMin > bMin || rMax < bMax) ctx.report('contains-count-narrowed', text, where);
    if (rMin < bMin || rMax > bMax) ctx.report('contains-count-widened', text + readersRisk(ctx), where);
  },
};
export default check;
