import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { presence, readersRisk } from '../schema/keyword.js';
import { admits } from '../schema/view.js';

/** Types of a `not` schema that holds only `type` (the one case compared exactly). */
function typesOnly(v: unknown): Set<string> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 1) return undefined;
  if (typeof o.type === 'string') return new Set([o.type]);
  if (Array.isArray(o.type) && o.type.every((t) => typeof t === 'string')) return new Set(o.type as string[]);
  return undefined;
}

/** Some value of a type in `a` is not of a type in `b`. */
const exceeds = (a: Set<string>, b: Set<string>) => [...a].some((t) => !admits(b, t));

/**
 * `not`: adding one excludes values (narrows), dropping it readmits them (widens). Between two `not`s the
 * excluded sets swap roles: the new schema rejects what the new `not` matches and the old did not. Only
 * type-only `not`s are compared exactly; any other pair may break either way.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('not-added', 'schema', NARROW.accept, NARROW.emit, 'A `not` now excludes values.'),
    directed('not-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The `not` no longer excludes values.'),
    directed('not-narrowed', 'schema', NARROW.accept, NARROW.emit, 'The `not` now excludes more values.'),
    directed('not-widened', 'schema', WIDEN.accept, WIDEN.emit, 'The `not` now excludes fewer values.'),
    directed('not-changed', 'schema', 'warning', 'warning', 'The `not` changed and the two cannot be compared: it may break (it may exclude values allowed before, or allow values excluded before).'),
  ],
  run(ctx) {
    const p = presence(ctx, 'not');
    if (!p.base && p.rev) ctx.report('not-added', '{path} now excludes values matching the `not` schema', p.where);
    else if (p.base && !p.rev) ctx.report('not-removed', `{path} no longer excludes values matching the \`not\` schema${readersRisk(ctx)}`, p.where);
    else if (p.changed) {
      const b = typesOnly(p.base!.value);
      const r = typesOnly(p.rev!.value);
      if (!b || !r) return ctx.report('not-changed', '{path} `not` schema changed; it may break: values it allowed may now be rejected, or rejected values allowed', p.where);
      const narrower = exceeds(r, b);
      const wider = exceeds(b, r);
      if (narrower) ctx.report('not-narrowed', `{path} now also excludes ${[...r].filter((t) => !admits(b, t)).join(', ')} values`, p.where);
      if (wider) ctx.report('not-widened', `{path} now allows ${[...b].filter((t) => !admits(r, t)).join(', ')} values${readersRisk(ctx)}`, p.where);
    }
  },
};
export default check;
