// Reading an Avro schema as written (JSON, or YAML inline in a spec), with the location of every node:
// named types by full name, and each type reference resolved to what it stands for. Validation and the
// resolution-rule diff both read schemas through this; neither needs avsc for it.
//
// A `$ref` where a type stands (`{ "$ref": "./money.avsc" }`) is followed as the AsyncAPI parser does
// before its Avro parser runs: the target is inlined, keeping its own file and pointer for locations,
// and the enclosing namespace, as inlined text would. Every node is built by `node`, which follows it.
import { appendPointer } from '../../load/pointer.js';
import type { NodeLocation } from '../../load/workspace.js';
import type { SchemaNode } from '../../model/types.js';

export type Obj = Record<string, unknown>;

/** What follows a `$ref` (the Workspace); undefined for a target that does not resolve (the loader reports it). */
export interface RefReader {
  deref(value: unknown, loc: NodeLocation): { value: unknown; location: NodeLocation } | undefined;
}

/** A node of the schema: its value, where it is written, and the namespace names inside it are relative to. */
export interface At {
  value: unknown;
  loc: NodeLocation;
  ns: string;
  /** Follows `$ref`s met in the schema; without it a `$ref` is just an object. */
  refs?: RefReader;
  /** Where the `$ref` this node was reached through is written. */
  via?: NodeLocation;
  /** `$ref` targets (file#pointer) this node is inside: meeting one again would inline it forever. */
  within?: readonly string[];
  /** A `$ref` not followed because its target contains it. */
  cycle?: true;
}

const isRef = (v: unknown): v is { $ref: string } => isObj(v) && typeof v.$ref === 'string';
const key = (l: NodeLocation) => `${l.file}#${l.pointer}`;

/** A node written at `loc` inside `parent`, its `$ref` followed. */
export function node(parent: At, value: unknown, loc: NodeLocation, ns = parent.ns): At {
  return follow({ value, loc, ns, refs: parent.refs, within: parent.within });
}

function follow(a: At): At {
  if (!a.refs || !isRef(a.value)) return a;
  const d = a.refs.deref(a.value, a.loc);
  if (!d) return a;
  const k = key(d.location);
  if (a.within?.includes(k)) return { ...a, cycle: true };
  return { value: d.value, loc: d.location, ns: a.ns, refs: a.refs, via: a.loc, within: [...(a.within ?? []), k] };
}

/** The root of a payload schema, inline or behind a `$ref` (to an `.avsc` file, usually). */
export function rootOf(n: SchemaNode, refs: RefReader): At | undefined {
  const a = follow({ value: n.value, loc: n.source, ns: '', refs, within: [key(n.source)] });
  return isRef(a.value) ? undefined : a;
}

/** The type of field `i` of a record. */
export function fieldType(d: Named, i: number): At {
  const f = (d.value.fields as unknown[])[i] as Obj;
  return node(d.at, f.type, at(d.loc, 'fields', i, 'type'), d.inner);
}

/**
 * The schema with every `$ref` replaced by its target, as avsc (which knows no `$ref`) must see it.
 * A target met twice is inlined twice, as the AsyncAPI parser's dereferencing does (avsc then finds its
 * named type defined twice). Undefined when a `$ref` is inside its own target or does not resolve.
 */
export function inlined(a: At): unknown {
  try {
    return copy(a, new Map());
  } catch (e) {
    if (e === NOT_INLINED) return undefined;
    throw e;
  }
}

const NOT_INLINED = Symbol('not inlined');

/** `done`: copies by original, so that a node met again (a YAML alias, a second `$ref`) is copied once. */
function copy(a: At, done: Map<object, unknown>): unknown {
  if (a.cycle || isRef(a.value)) throw NOT_INLINED;
  const v = a.value;
  if (typeof v !== 'object' || v === null) return v;
  if (done.has(v)) return done.get(v);
  const sub = (value: unknown, ...tokens: (string | number)[]) => copy(node(a, value, at(a.loc, ...tokens)), done);
  if (Array.isArray(v)) {
    const list = v.map((b, i) => sub(b, i));
    done.set(v, list);
    return list;
  }
  const o = v as Obj;
  const out: Obj = { ...o };
  done.set(v, out);
  if ((o.type === 'record' || o.type === 'error') && Array.isArray(o.fields))
    out.fields = o.fields.map((f, i) => (isObj(f) && 'type' in f ? { ...f, type: sub(f.type, 'fields', i, 'type') } : f));
  else if (o.type === 'array' && 'items' in o) out.items = sub(o.items, 'items');
  else if (o.type === 'map' && 'values' in o) out.values = sub(o.values, 'values');
  else if (isObj(o.type) || Array.isArray(o.type)) out.type = sub(o.type, 'type');
  return out;
}

export const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
export const NAMED_KINDS = new Set(['record', 'error', 'enum', 'fixed']);

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function at(loc: NodeLocation, ...tokens: (string | number)[]): NodeLocation {
  return { file: loc.file, pointer: appendPointer(loc.pointer, ...tokens) };
}

/** `name` as a full name: names with a dot are full already; others take the namespace. */
export function fullName(name: string, ns: string): string {
  return name.includes('.') || !ns ? name : `${ns}.${name}`;
}

/** The last part of a full name (`com.acme.Order` → `Order`). */
export function shortName(full: string): string {
  return full.slice(full.lastIndexOf('.') + 1);
}

/** A record, enum or fixed definition. */
export interface Named {
  kind: 'record' | 'enum' | 'fixed';
  full: string;
  value: Obj;
  loc: NodeLocation;
  /** Namespace of names written inside it. */
  inner: string;
  /** Full names of its aliases (relative to its namespace). */
  aliases: string[];
  /** The node it is defined at. */
  at: At;
}

/** The full name and inner namespace of a named type definition written at `a`. */
export function definition(a: At): Named | undefined {
  const v = a.value;
  if (!isObj(v) || typeof v.type !== 'string' || !NAMED_KINDS.has(v.type) || typeof v.name !== 'string') return undefined;
  const ns = v.name.includes('.') ? v.name.slice(0, v.name.lastIndexOf('.')) : typeof v.namespace === 'string' ? v.namespace : a.ns;
  const full = fullName(v.name.includes('.') ? v.name : shortName(v.name), ns);
  const aliases = Array.isArray(v.aliases) ? v.aliases.filter((x): x is string => typeof x === 'string').map((x) => fullName(x, ns)) : [];
  return { kind: v.type === 'error' ? 'record' : (v.type as Named['kind']), full, value: v, loc: a.loc, inner: ns, aliases, at: a };
}

/** The nodes directly inside a type: record field types, items, values, union branches. */
export function children(a: At): At[] {
  const v = a.value;
  if (Array.isArray(v)) return v.map((b, i) => node(a, b, at(a.loc, i)));
  if (!isObj(v)) return [];
  const d = definition(a);
  const ns = d?.inner ?? a.ns;
  if ((v.type === 'record' || v.type === 'error') && Array.isArray(v.fields))
    return v.fields.flatMap((f, i) => (isObj(f) && 'type' in f ? [node(a, f.type, at(a.loc, 'fields', i, 'type'), ns)] : []));
  if (v.type === 'array' && 'items' in v) return [node(a, v.items, at(a.loc, 'items'), ns)];
  if (v.type === 'map' && 'values' in v) return [node(a, v.values, at(a.loc, 'values'), ns)];
  if (isObj(v.type) || Array.isArray(v.type)) return [node(a, v.type, at(a.loc, 'type'), ns)];
  return [];
}

/** Every node of the schema once, depth first and left to right (Avro's order of definitions). */
function walk(root: At, visit: (a: At) => void): void {
  const stack = [root];
  const seen = new Set<unknown>();
  while (stack.length) {
    const a = stack.pop()!;
    if (typeof a.value === 'object' && a.value !== null) {
      if (seen.has(a.value)) continue;
      seen.add(a.value);
    }
    visit(a);
    stack.push(...children(a).reverse());
  }
}

/** Where the nodes `$ref`s inside the schema lead to are written. */
export function refTargets(root: At): NodeLocation[] {
  const out: NodeLocation[] = [];
  walk(root, (a) => {
    if (a.via) out.push(a.loc);
  });
  return out;
}

/** Every named type defined in the schema, by full name (the first definition of a name wins). */
export function collectNamed(root: At): Map<string, Named> {
  const out = new Map<string, Named>();
  walk(root, (a) => {
    const d = definition(a);
    if (d && !out.has(d.full)) out.set(d.full, d);
  });
  return out;
}

/** What a type node stands for, with named references followed. */
export type Resolved =
  | { kind: 'primitive'; name: string; at: At }
  | { kind: 'named'; def: Named; at: At }
  | { kind: 'array'; items: At; at: At }
  | { kind: 'map'; values: At; at: At }
  | { kind: 'union'; branches: At[]; at: At }
  | { kind: 'unknown'; name: string; at: At };

export function resolve(a: At, names: Map<string, Named>): Resolved {
  const v = a.value;
  if (Array.isArray(v)) return { kind: 'union', branches: children(a), at: a };
  if (typeof v === 'string') {
    if (PRIMITIVES.has(v)) return { kind: 'primitive', name: v, at: a };
    const def = names.get(fullName(v, a.ns)) ?? names.get(v);
    return def ? { kind: 'named', def, at: a } : { kind: 'unknown', name: v, at: a };
  }
  if (!isObj(v)) return { kind: 'unknown', name: JSON.stringify(v) ?? String(v), at: a };
  const t = v.type;
  if (t === 'array') return { kind: 'array', items: node(a, v.items, at(a.loc, 'items')), at: a };
  if (t === 'map') return { kind: 'map', values: node(a, v.values, at(a.loc, 'values')), at: a };
  const def = definition(a);
  if (def) return { kind: 'named', def: names.get(def.full) ?? def, at: a };
  // `{ "type": "string", "logicalType": ... }`, `{ "type": "Order" }`, `{ "type": [...] }`.
  if (typeof t === 'string' || Array.isArray(t) || isObj(t)) return resolve(node(a, t, at(a.loc, 'type')), names);
  return { kind: 'unknown', name: JSON.stringify(v), at: a };
}

/** A short name of a resolved type for messages: `int`, `Order`, `array`, `union`. */
export function typeLabel(r: Resolved): string {
  switch (r.kind) {
    case 'primitive':
    case 'unknown':
      return r.name;
    case 'named':
      return shortName(r.def.full);
    default:
      return r.kind;
  }
}

/** Name of a union branch for matching and duplicate checks: primitives, `array`, `map`, full names. */
export function branchKey(r: Resolved): string {
  return r.kind === 'named' ? r.def.full : r.kind === 'primitive' || r.kind === 'unknown' ? r.name : r.kind;
}
