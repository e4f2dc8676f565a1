import { appendPointer } from '../../load/pointer.js';
import { isRefObject, type NodeLocation, type Workspace } from '../../load/workspace.js';
import { testPattern } from '../../model/pattern.js';

type Obj = Record<string, unknown>;

/** A value and where it stands. */
export interface At<T = unknown> {
  value: T;
  loc: NodeLocation;
}

export interface Bound {
  value: number;
  exclusive: boolean;
  loc: NodeLocation;
}

/**
 * A resolved schema, flattened for comparison: `$ref`s followed, `allOf` branches merged, `const` read as
 * a one-value `enum`, OpenAPI 3.0 `nullable` read as the `null` type, draft-4 boolean `exclusiveMaximum`
 * and draft-6 numeric `exclusiveMaximum` read as one bound. Children stay unresolved (`At` of the value
 * as written) so that recursion happens lazily, one memoised pair at a time.
 */
export interface View {
  /** Unique within its Viewer (memo keys). */
  id: number;
  loc: NodeLocation;
  /** The resolved schema as written, to compare it again as a whole. */
  self: At;

  /** `true`/`false` schema (or `{}`, `{not: {}}`). */
  bool?: boolean;
  /** Declared or inferred types; `integer` is kept apart from `number`. Undefined: any type. */
  types?: Set<string>;
  typesLoc?: NodeLocation;
  /** Keywords compared by value, with the location of each. */
  kw: Map<string, At>;
  props: Map<string, At>;
  required: Map<string, NodeLocation>;
  /** `additionalProperties`: undefined (open), a boolean, or a schema. */
  additional?: At;
  patternProps: Map<string, At>;
  items?: At;
  prefixItems: At[];
  enumValues?: At<unknown[]>;
  upper?: Bound;
  lower?: Bound;
  branches?: { kind: 'anyOf' | 'oneOf'; list: Branch[]; loc: NodeLocation };
  discriminator?: At<{ propertyName?: string; mapping?: Record<string, string> }>;
  /** `x-` keys. */
  ext: Map<string, At>;
}

export interface Branch extends At {
  /** Component name when the branch is a `$ref` (`Card`), else its title. */
  name?: string;
  index: number;
}

const COMPARED = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
  'multipleOf',
  'pattern',
  'format',
  'uniqueItems',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
  'description',
  'title',
  'example',
  'examples',
  'contentEncoding',
  'contentMediaType',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  // Compared as a whole by their own checks (contains.ts, conditional.ts, not.ts, ...): not recursed into.
  'contains',
  'minContains',
  'maxContains',
  'if',
  'then',
  'else',
  'not',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
] as const;
const COMPARED_SET: ReadonlySet<string> = new Set(COMPARED);

/**
 * A child location whose pointer is built only when read: views record a location for every keyword and
 * property of every schema, and only the few that end up in a change are ever looked at.
 */
class ChildLocation implements NodeLocation {
  private built?: string;
  constructor(
    private readonly parent: NodeLocation,
    private readonly a: string | number,
    private readonly b?: string | number,
  ) {}
  get file(): string {
    return this.parent.file;
  }
  get pointer(): string {
    return (this.built ??= this.b === undefined ? appendPointer(this.parent.pointer, this.a) : appendPointer(this.parent.pointer, this.a, this.b));
  }
}

function at(loc: NodeLocation, a: string | number, b?: string | number): NodeLocation {
  return new ChildLocation(loc, a, b);
}

/** Shared by every view without entries of a kind (most have no pattern properties or extensions). */
const NONE = new Map<string, never>();
const none = <T>() => NONE as unknown as Map<string, T>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function refName(value: unknown): string | undefined {
  if (!isObj(value) || typeof value.$ref !== 'string') return undefined;
  const ref = value.$ref;
  const frag = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : '';
  const last = frag.split('/').pop();
  if (last) return last.replace(/~1/g, '/').replace(/~0/g, '~');
  return ref.split('#')[0].split('/').pop()?.replace(/\.(ya?ml|json)$/, '');
}

/** Builds and caches views of one document's schemas. */
export class Viewer {
  /** By the object as written (a `$ref` object or a schema): the same parsed object always stands at the same place. */
  private byObject = new WeakMap<object, View | null>();
  private nextId = 0;

  constructor(readonly ws: Workspace) {}

  /** The view of the schema written at `loc` with value `value` (a `$ref` is followed); undefined when unresolvable. */
  view(value: unknown, loc: NodeLocation): View | undefined {
    if (value === null || typeof value !== 'object') return this.build(value, loc, new Set());
    const known = this.byObject.get(value);
    if (known !== undefined) return known ?? undefined;
    let target: unknown = value;
    let tloc = loc;
    if (isRefObject(value)) {
      const d = this.ws.deref<unknown>(value, loc);
      if (!d) {
        this.byObject.set(value, null);
        return undefined;
      }
      target = d.value;
      tloc = d.location;
      if (target !== null && typeof target === 'object') {
        const t = this.byObject.get(target);
        if (t !== undefined) {
          this.byObject.set(value, t);
          return t ?? undefined;
        }
      }
    }
    if (target !== null && typeof target === 'object') this.byObject.set(target, null); // allOf cycles end here
    const v = this.build(target, tloc, new Set(target !== null && typeof target === 'object' ? [target] : []));
    if (target !== null && typeof target === 'object') this.byObject.set(target, v);
    this.byObject.set(value, v);
    return v;
  }

  private build(value: unknown, loc: NodeLocation, seen: Set<object>): View {
    const v: View = { id: this.nextId++, loc, self: { value, loc }, kw: new Map(), props: none(), required: none(), patternProps: none(), prefixItems: [], ext: none() };
    if (typeof value === 'boolean') {
      v.bool = value;
      return v;
    }
    if (!isObj(value)) {
      v.bool = true;
      return v;
    }
    const o = value;
    // One pass over the keys the schema has (a handful) rather than a lookup per keyword it might have:
    // views are built for every schema of both documents.
    let keys = 0;
    for (const k in o) {
      keys++;
      if (COMPARED_SET.has(k)) {
        if (o[k] !== undefined) v.kw.set(k, { value: o[k], loc: at(loc, k) });
      } else if (k.charCodeAt(0) === 120 /* x */ && k.startsWith('x-') && k !== 'x-nullable') {
        if (v.ext === none()) v.ext = new Map();
        v.ext.set(k, { value: o[k], loc: at(loc, k) });
      }
    }
    if (keys === 0) v.bool = true;
    if (keys === 1 && isObj(o.not) && Object.keys(o.not).length === 0) v.bool = false;
    // types
    let types: Set<string> | undefined;
    if (typeof o.type === 'string') types = new Set([o.type]);
    else if (Array.isArray(o.type)) types = new Set(o.type.filter((t): t is string => typeof t === 'string'));
    if (types) {
      v.typesLoc = at(loc, 'type');
      if (o.nullable === true || o['x-nullable'] === true) types.add('null');
    }
    v.types = types;
    if (o.const !== undefined) v.enumValues = { value: [o.const], loc: at(loc, 'const') };
    else if (Array.isArray(o.enum)) {
      const values = o.nullable === true && !o.enum.includes(null) ? [...o.enum, null] : o.enum;
      v.enumValues = { value: values, loc: at(loc, 'enum') };
    }
    v.upper = bound(o, 'maximum', 'exclusiveMaximum', loc, Math.min);
    v.lower = bound(o, 'minimum', 'exclusiveMinimum', loc, Math.max);
    if (isObj(o.properties)) {
      v.props = new Map();
      for (const [k, p] of Object.entries(o.properties)) v.props.set(k, { value: p, loc: at(loc, 'properties', k) });
    }
    if (Array.isArray(o.required)) {
      v.required = new Map();
      o.required.forEach((r, i) => typeof r === 'string' && v.required.set(r, at(loc, 'required', i)));
    }
    if (o.additionalProperties !== undefined) v.additional = { value: o.additionalProperties, loc: at(loc, 'additionalProperties') };
    if (isObj(o.patternProperties)) {
      v.patternProps = new Map();
      for (const [k, p] of Object.entries(o.patternProperties)) v.patternProps.set(k, { value: p, loc: at(loc, 'patternProperties', k) });
    }
    if (Array.isArray(o.prefixItems)) o.prefixItems.forEach((p, i) => v.prefixItems.push({ value: p, loc: at(loc, 'prefixItems', i) }));
    if (Array.isArray(o.items)) o.items.forEach((p, i) => v.prefixItems.push({ value: p, loc: at(loc, 'items', i) }));
    else if (o.items !== undefined) v.items = { value: o.items, loc: at(loc, 'items') };
    if (Array.isArray(o.items) && o.additionalItems !== undefined) v.items = { value: o.additionalItems, loc: at(loc, 'additionalItems') };
    for (const kind of ['oneOf', 'anyOf'] as const)
      if (Array.isArray(o[kind]) && !v.branches) {
        const list = (o[kind] as unknown[]).map((b, i) => {
          const bloc = at(loc, kind, i);
          const d = this.ws.deref<unknown>(b, bloc);
          const title = d && isObj(d.value) && typeof d.value.title === 'string' ? d.value.title : undefined;
          // `allOf: [{$ref: Rule}, {$ref: RulesetInfo}]` is named by its first component.
          const composed = d && isObj(d.value) && Array.isArray(d.value.allOf) ? refName(d.value.allOf.find((x) => refName(x))) : undefined;
          return { value: b, loc: bloc, index: i, name: refName(b) ?? title ?? composed };
        });
        v.branches = { kind, list, loc: at(loc, kind) };
      }
    // `oneOf: [{const: a}, {const: b}]` (one type, values only) is the enum [a, b].
    if (v.branches && !v.enumValues && !v.props.size) {
      const bvs = v.branches.list.map((b) => this.view(b.value, b.loc));
      const t = bvs[0]?.types && bvs[0].types.size === 1 ? [...bvs[0].types][0] : undefined;
      if (
        t &&
        bvs.every((b) => b && b.enumValues && b.types?.size === 1 && b.types.has(t) && !b.props.size && !b.branches && !b.items) &&
        (!v.types || (v.types.size === 1 && v.types.has(t)))
      ) {
        v.enumValues = { value: bvs.flatMap((b) => b!.enumValues!.value), loc: v.branches.loc };
        v.types = new Set([t]);
        v.typesLoc ??= v.branches.loc;
        v.branches = undefined;
      }
    }
    if (isObj(o.discriminator)) v.discriminator = { value: o.discriminator as never, loc: at(loc, 'discriminator') };
    // allOf: merge every branch in (first definition of a keyword wins; properties and required add up).
    if (Array.isArray(o.allOf))
      o.allOf.forEach((b, i) => {
        const d = this.ws.deref<unknown>(b, at(loc, 'allOf', i));
        if (!d) return;
        if (d.value !== null && typeof d.value === 'object') {
          if (seen.has(d.value)) return;
          seen.add(d.value);
        }
        const bv = this.build(d.value, d.location, seen);
        merge(v, bv);
      });
    if (v.bool === true && Array.isArray(o.allOf)) v.bool = undefined;
    // Types implied by structure, when none is declared.
    if (!v.types && !v.branches && v.bool === undefined) {
      if (v.props.size || v.required.size || v.additional || v.patternProps.size) v.types = new Set(['object']);
      else if (v.items || v.prefixItems.length) v.types = new Set(['array']);
    }
    return v;
  }
}

function bound(o: Obj, inclusiveKey: string, exclusiveKey: string, loc: NodeLocation, pick: (a: number, b: number) => number): Bound | undefined {
  const inc = typeof o[inclusiveKey] === 'number' ? (o[inclusiveKey] as number) : undefined;
  const ex = o[exclusiveKey];
  if (typeof ex === 'number') {
    if (inc === undefined || pick(inc, ex) === ex) return { value: ex, exclusive: true, loc: at(loc, exclusiveKey) };
    return { value: inc, exclusive: false, loc: at(loc, inclusiveKey) };
  }
  if (inc === undefined) return undefined;
  return { value: inc, exclusive: ex === true, loc: at(loc, inclusiveKey) };
}

function merge(into: View, from: View): void {
  if (from.bool === false) into.bool = false;
  if (from.types) {
    if (!into.types) ((into.types = new Set(from.types)), (into.typesLoc = from.typesLoc));
    else {
      const both = new Set([...into.types].filter((t) => from.types!.has(t) || (t === 'integer' && from.types!.has('number'))));
      for (const t of from.types) if (t === 'integer' && into.types.has('number')) both.add('integer');
      into.types = both;
    }
  }
  const add = <T>(to: Map<string, T>, src: Map<string, T>): Map<string, T> => {
    if (src.size === 0) return to;
    const out = to === none<T>() ? new Map<string, T>() : to;
    for (const [k, a] of src) if (!out.has(k)) out.set(k, a);
    return out;
  };
  for (const [k, a] of from.kw) if (!into.kw.has(k)) into.kw.set(k, a);
  into.props = add(into.props, from.props);
  into.required = add(into.required, from.required);
  into.patternProps = add(into.patternProps, from.patternProps);
  into.ext = add(into.ext, from.ext);
  into.additional ??= from.additional;
  into.items ??= from.items;
  if (!into.prefixItems.length) into.prefixItems = from.prefixItems;
  into.enumValues ??= from.enumValues;
  into.upper ??= from.upper;
  into.lower ??= from.lower;
  into.branches ??= from.branches;
  into.discriminator ??= from.discriminator;
}

/** `number` includes `integer`: does type set `a` admit every value of type `t`? */
export function admits(a: Set<string>, t: string): boolean {
  return a.has(t) || (t === 'integer' && a.has('number'));
}

/** Component name (`/components/schemas/Card`, `/definitions/Card`, `$defs`) or `title`: what a branch is called. */
export function viewName(v: View): string | undefined {
  const o = v.self.value;
  return componentOf(v.loc) ?? (isObj(o) && typeof o.title === 'string' ? o.title : undefined);
}

function componentOf(loc: NodeLocation): string | undefined {
  const m = /\/(?:schemas|definitions|\$defs)\/([^/]+)$/.exec(loc.pointer);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** A union with nothing else: `oneOf`/`anyOf` and no type, properties, items or enum of its own. */
export function pureUnion(v: View): boolean {
  return !!v.branches && !v.types && v.props.size === 0 && !v.items && !v.enumValues && v.prefixItems.length === 0;
}

/**
 * The one schema `v` holds an unlisted property `name` to: the `patternProperties` schema whose pattern
 * matches it, else an `additionalProperties` schema. Undefined when that is not one known schema (no
 * constraint, several or undecidable patterns, or the name refused).
 */
export function unlistedSchema(v: View, name: string): At | undefined {
  const matching: At[] = [];
  for (const [re, s] of v.patternProps) {
    const hit = testPattern(re, name);
    if (hit === undefined) return undefined;
    if (hit) matching.push(s);
  }
  if (matching.length) return matching.length === 1 ? matching[0] : undefined;
  const a = v.additional;
  return a && a.value !== null && typeof a.value === 'object' ? a : undefined;
}
