import { appendPointer } from '../load/pointer.js';
import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { Info, NamedComponent, SchemaNode, SecurityScheme } from './types.js';
import { refName } from './schema.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function child(loc: NodeLocation, ...tokens: (string | number)[]): NodeLocation {
  return { file: loc.file, pointer: appendPointer(loc.pointer, ...tokens) };
}

export function locKey(loc: NodeLocation): string {
  return `${loc.file}#${loc.pointer}`;
}

/** `x-` keys of an object. */
export function extensions(o: Obj | undefined): Obj {
  const out: Obj = {};
  if (o) for (const k of Object.keys(o)) if (k.startsWith('x-')) out[k] = o[k];
  return out;
}

/** Follow a `$ref` if the value is one; object result or undefined. */
export function derefObj(ws: Workspace, value: unknown, loc: NodeLocation): { value: Obj; source: NodeLocation } | undefined {
  const d = ws.deref(value, loc);
  if (!d || !isObj(d.value)) return undefined;
  return { value: d.value, source: d.location };
}

/** Entries of a map whose values may be `$ref`s; unresolvable ones are skipped (reported by the ref check). */
export function* entries(ws: Workspace, map: unknown, loc: NodeLocation): Generator<[string, Obj, NodeLocation]> {
  const m = ws.deref(map, loc);
  if (!m || !isObj(m.value)) return;
  for (const [k, v] of Object.entries(m.value)) {
    const d = derefObj(ws, v, child(m.location, k));
    if (d) yield [k, d.value, d.source];
  }
}

export function schemaNode(value: unknown, source: NodeLocation, format: string): SchemaNode | undefined {
  if (value === undefined) return undefined;
  const name = refName(value);
  return name ? { value, source, format, name } : { value, source, format };
}

export function tagNames(tags: unknown): string[] {
  return Array.isArray(tags) ? tags.map((t) => (isObj(t) ? str(t.name) : undefined)).filter((x): x is string => !!x) : [];
}

export function collectComponents(ws: Workspace, doc: Obj, root: NodeLocation): NamedComponent[] {
  const out: NamedComponent[] = [];
  const components = doc.components;
  if (!isObj(components)) return out;
  for (const [kind, section] of Object.entries(components)) {
    if (!isObj(section) || kind.startsWith('x-')) continue;
    for (const name of Object.keys(section)) out.push({ kind, name, source: child(root, 'components', kind, name) });
  }
  return out;
}

/** Deep merge used to apply AsyncAPI traits: the object's own fields win over its traits'. */
export function mergeTraits(target: Obj, traits: Obj[]): Obj {
  let acc: Obj = {};
  for (const t of traits) acc = deepMerge(acc, t);
  return deepMerge(acc, target);
}

function deepMerge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(out[k]) && isObj(v) && !('$ref' in v) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

/** `info` of either format. */
export function readInfo(doc: Obj, root: NodeLocation): Info {
  const info = isObj(doc.info) ? doc.info : {};
  return {
    title: str(info.title) ?? '',
    version: info.version === undefined ? '' : String(info.version),
    description: str(info.description),
    source: child(root, 'info'),
  };
}

/** `components.securitySchemes` of either format. */
export function readSecuritySchemes(ws: Workspace, doc: Obj, root: NodeLocation): SecurityScheme[] {
  const out: SecurityScheme[] = [];
  for (const [id, s, source] of entries(ws, (doc.components as Obj | undefined)?.securitySchemes, child(root, 'components', 'securitySchemes')))
    out.push({ id, type: String(s.type ?? ''), description: str(s.description), source });
  return out;
}
