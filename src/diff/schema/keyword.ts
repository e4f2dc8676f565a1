import { same } from '../canonical.js';
import type { SchemaContext } from '../check.js';
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
