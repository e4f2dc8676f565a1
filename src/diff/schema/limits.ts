import type { SchemaCheck, SchemaContext } from '../check.js';
import type { RuleMeta } from '../types.js';
import type { Bound, View } from './view.js';

type Side = 'max' | 'min';

/**
 * The four rules of one limit keyword (`max-length-decreased`, `-increased`, `-added`, `-removed`):
 * for an upper limit, decreasing or adding it narrows what is valid; for a lower limit, increasing or
 * adding it does. Narrowing breaks accepted data, widening breaks emitted data.
 */
export function limitRules(id: string, keyword: string, side: Side, what: string): RuleMeta[] {
  const narrow = { accept: 'breaking', emit: 'non-breaking' } as const;
  const widen = { accept: 'non-breaking', emit: 'breaking' } as const;
  const tighter = side === 'max' ? 'decreased' : 'increased';
  const looser = side === 'max' ? 'increased' : 'decreased';
  return [
    { id: `${id}-${tighter}`, area: 'schema', levels: narrow, description: `\`${keyword}\` ${tighter}: fewer ${what} are valid.` },
    { id: `${id}-${looser}`, area: 'schema', levels: widen, description: `\`${keyword}\` ${looser}: more ${what} are valid.` },
    { id: `${id}-added`, area: 'schema', levels: narrow, description: `\`${keyword}\` added: fewer ${what} are valid.` },
    { id: `${id}-removed`, area: 'schema', levels: widen, description: `\`${keyword}\` removed: more ${what} are valid.` },
  ];
}

function consequence(ctx: SchemaContext, narrower: boolean): string {
  if (ctx.dir === 'accept') return narrower ? 'values valid before are now rejected' : 'more values are accepted';
  return narrower ? 'fewer values are sent' : `${ctx.readers} may receive values outside the old limit`;
}

/** A check over a plain numeric keyword (`maxLength`, `minItems`, ...). */
export function limitCheck(id: string, keyword: string, side: Side, what: string): SchemaCheck {
  return {
    kind: 'schema',
    rules: limitRules(id, keyword, side, what),
    run(ctx) {
      const b = ctx.base.kw.get(keyword);
      const r = ctx.rev.kw.get(keyword);
      const bv = typeof b?.value === 'number' ? b.value : undefined;
      const rv = typeof r?.value === 'number' ? r.value : undefined;
      compareLimit(ctx, id, keyword, side, bv, rv, b?.loc, r?.loc, false, false);
    },
  };
}

/** `maximum`/`exclusiveMaximum` (or the minimum pair) read as one bound with its exclusivity. */
export function boundCheck(id: string, keyword: string, side: Side): SchemaCheck {
  return {
    kind: 'schema',
    rules: limitRules(id, keyword, side, 'numbers'),
    run(ctx) {
      const pick = (v: View): Bound | undefined => (side === 'max' ? v.upper : v.lower);
      const b = pick(ctx.base);
      const r = pick(ctx.rev);
      compareLimit(ctx, id, keyword, side, b?.value, r?.value, b?.loc, r?.loc, b?.exclusive ?? false, r?.exclusive ?? false);
    },
  };
}

function compareLimit(
  ctx: SchemaContext,
  id: string,
  keyword: string,
  side: Side,
  b: number | undefined,
  r: number | undefined,
  bloc: Bound['loc'] | undefined,
  rloc: Bound['loc'] | undefined,
  bex: boolean,
  rex: boolean,
): void {
  if (b === undefined && r === undefined) return;
  const show = (v: number, ex: boolean) => `${ex ? (side === 'max' ? '<' : '>') : side === 'max' ? '≤' : '≥'} ${v}`;
  const where = { base: bloc ?? ctx.base.loc, revision: rloc ?? ctx.rev.loc };
  if (b === undefined) {
    ctx.report(`${id}-added`, `{path} now has \`${keyword}\` ${show(r!, rex)}; ${consequence(ctx, true)}`, where, { data: { to: r } });
    return;
  }
  if (r === undefined) {
    ctx.report(`${id}-removed`, `{path} no longer has \`${keyword}\` ${show(b, bex)}; ${consequence(ctx, false)}`, where, { data: { from: b } });
    return;
  }
  if (b === r && bex === rex) return;
  // Positive when the revision allows more values.
  const wider = side === 'max' ? r > b || (r === b && bex && !rex) : r < b || (r === b && bex && !rex);
  const tighter = side === 'max' ? 'decreased' : 'increased';
  const looser = side === 'max' ? 'increased' : 'decreased';
  ctx.report(
    `${id}-${wider ? looser : tighter}`,
    `{path} \`${keyword}\` changed from ${show(b, bex)} to ${show(r, rex)}; ${consequence(ctx, !wider)}`,
    where,
    { data: { from: b, to: r } },
  );
}
