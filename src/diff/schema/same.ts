import type { NodeLocation, Workspace } from '../../load/workspace.js';

type Side = { ws: Workspace; text: WeakMap<object, string>; refs: WeakMap<object, string[]>; refPaths: WeakMap<object, string[][]> };

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
 * A quick "nothing can differ here" test, run before two schemas are resolved and compared: both are
 * written identically, and every `$ref` inside them leads, on both sides, to targets that are written
 * identically too (transitively). Most of a large description does not change between versions; this
 * lets the comparison skip it without building views. Only a shortcut: anything it cannot prove the
 * same is compared in full.
 */
export class Sameness {
  private base: Side;
  private rev: Side;
  /** By base target location: its transitive closure is written identically on both sides. */
  private clean = new Map<string, boolean>();

  constructor(base: Workspace, rev: Workspace) {
    this.base = { ws: base, text: new WeakMap(), refs: new WeakMap(), refPaths: new WeakMap() };
    this.rev = { ws: rev, text: new WeakMap(), refs: new WeakMap(), refPaths: new WeakMap() };
  }

  same(b: unknown, bloc: NodeLocation, r: unknown, rloc: NodeLocation): boolean {
    if (b === r && bloc.file === rloc.file && this.base.ws === this.rev.ws) return true;
    if (typeof b !== 'object' || typeof r !== 'object' || b === null || r === null) return b === r;
    if (this.textOf(this.base, b) !== this.textOf(this.rev, r)) return false;
    for (const ref of this.refsOf(this.base, b)) if (!this.refClean(ref, bloc.file, rloc.file)) return false;
    return true;
  }

  private refClean(ref: string, bfile: string, rfile: string): boolean {
    const bt = this.base.ws.resolveRef(ref, bfile);
    const rt = this.rev.ws.resolveRef(ref, rfile);
    if (!bt.ok || !rt.ok) return false;
    const key = `${bt.location.file}#${bt.location.pointer}\u0000${rt.location.file}#${rt.location.pointer}`;
    const known = this.clean.get(key);
    if (known !== undefined) return known;
    this.clean.set(key, true); // a cycle of identical schemas is identical
    let ok: boolean;
    if (typeof bt.value !== 'object' || bt.value === null || typeof rt.value !== 'object' || rt.value === null) ok = bt.value === rt.value;
    else if (this.textOf(this.base, bt.value) !== this.textOf(this.rev, rt.value)) ok = false;
    else {
      ok = true;
      for (const inner of this.refsOf(this.base, bt.value))
        if (!this.refClean(inner, bt.location.file, rt.location.file)) {
          ok = false;
          break;
        }
    }
    this.clean.set(key, ok);
    return ok;
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
   * The `$ref` objects inside two identically written values, paired by position, with their locations:
   * the only places where such values can differ.
   */
  refPairs(b: object, bloc: NodeLocation, r: object, rloc: NodeLocation): [{ value: unknown; loc: NodeLocation }, { value: unknown; loc: NodeLocation }][] {
    let paths = this.base.refPaths.get(b);
    if (!paths) {
      paths = [];
      const stack: [unknown, string[]][] = [[b, []]];
      while (stack.length) {
        const [x, p] = stack.pop()!;
        if (x === null || typeof x !== 'object') continue;
        if (!Array.isArray(x) && typeof (x as { $ref?: unknown }).$ref === 'string') {
          if (p.length) paths.push(p);
          continue;
        }
        for (const [k, y] of Object.entries(x)) if (y !== null && typeof y === 'object') stack.push([y, [...p, k]]);
      }
      this.base.refPaths.set(b, paths);
    }
    const get = (root: unknown, p: string[]) => p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);
    return paths.map((p) => [
      { value: get(b, p), loc: new Below(bloc, p) },
      { value: get(r, p), loc: new Below(rloc, p) },
    ]);
  }

  private textOf(side: Side, v: object): string {
    let t = side.text.get(v);
    if (t === undefined) side.text.set(v, (t = JSON.stringify(v)));
    return t;
  }

  /** Every `$ref` string inside a value (iterative; shared subtrees are walked once per value). */
  private refsOf(side: Side, v: object): string[] {
    let out = side.refs.get(v);
    if (out) return out;
    const found = new Set<string>();
    const stack: unknown[] = [v];
    while (stack.length) {
      const x = stack.pop();
      if (x === null || typeof x !== 'object') continue;
      if (Array.isArray(x)) {
        for (const y of x) stack.push(y);
        continue;
      }
      for (const [k, y] of Object.entries(x)) {
        if (k === '$ref' && typeof y === 'string') found.add(y);
        else if (y !== null && typeof y === 'object') stack.push(y);
      }
    }
    side.refs.set(v, (out = [...found]));
    return out;
  }
}
