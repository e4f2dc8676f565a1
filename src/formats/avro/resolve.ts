// Avro's schema resolution (specification, "Schema Resolution"), applied to the schemas as written:
// can a reader with one schema read data written with the other? Fields are matched by name and the
// reader's aliases; a reader field the writer lacks needs a default; writer fields the reader lacks are
// skipped; int→long→float→double and string↔bytes are promoted; a writer enum symbol the reader lacks
// needs the reader's enum default; fixed sizes must agree; each writer union branch must resolve to a
// reader branch; named types must have the same name, or the writer's name among the reader's aliases.
//
// Direction: `accept` (data the application receives): the revision reads what base writers wrote;
// `emit` (data it sends): base readers read what the revision writes. Findings are named by the change
// from base to revision (a field added, a symbol removed); the level says whether resolution fails.
import type { NodeLocation, Workspace } from '../../load/workspace.js';
import type { SchemaNode } from '../../model/types.js';
import type { FormatDirection, FormatFinding } from '../index.js';
import { at, branchKey, collectNamed, fieldType, isObj, resolve, rootOf, shortName, typeLabel, type At, type Named, type Obj, type Resolved } from './schema.js';

/** Writer type → reader types that read it (the specification's promotions). */
const PROMOTIONS: Record<string, string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

const json = (v: unknown) => '`' + JSON.stringify(v) + '`';
const code = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

interface Side {
  names: Map<string, Named>;
  root: At;
}

function side(x: { node: SchemaNode; ws: Workspace }): Side | undefined {
  const root = rootOf(x.node, x.ws);
  return root && { names: collectNamed(root), root };
}

export function diffAvro(base: { node: SchemaNode; ws: Workspace }, rev: { node: SchemaNode; ws: Workspace }, dir: FormatDirection): FormatFinding[] {
  const b = side(base);
  const r = side(rev);
  if (!b || !r) return [];
  return new Resolver(b, r, dir).run();
}

/** Whether data written with `writer` resolves to `reader` (no breaking finding between them). */
export function avroCompatible(reader: unknown, writer: unknown): boolean {
  const file = 'schema';
  const rs: Side = { root: { value: reader, loc: { file, pointer: '' }, ns: '' }, names: new Map() };
  const ws: Side = { root: { value: writer, loc: { file, pointer: '' }, ns: '' }, names: new Map() };
  rs.names = collectNamed(rs.root);
  ws.names = collectNamed(ws.root);
  // `accept`: the revision (second) reads what the base (first) wrote.
  return !new Resolver(ws, rs, 'accept').run().some((f) => f.level === 'breaking');
}

interface Logical {
  name?: string;
  precision: number;
  scale: number;
  /** Where the annotation is written (the type's object). */
  loc: NodeLocation;
}

/** The logical type written on a type: on its object (`{ type: long, logicalType: ... }`), or on a fixed's definition. */
function logicalOf(a: At, r: Resolved): Logical {
  const o: Obj | undefined = r.kind === 'named' ? r.def.value : isObj(a.value) ? a.value : undefined;
  const loc = r.kind === 'named' ? r.def.loc : a.loc;
  const name = typeof o?.logicalType === 'string' ? o.logicalType : undefined;
  // The specification's defaults: scale 0; precision has none (validate requires it).
  return { name, precision: typeof o?.precision === 'number' ? o.precision : 0, scale: typeof o?.scale === 'number' ? o.scale : 0, loc };
}

class Resolver {
  private readonly out: FormatFinding[] = [];
  private readonly seen = new Set<string>();
  /** The reader and writer side, by direction. */
  private readonly reader: Side;
  private readonly writer: Side;
  /** The revision is the reader (`accept`). */
  private readonly revReads: boolean;

  constructor(base: Side, rev: Side, dir: FormatDirection) {
    this.revReads = dir === 'accept';
    this.reader = this.revReads ? rev : base;
    this.writer = this.revReads ? base : rev;
  }

  run(): FormatFinding[] {
    this.match(this.reader.root, this.writer.root, []);
    return this.out;
  }

  private report(rule: string, path: string[], breaking: boolean | 'warning', text: string, readerLoc: NodeLocation, writerLoc: NodeLocation, data?: string): void {
    const [baseLoc, revLoc] = this.revReads ? [writerLoc, readerLoc] : [readerLoc, writerLoc];
    const level = breaking === 'warning' ? 'warning' : breaking ? 'breaking' : 'non-breaking';
    this.out.push({ rule, path, text, base: baseLoc, revision: revLoc, level, ...(data ? { data } : {}) });
  }

  /** Labels of the base and revision types of a reader/writer pair. */
  private change(rr: Resolved, wr: Resolved): string {
    const [from, to] = this.revReads ? [typeLabel(wr), typeLabel(rr)] : [typeLabel(rr), typeLabel(wr)];
    return `from ${code(from)} to ${code(to)}`;
  }

  private match(r: At, w: At, path: string[]): void {
    const rr = resolve(r, this.reader.names);
    const wr = resolve(w, this.writer.names);
    if (rr.kind === 'unknown' || wr.kind === 'unknown') return; // invalid: `validate` reports it
    if (wr.kind === 'union') return this.writerUnion(rr, wr, path);
    if (rr.kind === 'union') {
      const i = this.select(rr.branches, wr);
      if (i < 0) return this.typeChanged(rr, wr, path);
      rr.branches.forEach((bch, j) => {
        if (j === i) return;
        const label = typeLabel(resolve(bch, this.reader.names));
        // The type became a union (revision reads) or stopped being one (base reads): either way readable.
        this.report(this.revReads ? 'avro-union-branch-added' : 'avro-union-branch-removed', path, false, `{path} ${this.revReads ? 'may now also be' : 'is no longer a union with'} ${code(label)}`, bch.loc, w.loc, label);
      });
      return this.match(rr.branches[i], w, path);
    }
    this.same(rr, wr, path);
    this.logical(r, rr, w, wr, path);
  }

  /**
   * Logical types (specification, "Logical Types"): resolution goes by the underlying type, so a changed
   * annotation reads, but the values mean something else. A decimal's scale says where the point is in
   * the stored integer: another scale reads every value off by a power of ten. Compared only where the
   * underlying types are the same (a primitive, or a fixed of the same size); other changes are reported
   * by the type rules.
   */
  private logical(r: At, rr: Resolved, w: At, wr: Resolved, path: string[]): void {
    const same =
      (rr.kind === 'primitive' && wr.kind === 'primitive' && rr.name === wr.name) ||
      (rr.kind === 'named' && wr.kind === 'named' && rr.def.kind === 'fixed' && wr.def.kind === 'fixed' && rr.def.value.size === wr.def.value.size);
    if (!same) return;
    const rl = logicalOf(r, rr);
    const wl = logicalOf(w, wr);
    const underlying = typeLabel(rr);
    const [bl, vl] = this.revReads ? [wl, rl] : [rl, wl];
    if (rl.name !== wl.name) {
      const label = (l: Logical) => (l.name ? code(l.name) : `plain ${code(underlying)}`);
      const text = `logical type of {path} changed from ${label(bl)} to ${label(vl)}: Avro reads the same ${code(underlying)}, but its values mean something else`;
      return this.report('avro-logical-type-changed', path, 'warning', text, rl.loc, wl.loc, `${bl.name ?? ''}|${vl.name ?? ''}`);
    }
    if (rl.name !== 'decimal') return;
    if (rl.scale !== wl.scale) {
      const power = Math.abs(rl.scale - wl.scale);
      const text = `scale of decimal {path} changed from ${bl.scale} to ${vl.scale}: each value read with the other scale is off by a factor of ${10 ** power > 1e6 ? `10^${power}` : 10 ** power}`;
      return this.report('avro-logical-type-changed', path, true, text, at(rl.loc, 'scale'), at(wl.loc, 'scale'), `scale|${bl.scale}|${vl.scale}`);
    }
    if (rl.precision !== wl.precision) {
      const fits = rl.precision >= wl.precision;
      const text = `precision of decimal {path} changed from ${bl.precision} to ${vl.precision}${fits ? `; every value the ${this.revReads ? 'old' : 'new'} schema allows fits` : `: values the ${this.revReads ? 'old' : 'new'} schema allows may have more digits than the reader's precision`}`;
      this.report('avro-logical-type-changed', path, fits ? false : 'warning', text, at(rl.loc, 'precision'), at(wl.loc, 'precision'), `precision|${bl.precision}|${vl.precision}`);
    }
  }

  /** Every writer branch must resolve to a reader branch (or to the reader type, when it is no union). */
  private writerUnion(rr: Resolved, wr: Extract<Resolved, { kind: 'union' }>, path: string[]): void {
    const readerBranches = rr.kind === 'union' ? rr.branches : [rr.at];
    const used = new Set<number>();
    for (const wb of wr.branches) {
      const wbr = resolve(wb, this.writer.names);
      if (wbr.kind === 'unknown') continue;
      const i = this.select(readerBranches, wbr);
      const label = typeLabel(wbr);
      if (i < 0) {
        // Base reads: the revision writes a branch it does not know (added); revision reads: a branch old data may hold is gone.
        this.report(
          this.revReads ? 'avro-union-branch-removed' : 'avro-union-branch-added',
          path,
          true,
          this.revReads ? `{path} can no longer be ${code(label)}, which data written before may hold` : `{path} may now be ${code(label)}, which readers of the old schema cannot read`,
          rr.at.loc,
          wb.loc,
          label,
        );
        continue;
      }
      used.add(i);
      this.match(readerBranches[i], wb, path);
    }
    if (rr.kind !== 'union') return;
    rr.branches.forEach((bch, j) => {
      if (used.has(j)) return;
      const label = typeLabel(resolve(bch, this.reader.names));
      this.report(this.revReads ? 'avro-union-branch-added' : 'avro-union-branch-removed', path, false, this.revReads ? `{path} may now also be ${code(label)}` : `{path} can no longer be ${code(label)}`, bch.loc, wr.at.loc, label);
    });
  }

  /** The reader branch a writer type resolves to: the first of the same type or name, else the first it promotes to. */
  private select(branches: At[], wr: Resolved): number {
    const rbs = branches.map((b) => resolve(b, this.reader.names));
    const exact = rbs.findIndex((rb) => this.sameType(rb, wr));
    if (exact >= 0) return exact;
    return rbs.findIndex((rb) => rb.kind === 'primitive' && wr.kind === 'primitive' && PROMOTIONS[wr.name]?.includes(rb.name));
  }

  private sameType(rb: Resolved, wr: Resolved): boolean {
    if (rb.kind !== wr.kind) return false;
    if (rb.kind === 'named' && wr.kind === 'named') return rb.def.kind === wr.def.kind && (this.sameName(rb.def, wr.def) || rb.def.aliases.includes(wr.def.full));
    if (rb.kind === 'primitive' && wr.kind === 'primitive') return rb.name === wr.name;
    return true;
  }

  private sameName(rd: Named, wd: Named): boolean {
    return rd.full === wd.full;
  }

  private typeChanged(rr: Resolved, wr: Resolved, path: string[]): void {
    this.report('avro-type-changed', path, true, `type of {path} changed ${this.change(rr, wr)}, which Avro does not resolve`, rr.at.loc, wr.at.loc, `${branchKey(rr)}|${branchKey(wr)}`);
  }

  private same(rr: Resolved, wr: Resolved, path: string[]): void {
    if (rr.kind === 'primitive' && wr.kind === 'primitive') {
      if (rr.name === wr.name) return;
      if (PROMOTIONS[wr.name]?.includes(rr.name))
        return this.report('avro-type-changed', path, false, `type of {path} changed ${this.change(rr, wr)}; Avro promotes the ${this.revReads ? 'old' : 'new'} values`, rr.at.loc, wr.at.loc, `${rr.name}|${wr.name}`);
      return this.typeChanged(rr, wr, path);
    }
    if (rr.kind === 'array' && wr.kind === 'array') return this.match(rr.items, wr.items, [...path, '[]']);
    if (rr.kind === 'map' && wr.kind === 'map') return this.match(rr.values, wr.values, [...path, '<value>']);
    if (rr.kind !== 'named' || wr.kind !== 'named' || rr.def.kind !== wr.def.kind) return this.typeChanged(rr, wr, path);
    const rd = rr.def;
    const wd = wr.def;
    const key = `${rd.full}\u0000${wd.full}\u0000${rd.loc.file}#${rd.loc.pointer}\u0000${wd.loc.file}#${wd.loc.pointer}`;
    if (this.seen.has(key)) return; // recursive types: each pair once
    this.seen.add(key);
    if (!this.sameName(rd, wd)) {
      const aliased = rd.aliases.includes(wd.full);
      const [from, to] = this.revReads ? [wd.full, rd.full] : [rd.full, wd.full];
      this.report(
        'avro-name-changed',
        path,
        !aliased,
        `${rd.kind} ${code(from)} at {path} was renamed to ${code(to)}${aliased ? ` (the reader lists ${code(from)} among its aliases)` : `; without the old name among the ${this.revReads ? 'new' : 'old'} reader's aliases, Avro does not resolve it`}`,
        rd.loc,
        wd.loc,
        `${from}|${to}`,
      );
      if (!aliased) return;
    }
    if (rd.kind === 'fixed') {
      if (rd.value.size !== wd.value.size) {
        const [from, to] = this.revReads ? [wd.value.size, rd.value.size] : [rd.value.size, wd.value.size];
        this.report('avro-fixed-size-changed', path, true, `size of fixed ${code(shortName(rd.full))} at {path} changed from ${from} to ${to} bytes`, at(rd.loc, 'size'), at(wd.loc, 'size'));
      }
      return;
    }
    if (rd.kind === 'enum') return this.enums(rd, wd, path);
    this.records(rd, wd, path);
  }

  private enums(rd: Named, wd: Named, path: string[]): void {
    const rs = Array.isArray(rd.value.symbols) ? rd.value.symbols : [];
    const ws = Array.isArray(wd.value.symbols) ? wd.value.symbols : [];
    const name = code(shortName(rd.full));
    const hasDefault = typeof rd.value.default === 'string' && rs.includes(rd.value.default);
    ws.forEach((s, i) => {
      if (rs.includes(s)) return;
      const consequence = hasDefault ? `; the ${this.revReads ? 'new' : 'old'} reader reads it as its default ${code(rd.value.default)}` : `; ${this.revReads ? 'old data holding it cannot be read' : 'readers of the old schema cannot read it'} (no enum default)`;
      this.report(
        this.revReads ? 'avro-enum-symbol-removed' : 'avro-enum-symbol-added',
        path,
        !hasDefault,
        `symbol ${code(s)} of enum ${name} at {path} was ${this.revReads ? 'removed' : 'added'}${consequence}`,
        rd.loc,
        at(wd.loc, 'symbols', i),
        String(s),
      );
    });
    rs.forEach((s, i) => {
      if (ws.includes(s)) return;
      this.report(this.revReads ? 'avro-enum-symbol-added' : 'avro-enum-symbol-removed', path, false, `symbol ${code(s)} of enum ${name} at {path} was ${this.revReads ? 'added' : 'removed'}`, at(rd.loc, 'symbols', i), wd.loc, String(s));
    });
  }

  private records(rd: Named, wd: Named, path: string[]): void {
    const fields = (d: Named) => (Array.isArray(d.value.fields) ? d.value.fields : []).map((f, i) => ({ f: f as Obj, i })).filter((x) => isObj(x.f) && typeof x.f.name === 'string');
    const rfs = fields(rd);
    const wfs = fields(wd);
    const matched = new Set<number>();
    const added = this.revReads; // a reader-only field exists in the revision only
    for (const { f: rf, i } of rfs) {
      const name = rf.name as string;
      const aliases = Array.isArray(rf.aliases) ? rf.aliases : [];
      const wi = wfs.findIndex((x) => x.f.name === name) >= 0 ? wfs.findIndex((x) => x.f.name === name) : wfs.findIndex((x) => aliases.includes(x.f.name));
      const rloc = at(rd.loc, 'fields', i);
      const fpath = [...path, name];
      if (wi < 0) {
        if ('default' in rf)
          this.report(added ? 'avro-field-added' : 'avro-field-removed', fpath, false, `field {path} was ${added ? 'added' : 'removed'}; ${added ? 'data written before' : 'what the new schema writes'} is read with its default ${json(rf.default)}`, rloc, wd.loc);
        else
          this.report(
            'avro-field-no-default',
            fpath,
            true,
            added ? 'field {path} was added without a default: data written before has no value for it' : 'field {path} was removed, and readers of the old schema have no default for it',
            rloc,
            wd.loc,
          );
        continue;
      }
      matched.add(wi);
      const w = wfs[wi];
      const wloc = at(wd.loc, 'fields', w.i);
      if (w.f.name !== name) {
        const [from, to] = added ? [w.f.name, name] : [name, w.f.name];
        this.report('avro-field-renamed', fpath, false, `field {path} was renamed: ${code(from)} became ${code(to)}, and the reader's aliases match the old name`, rloc, wloc, `${from}|${to}`);
      }
      this.match(fieldType(rd, i), fieldType(wd, w.i), fpath);
    }
    wfs.forEach((w, j) => {
      if (matched.has(j)) return;
      const fpath = [...path, w.f.name as string];
      this.report(added ? 'avro-field-removed' : 'avro-field-added', fpath, false, `field {path} was ${added ? 'removed; the new schema skips it in data written before' : 'added; readers of the old schema skip it'}`, rd.loc, at(wd.loc, 'fields', w.i));
    });
  }
}
