import type { NodeLocation, Workspace } from '../../load/workspace.js';


/** A location below another whose pointer is built only when read. */
class Below implements NodeLocation {
  private built?: string;
  constructor(
    private readonly parent: NodeLocation,
    private readonly tokens: string[],
  ) {}
  get file(): string {
    return this.parent.file;
  }
  get pointer(): string {
    return (this.built ??= this.parent.pointer + this.tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join(''));
  }
}

/**
 * Quick "nothing can differ here" tests, run before two schemas are resolved and compared. Most of a
 * large description does not change between versions; these let the comparison skip it without
 * building views. Only shortcuts: anything they cannot prove the same is compared in full.
 */
export class Sameness {
  /** The `$ref`s inside each base object walked so far (see `walkRefs`). */
  private readonly walks = new WeakMap<object, RefWalk>();
  /** Objects known to be shared with everything they lead to (see `shared`), and known not to be. */
  private sharedClean = new WeakSet<object>();
  private sharedDirty = new WeakSet<object>();

  constructor(
    private readonly base: Workspace,
    private readonly rev: Workspace,
  ) {}

  /**
   * Whether an object both documents hold (text written identically in both is parsed once, see
   * load/yaml-entries.ts) leads, through every `$ref` inside it and transitively, only to objects both
   * hold at the same place: then nothing below it can differ.
   */
  shared(v: object, bfile: string, rfile: string): boolean {
    if (this.sharedClean.has(v)) return true;
    if (this.sharedDirty.has(v)) return false;
    // Everything reached from a clean object is clean too (its reach is a subset); after a failure only
    // the object asked about is known to be dirty.
    const seen = new Set<object>([v]);
    const stack: [object, string, string][] = [[v, bfile, rfile]];
    while (stack.length) {
      const [x, bf, rf] = stack.pop()!;
      for (const ref of this.walkOf(x).refs) {
        const bt = this.base.resolveRef(ref, bf);
        const rt = this.rev.resolveRef(ref, rf);
        if (!bt.ok || !rt.ok || bt.value !== rt.value || bt.location.pointer !== rt.location.pointer || this.sharedDirty.has(bt.value as object)) {
          this.sharedDirty.add(v);
          return false;
        }
        const t = bt.value;
        if (t !== null && typeof t === 'object' && !seen.has(t) && !this.sharedClean.has(t)) {
          seen.add(t);
          stack.push([t, bt.location.file, rt.location.file]);
        }
      }
    }
    for (const x of seen) this.sharedClean.add(x);
    return true;
  }

  /** Last answer per base object: its counterpart is almost always the same revision object. */
  private eqMemo = new WeakMap<object, { r: object; eq: boolean }>();

  /** Written identically, key order aside (the `$ref`s inside may still lead to different schemas). */
  identical(b: object, r: object): boolean {
    if (b === r) return true;
    const m = this.eqMemo.get(b);
    if (m && m.r === r) return m.eq;
    let eq: boolean;
    if (Array.isArray(b) || Array.isArray(r)) {
      eq = Array.isArray(b) && Array.isArray(r) && b.length === r.length && b.every((x, i) => this.equalValue(x, r[i]));
    } else {
      const bk = Object.keys(b);
      const ro = r as Record<string, unknown>;
      eq = bk.length === Object.keys(r).length && bk.every((k) => Object.prototype.hasOwnProperty.call(ro, k) && this.equalValue((b as Record<string, unknown>)[k], ro[k]));
    }
    this.eqMemo.set(b, { r, eq });
    return eq;
  }

  private equalValue(x: unknown, y: unknown): boolean {
    if (x === y) return true;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    return this.identical(x, y);
  }

  /**
   * Whether every `$ref` inside a value can be compared on its own. Not when one stands where the full
   * comparison merges its target into the schema around it (an `allOf` member, or a `oneOf`/`anyOf`
   * branch that may fold into an enum): compared on its own, its changes would be reported under another
   * schema than the full comparison reports them, so such values are compared in full.
   */
  refsStandAlone(b: object): boolean {
    return this.walkOf(b).paths !== null;
  }

  /**
   * The `$ref` objects inside two identically written values, paired by position, with their locations:
   * the only places where such values can differ (for values whose `$ref`s stand alone).
   */
  refPairs(b: object, bloc: NodeLocation, r: object, rloc: NodeLocation): [{ value: unknown; loc: NodeLocation }, { value: unknown; loc: NodeLocation }][] {
    const get = (root: unknown, p: string[]) => p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    return (this.walkOf(b).paths ?? []).map((p) => [
      { value: get(b, p), loc: new Below(bloc, p) },
      { value: get(r, p), loc: new Below(rloc, p) },
    ]);
  }

  private walkOf(v: object): RefWalk {
    let w = this.walks.get(v);
    if (!w) this.walks.set(v, (w = walkRefs(v)));
    return w;
  }
}

const isRef = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $ref?: unknown }).$ref === 'string';

interface RefWalk {
  /** Every `$ref` string inside the value. */
  refs: string[];
  /**
   * Key paths to the `$ref` objects inside it (not below one: a `$ref`'s siblings are no schema
   * position), or null when one of them is merged into the schema around it by the full comparison (see
   * `refsStandAlone`).
   */
  paths: string[][] | null;
}

/** One iterative walk of a value for both answers. */
function walkRefs(root: object): RefWalk {
  const refs = new Set<string>();
  let paths: string[][] | null = [];
  // Each node with its key path, or null once no more paths are wanted below it.
  const stack: [unknown, string[] | null][] = [[root, []]];
  while (stack.length) {
    const [x, p] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    const ref = isRef(x);
    if (ref) {
      refs.add((x as { $ref: string }).$ref);
      if (p?.length) paths?.push(p);
    } else if (p && Array.isArray(x) && x.some(isRef) && mergesRefs(p[p.length - 1], x)) paths = null;
    const below = ref || !paths ? null : p;
    for (const [k, y] of Object.entries(x)) if (y !== null && typeof y === 'object') stack.push([y, below && [...below, k]]);
  }
  return { refs: [...refs], paths };
}

/**
 * Whether the full comparison merges the `$ref` members of this list into the schema holding it: always
 * for `allOf`; for a union only when it may fold into an enum, which needs every branch to be an enum or
 * a const, so a branch written inline without either keeps its `$ref` siblings apart.
 */
function mergesRefs(keyword: string | undefined, list: unknown[]): boolean {
  if (keyword === 'allOf') return true;
  if (keyword !== 'oneOf' && keyword !== 'anyOf') return false;
  return !list.some((m) => m !== null && typeof m === 'object' && !isRef(m) && !('enum' in m) && !('const' in m));
}
