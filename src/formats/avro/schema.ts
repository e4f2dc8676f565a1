// Reading an Avro schema as written (JSON, or YAML inline in a spec), with the location of every node:
// named types by full name, and each type reference resolved to what it stands for. Validation and the
// resolution-rule diff both read schemas through this; neither needs avsc for it.
import { appendPointer } from '../../load/pointer.js';
import type { NodeLocation } from '../../load/workspace.js';

export type Obj = Record<string, unknown>;

/** A node of the schema: its value, where it is written, and the namespace names inside it are relative to. */
export interface At {
  value: unknown;
  loc: NodeLocation;
  ns: string;
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
}

/** The full name and inner namespace of a named type definition written at `a`. */
export function definition(a: At): Named | undefined {
  const v = a.value;
  if (!isObj(v) || typeof v.type !== 'string' || !NAMED_KINDS.has(v.type) || typeof v.name !== 'string') return undefined;
  const ns = v.name.includes('.') ? v.name.slice(0, v.name.lastIndexOf('.')) : typeof v.namespace === 'string' ? v.namespace : a.ns;
  const full = fullName(v.name.includes('.') ? v.name : shortName(v.name), ns);
  const aliases = Array.isArray(v.aliases) ? v.aliases.filter((x): x is string => typeof x === 'string').map((x) => fullName(x, ns)) : [];
  return { kind: v.type === 'error' ? 'record' : (v.type as Named['kind']), full, value: v, loc: a.loc, inner: ns, aliases };
}

/** The nodes directly inside a type: record field types, items, values, union branches. */
export function children(a: At): At[] {
  const v = a.value;
  if (Array.isArray(v)) return v.map((b, i) => ({ value: b, loc: at(a.loc, i), ns: a.ns }));
  if (!isObj(v)) return [];
  const d = definition(a);
  const ns = d?.inner ?? a.ns;
  if ((v.type === 'record' || v.type === 'error') && Array.isArray(v.fields))
    return v.fields.flatMap((f, i) => (isObj(f) && 'type' in f ? [{ value: f.type, loc: at(a.loc, 'fields', i, 'type'), ns }] : []));
  if (v.type === 'array' && 'items' in v) return [{ value: v.items, loc: at(a.loc, 'items'), ns }];
  if (v.type === 'map' && 'values' in v) return [{ value: v.values, loc: at(a.loc, 'values'), ns }];
  if (isObj(v.type) || Array.isArray(v.type)) return [{ value: v.type, loc: at(a.loc, 'type'), ns }];
  return [];
}

/** Every named type defined in the schema, by full name (the first definition of a name wins). */
export function collectNamed(root: At): Map<string, Named> {
  const out = new Map<string, Named>();
  const stack = [root];
  const seen = new Set<unknown>();
  while (stack.length) {
    const a = stack.pop()!;
    if (typeof a.value === 'object' && a.value !== null) {
      if (seen.has(a.value)) continue;
      seen.add(a.value);
    }
    const d = definition(a);
    if (d && !out.has(d.full)) out.set(d.full, d);
    stack.push(...children(a).reverse());
  }
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
  if (t === 'array') return { kind: 'array', items: { value: v.items, loc: at(a.loc, 'items'), ns: a.ns }, at: a };
  if (t === 'map') return { kind: 'map', values: { value: v.values, loc: at(a.loc, 'values'), ns: a.ns }, at: a };
  const def = definition(a);
  if (def) return { kind: 'named', def: names.get(def.full) ?? def, at: a };
  // `{ "type": "string", "logicalType": ... }`, `{ "type": "Order" }`, `{ "type": [...] }`.
  if (typeof t === 'string' || Array.isArray(t) || isObj(t)) return resolve({ value: t, loc: at(a.loc, 'type'), ns: a.ns }, names);
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
