import { canonical } from '../canonical.js';
import { admits, viewName, type At, type Branch, type View } from './view.js';

export interface Pairing {
  pairs: [Branch, Branch][];
  removed: Branch[];
  added: Branch[];
}

/** What a branch is, for matching when names do not help: its types and const/enum values. */
export type Signature = (side: 'base' | 'rev', b: Branch) => string;

/**
 * Match the branches of two unions: by component name or title, then identical text, then a unique type
 * signature, then branches of one signature in order, then a last single leftover on each side. Order
 * does not matter (reordering `oneOf` is silent).
 */
export function pairBranches(base: Branch[], rev: Branch[], sig: Signature): Pairing {
  const pairs: [Branch, Branch][] = [];
  let b = [...base];
  let r = [...rev];
  const take = (match: (x: Branch, y: Branch) => boolean) => {
    for (const x of [...b]) {
      const y = r.find((c) => match(x, c));
      if (y) {
        pairs.push([x, y]);
        b = b.filter((c) => c !== x);
        r = r.filter((c) => c !== y);
      }
    }
  };
  take((x, y) => x.name !== undefined && x.name === y.name);
  const text = (x: Branch) => (x.value !== null && typeof x.value === 'object' && '$ref' in x.value ? undefined : JSON.stringify(x.value));
  take((x, y) => text(x) !== undefined && text(x) === text(y));
  const bs = new Map(b.map((x) => [x, sig('base', x)]));
  const rs = new Map(r.map((x) => [x, sig('rev', x)]));
  const unique = (m: Map<Branch, string>, s: string) => [...m.values()].filter((v) => v === s).length === 1;
  take((x, y) => bs.get(x) === rs.get(y) && unique(bs, bs.get(x)!) && unique(rs, rs.get(y)!));
  // Several branches of one shape (three objects): pair them in order.
  take((x, y) => bs.get(x) === rs.get(y));
  if (b.length === 1 && r.length === 1) take(() => true);
  return { pairs, removed: b, added: r };
}

export function branchLabel(b: Branch): string {
  return b.name ?? `#${b.index + 1}`;
}

export function selfBranch(v: View): Branch {
  return { ...v.self, index: 0, name: viewName(v) };
}

/** A signature function over resolved views. */
export function signatureFrom(view: (side: 'base' | 'rev', b: Branch) => View | undefined): Signature {
  return (side, b) => {
    const v = view(side, b);
    if (!v) return '?';
    return `${v.types ? [...v.types].sort().join(',') : '*'}|${v.enumValues ? JSON.stringify(v.enumValues.value) : ''}`;
  };
}

/**
 * The branch pairing the engine recurses into and the variants check reports on: both unions, or a
 * union on one side and a plain schema on the other (wrapping a schema in a one-branch `oneOf` is silent).
 */
export function unionPairing(base: View, rev: View, sig: Signature): Pairing | undefined {
  if (base.branches && rev.branches) return pairBranches(base.branches.list, rev.branches.list, sig);
  if (base.branches && !rev.branches && pureUnionOf(base)) return pairBranches(base.branches.list, [selfBranch(rev)], sig);
  if (rev.branches && !base.branches && pureUnionOf(rev)) return pairBranches([selfBranch(base)], rev.branches.list, sig);
  return undefined;
}

function pureUnionOf(v: View): boolean {
  return !!v.branches && !v.types && v.props.size === 0 && !v.items && !v.enumValues && v.prefixItems.length === 0;
}

/**
 * No instance can match both schemas: distinct JSON types (`integer` lies inside `number`), enums with no
 * common value, or a property both require with disjoint `const`/`enum` values (a discriminator). False
 * means they may overlap, not that they do.
 */
export function disjoint(x: View, y: View, view: (at: At) => View | undefined): boolean {
  if (x.bool === false || y.bool === false) return true;
  if (x.types && y.types && ![...x.types].some((t) => admits(y.types!, t)) && ![...y.types].some((t) => admits(x.types!, t))) return true;
  const apart = (a?: View, b?: View) => {
    if (!a?.enumValues || !b?.enumValues) return false;
    const bs = new Set(b.enumValues.value.map((v) => canonical(v)));
    return !a.enumValues.value.some((v) => bs.has(canonical(v)));
  };
  if (apart(x, y)) return true;
  for (const [name, xp] of x.props) {
    const yp = y.props.get(name);
    if (yp && x.required.has(name) && y.required.has(name) && apart(view(xp), view(yp))) return true;
  }
  return false;
}
