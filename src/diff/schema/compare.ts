import type { NodeLocation } from '../../load/workspace.js';
import type { SchemaCheck, SchemaContext } from '../check.js';
import type { Direction, Finding, Level } from '../types.js';
import { signatureFrom, unionPairing } from './branches.js';
import type { Sameness } from './same.js';
import { pureUnion, unlistedSchema, type At, type View, Viewer } from './view.js';

const key = (l: NodeLocation) => `${l.file}#${l.pointer}`;

/** A finding and the pair of schemas it was found on (`subject`), whatever path led there. */
export interface SchemaFinding extends Finding {
  dir: Direction;
  subject: { base: NodeLocation; revision: NodeLocation };
}

/**
 * Compares resolved schemas for one direction. Each pair of schemas (base, revision, direction) is
 * compared once: its own findings are stored once, globally, and the pair's result is the set of
 * finding ids reachable from it. So a schema reused by a thousand operations is compared once, a change
 * deep inside it is one finding however many paths reach it, and recursion ends: a pair met again while
 * it is being compared contributes nothing (its findings belong to the pair where the cycle started).
 */
export class SchemaComparer {
  readonly base: Viewer;
  readonly rev: Viewer;
  readonly findings: SchemaFinding[] = [];
  private findingIds = new Map<string, number>();
  /** Per pair: the findings reachable from it, as a bit set over `findings` (null: none). By view pair, direction and flow (see `pairKey`). */
  private memo = new Map<number, FindingSet>();
  private open = new Set<number>();
  /** Number of schema pairs compared (for tests and profiling). */
  compared = 0;

  constructor(
    base: Viewer,
    rev: Viewer,
    private readonly checks: SchemaCheck[],
    private readonly openapi: boolean,
    private readonly readers: string,
    private readonly strict = false,
    private readonly sameness?: Sameness,
  ) {
    this.base = base;
    this.rev = rev;
    for (const c of checks) for (const r of c.rules) (this.acceptLevels.set(r.id, r.levels.accept), this.emitLevels.set(r.id, r.levels.emit));
  }

  private readonly acceptLevels = new Map<string, Level>();
  private readonly emitLevels = new Map<string, Level>();

  private prover?: SchemaComparer;

  /**
   * No finding between `b` and `r` as accepted data breaks or may break: `r` allows all `b` allows. Checked
   * as the registry modes do (a name an open model allowed with any value, now listed, may reject data),
   * by a comparer of its own whose findings are never reported.
   */
  accepts(b: At, r: At): boolean {
    if (!this.strict) return (this.prover ??= new SchemaComparer(this.base, this.rev, this.checks, this.openapi, this.readers, true, this.sameness)).accepts(b, r);
    for (const id of this.compare(b, r, 'accept')) {
      const f = this.findings[id];
      const level = f.level ?? this.acceptLevels.get(f.rule);
      if (level === 'breaking' || level === 'warning') return false;
    }
    return true;
  }

  /**
   * No finding between `b` and `r` as emitted data breaks or may break: `r` allows nothing `b` did not (the
   * mirror of `accepts`, by the same comparer of its own).
   */
  covers(b: At, r: At): boolean {
    if (!this.strict) return (this.prover ??= new SchemaComparer(this.base, this.rev, this.checks, this.openapi, this.readers, true, this.sameness)).covers(b, r);
    for (const id of this.compare(b, r, 'emit')) {
      const f = this.findings[id];
      const level = f.level ?? this.emitLevels.get(f.rule);
      if (level === 'breaking' || level === 'warning') return false;
    }
    return true;
  }

  /**
   * Ids (into `findings`) of every finding reachable from a pair of schemas as written (either may be a `$ref`).
   * `flow`: what the data is, request (`accept`) or response (`emit`), whichever way `dir` checks it; it says
   * which of OpenAPI's `readOnly`/`writeOnly` properties are out of it. Undefined: not known, flags not trusted.
   */
  compare(b: At, r: At, dir: Direction, flow: Direction | undefined = this.strict ? undefined : dir): number[] {
    return ids(this.reach(b, r, dir, flow));
  }

  /** The same as a bit set (null: none). */
  reach(b: At, r: At, dir: Direction, flow: Direction | undefined): FindingSet {
    if (this.sameness) {
      const bt = this.base.ws.deref<unknown>(b.value, b.loc);
      const rt = this.rev.ws.deref<unknown>(r.value, r.loc);
      if (bt && rt && isObject(bt.value) && isObject(rt.value)) {
        if (bt.value === rt.value && bt.location.pointer === rt.location.pointer && this.sameness.shared(bt.value, bt.location.file, rt.location.file)) return null;
        if (this.sameness.identical(bt.value, rt.value) && this.sameness.refsStandAlone(bt.value)) return this.reachIdentical(bt.value, bt.location, rt.value, rt.location, dir, flow);
      }
    }
    const bv = this.base.view(b.value, b.loc);
    const rv = this.rev.view(r.value, r.loc);
    if (!bv || !rv) return null;
    const k = pairKey(bv.id, rv.id, dir, flow);
    const known = this.memo.get(k);
    if (known !== undefined) return known;
    if (this.open.has(k)) return null;
    this.open.add(k);
    let result: FindingSet;
    try {
      this.compared++;
      result = this.compareViews(bv, rv, dir, flow);
    } finally {
      this.open.delete(k);
    }
    this.memo.set(k, result);
    return result;
  }

  private identicalMemo = new WeakMap<object, Map<object, Map<string, FindingSet | 'open'>>>();

  /** Two schemas written identically: nothing of their own differs, only what their `$ref`s lead to. */
  private reachIdentical(b: object, bloc: NodeLocation, r: object, rloc: NodeLocation, dir: Direction, flow: Direction | undefined): FindingSet {
    let byRev = this.identicalMemo.get(b);
    if (!byRev) this.identicalMemo.set(b, (byRev = new Map()));
    let byDir = byRev.get(r);
    if (!byDir) byRev.set(r, (byDir = new Map()));
    const how = `${dir} ${flow}`;
    const known = byDir.get(how);
    if (known === 'open') return null;
    if (known !== undefined) return known;
    byDir.set(how, 'open');
    const parts: Uint32Array[] = [];
    for (const [x, y] of this.sameness!.refPairs(b, bloc, r, rloc)) {
      const set = this.reach(x, y, dir, flow);
      if (set) parts.push(set);
    }
    const result = union(parts);
    byDir.set(how, result);
    return result;
  }

  private add(f: SchemaFinding): number {
    const k = `${f.rule}\u0000${f.dir}\u0000${key(f.subject.base)}\u0000${key(f.subject.revision)}\u0000${f.path.join('/')}\u0000${JSON.stringify(f.data)}`;
    let id = this.findingIds.get(k);
    if (id === undefined) {
      id = this.findings.length;
      this.findings.push(f);
      this.findingIds.set(k, id);
    }
    return id;
  }

  /**
   * OpenAPI: a `readOnly` property is never in a request, a `writeOnly` one never in a response, on either
   * side: what its schema allows says nothing about that data (read-write-only.ts reports the flag moving).
   * That holds in the registry modes too: a request body checked as emitted data is still a request.
   */
  private outOfDirection(b: At, r: At, flow: Direction | undefined): boolean {
    if (!this.openapi || !flow) return false;
    const flag = flow === 'accept' ? 'readOnly' : 'writeOnly';
    return this.base.view(b.value, b.loc)?.kw.get(flag)?.value === true || this.rev.view(r.value, r.loc)?.kw.get(flag)?.value === true;
  }

  private compareViews(base: View, rev: View, dir: Direction, flow: Direction | undefined): FindingSet {
    // `{}` or `true` against a schema with keywords: the unconstrained side is compared as a schema with no
    // keyword, so each keyword the other side has (or lacks) is reported as added (or removed).
    if (base.bool === true && rev.bool === undefined) base = { ...base, bool: undefined };
    else if (rev.bool === true && base.bool === undefined) rev = { ...rev, bool: undefined };
    const own: number[] = [];
    const subject = { base: base.loc, revision: rev.loc };
    const ctx: SchemaContext = {
      dir,
      flow,
      openapi: this.openapi,
      base,
      rev,
      readers: this.readers,
      strict: this.strict,
      report: (rule, text, where, extra) =>
        own.push(
          this.add({
            rule,
            text,
            dir,
            subject,
            path: extra?.path ?? [],
            data: extra?.data ?? {},
            base: where.base,
            revision: where.revision,
            ...(extra?.level ? { level: extra.level } : {}),
          }),
        ),
      view: (side, a) => (side === 'base' ? this.base : this.rev).view(a.value, a.loc),
      accepts: (b, r) => this.accepts(b, r),
      covers: (b, r) => this.covers(b, r),
    };
    const sig = signatureFrom((side, b) => (side === 'base' ? this.base : this.rev).view(b.value, b.loc));
    const pairing = unionPairing(base, rev, sig);
    // A union against a plain schema: only the branches are compared, the outer keywords say nothing.
    const unionVsPlain = !!pairing && (!base.branches || !rev.branches) && (pureUnion(base) || pureUnion(rev));
    for (const c of this.checks) {
      if (unionVsPlain && !c.unions) continue;
      c.run(ctx);
    }
    const parts: Uint32Array[] = [];
    if (own.length) {
      const mine = new Uint32Array((Math.max(...own) >> 5) + 1);
      for (const id of own) mine[id >> 5] |= 1 << (id & 31);
      parts.push(mine);
    }
    const sub = (b: At, r: At) => {
      const set = this.reach(b, r, dir, flow);
      if (set) parts.push(set);
    };
    if (pairing) for (const [b, r] of pairing.pairs) sub(b, r);
    if (!unionVsPlain && base.bool === undefined && rev.bool === undefined) {
      for (const [name, bp] of base.props) {
        const rp = rev.props.get(name);
        if (rp && !this.outOfDirection(bp, rp, flow)) sub(bp, rp);
      }
      // A name the old schema required without listing it was always sent, as its unlisted properties
      // allow (any value, or the `additionalProperties` schema): a listed schema for it now compares to that.
      for (const [name, rp] of rev.props) {
        const loc = base.required.get(name);
        if (base.props.has(name) || !loc) continue;
        const implicit = base.additional && isObject(base.additional.value) ? base.additional : { value: {}, loc };
        sub(implicit, rp);
      }
      // Registry modes take an open model at its word: a name newly listed was an unlisted property, held
      // to the pattern or `additionalProperties` schema it matched; the listed schema compares to that.
      if (this.strict)
        for (const [name, rp] of rev.props) {
          if (base.props.has(name) || base.required.has(name)) continue;
          const implicit = unlistedSchema(base, name);
          if (implicit && this.base.view(implicit.value, implicit.loc)?.bool !== true) sub(implicit, rp);
        }
      const ba = base.additional;
      const ra = rev.additional;
      if (ba && ra && typeof ba.value === 'object' && typeof ra.value === 'object' && ba.value && ra.value) sub(ba, ra);
      for (const [p, bp] of base.patternProps) {
        const rp = rev.patternProps.get(p);
        if (rp) sub(bp, rp);
      }
      if (base.items && rev.items) sub(base.items, rev.items);
      // Schema-valued dependencies present on both sides.
      for (const k of ['dependencies', 'dependentSchemas']) {
        const bd = base.kw.get(k);
        const rd = rev.kw.get(k);
        if (!bd || !rd || typeof bd.value !== 'object' || typeof rd.value !== 'object' || !bd.value || !rd.value) continue;
        for (const [name, x] of Object.entries(bd.value)) {
          const y = (rd.value as Record<string, unknown>)[name];
          if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y))
            sub({ value: x, loc: { file: bd.loc.file, pointer: `${bd.loc.pointer}/${name}` } }, { value: y, loc: { file: rd.loc.file, pointer: `${rd.loc.pointer}/${name}` } });
        }
      }
      const n = Math.min(base.prefixItems.length, rev.prefixItems.length);
      for (let i = 0; i < n; i++) sub(base.prefixItems[i], rev.prefixItems[i]);
    }
    return union(parts);
  }
}

function isObject(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

function union(parts: Uint32Array[]): FindingSet {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) if (p.length > n) n = p.length;
  const all = new Uint32Array(n);
  for (const p of parts) for (let i = 0; i < p.length; i++) all[i] |= p[i];
  return all;
}

/** Finding ids as a bit set: unions over thousands of shared schema pairs stay cheap. */
export type FindingSet = Uint32Array | null;

export function ids(set: FindingSet): number[] {
  const out: number[] = [];
  if (!set) return out;
  for (let w = 0; w < set.length; w++) {
    let bits = set[w];
    while (bits) {
      const low = bits & -bits;
      out.push((w << 5) + 31 - Math.clz32(low));
      bits ^= low;
    }
  }
  return out;
}

const SCHEMA_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else']);

/**
 * The instance path of a schema from its JSON pointer below `root`: `properties/lines/items/properties/sku`
 * is `lines[].sku`. Undefined when the pointer is not below `root`.
 */
export function instancePath(pointer: string, root: string): string[] | undefined {
  if (pointer !== root && !pointer.startsWith(root + '/')) return undefined;
  const tokens = pointer.slice(root.length).split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'properties' || t === 'patternProperties') {
      if (i + 1 < tokens.length) out.push(t === 'properties' ? tokens[++i] : `{${tokens[++i]}}`);
    } else if (t === 'items' || t === 'additionalItems') {
      if (/^\d+$/.test(tokens[i + 1] ?? '')) out.push(`[${tokens[++i]}]`);
      else out.push('[]');
    } else if (t === 'prefixItems') out.push(`[${tokens[++i]}]`);
    else if (t === 'additionalProperties') out.push('*');
    else if (SCHEMA_KEYWORDS.has(t)) {
      if (/^\d+$/.test(tokens[i + 1] ?? '')) i++;
    } else return out; // `schema`, `content`, keywords: stop
  }
  return out;
}

/** `/components/schemas/Order/properties/total` → `{ name: 'Order', pointer: '/components/schemas/Order' }`. */
export function owningComponent(pointer: string): { name: string; pointer: string } | undefined {
  const m = /^(.*?\/(?:schemas|definitions|\$defs)\/([^/]+))(?:\/|$)/.exec(pointer);
  if (!m) return undefined;
  return { name: m[2].replace(/~1/g, '/').replace(/~0/g, '~'), pointer: m[1] };
}

/** `lines[].sku`, `payment<Card>.number`: an instance path for messages. */
export function renderPath(path: readonly string[]): string {
  let s = '';
  for (const seg of path) {
    if (seg.startsWith('[') || seg.startsWith('<')) s += seg;
    else s += (s ? '.' : '') + seg;
  }
  return s;
}

/**
 * One number per (base view, revision view, direction, flow): view ids are counters, so the key is an exact
 * integer below 2^53 for up to 2^25 views a side, and no string is built for each pair a diff compares.
 */
function pairKey(b: number, r: number, dir: Direction, flow: Direction | undefined): number {
  return (b * 0x2000000 + r) * 8 + (dir === 'accept' ? 0 : 1) + (flow === undefined ? 0 : flow === 'accept' ? 2 : 4);
}
