import { same } from '../canonical.js';
import { directed, NARROW, WIDEN, type SchemaCheck, type SchemaContext } from '../check.js';
import type { At } from './view.js';

export interface Presence {
  base?: At;
  rev?: At;
  where: { base: SchemaContext['base']['loc']; revision: SchemaContext['rev']['loc'] };
  /** Both present and written differently. */
  changed: boolean;
}

/**
 * A keyword on both sides, for checks where adding it can only narrow (it adds a constraint), removing
 * it can only widen, and two different values are compared by the check itself or reported as "may break".
 */
export function presence(ctx: SchemaContext, key: string): Presence {
  const base = ctx.base.kw.get(key);
  const rev = ctx.rev.kw.get(key);
  return { base, rev, where: { base: base?.loc ?? ctx.base.loc, revision: rev?.loc ?? ctx.rev.loc }, changed: !!base && !!rev && !same(base.value, rev.value) };
}

/** What readers of emitted data risk when the schema allows more, for messages. */
export function readersRisk(ctx: SchemaContext): string {
  return ctx.dir === 'emit' ? `; ${ctx.readers} may receive values they do not handle` : '';
}

/**
 * A check for a keyword (or a group, as `if`/`then`/`else`) that only ever adds constraints and whose
 * value is a schema not compared for inclusion: adding it narrows, dropping it widens, and any other
 * change may break either way (reported as a warning, never passed).
 */
export function constraintCheck(id: string, keys: string[], what: string, note: string, opts: { contextual?: boolean } = {}): SchemaCheck {
  const pick = (v: SchemaContext['base']) => {
    const found = keys.flatMap((k) => (v.kw.has(k) ? [[k, v.kw.get(k)!] as const] : []));
    return found.length ? { value: Object.fromEntries(found.map(([k, a]) => [k, a.value])), loc: found[0][1].loc } : undefined;
  };
  return {
    kind: 'schema',
    rules: [
      directed(`${id}-added`, 'schema', NARROW.accept, NARROW.emit, `${what} now constrains the value.`),
      directed(`${id}-removed`, 'schema', WIDEN.accept, WIDEN.emit, `${what} no longer constrains the value.`),
      directed(`${id}-changed`, 'schema', 'warning', 'warning', `${what} changed; it may break (${note}).`),
    ],
    run(ctx) {
      const b = pick(ctx.base);
      const r = pick(ctx.rev);
      const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
      const label = keys.length === 1 ? `\`${keys[0]}\`` : keys.map((k) => `\`${k}\``).join('/');
      if (!b && r) ctx.report(`${id}-added`, `{path} is now constrained by ${label}`, where);
      else if (b && !r) ctx.report(`${id}-removed`, `{path} is no longer constrained by ${label}${readersRisk(ctx)}`, where);
      // A contextual keyword (`unevaluatedProperties`) kept as is still changes meaning when the rest of
      // the schema does: a property listed beside `unevaluatedProperties: false` is no longer rejected.
      else if (b && r && (!same(b.value, r.value) || (opts.contextual && !same(withoutAnnotations(ctx.base.self.value), withoutAnnotations(ctx.rev.self.value))))) ctx.report(`${id}-changed`, `{path} ${label} changed; it may break: ${note}`, where);
    },
  };
}

/** Keywords that describe a schema without changing what it accepts. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly', '$comment']);

/** A schema object without its own annotations and `x-` extensions (what a contextual keyword depends on). */
function withoutAnnotations(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-')));
}
