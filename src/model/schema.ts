import { appendPointer, isPointer, parsePointer } from '../load/pointer.js';
import type { NodeLocation, Workspace } from '../load/workspace.js';
import { specPattern } from './pattern.js';
import type { SchemaNode } from './types.js';

type Obj = Record<string, unknown>;

export interface FoundSchema {
  value: Obj | boolean;
  source: NodeLocation;
}

/**
 * Find the subschema that describes the instance at `pointer` (e.g. `/customer/id`) inside a schema:
 * through `properties`, `patternProperties`, `additionalProperties`, `items`/`prefixItems`, and every
 * branch of `allOf`/`anyOf`/`oneOf`, following `$ref`s. Returns every schema that declares it (one per
 * branch), or an empty list when no branch does.
 */
export function findInstanceSchemas(ws: Workspace, schema: SchemaNode, pointer: string): FoundSchema[] {
  let current: FoundSchema[] = expand(ws, { value: schema.value as Obj, source: schema.source });
  for (const token of parsePointer(pointer)) {
    const next: FoundSchema[] = [];
    for (const s of current) {
      if (typeof s.value !== 'object') {
        if (s.value === true) continue; // `true` allows anything but declares nothing
        continue;
      }
      const v = s.value;
      const props = v.properties as Obj | undefined;
      if (props && typeof props === 'object' && Object.prototype.hasOwnProperty.call(props, token)) {
        next.push(...expand(ws, { value: props[token] as Obj, source: at(s.source, 'properties', token) }));
        continue;
      }
      if (/^\d+$/.test(token)) {
        const prefix = v.prefixItems as unknown[] | undefined;
        const idx = Number(token);
        if (Array.isArray(prefix) && idx < prefix.length) {
          next.push(...expand(ws, { value: prefix[idx] as Obj, source: at(s.source, 'prefixItems', idx) }));
          continue;
        }
        if (Array.isArray(v.items) && idx < v.items.length) {
          next.push(...expand(ws, { value: v.items[idx] as Obj, source: at(s.source, 'items', idx) }));
          continue;
        }
        if (v.items && typeof v.items === 'object' && !Array.isArray(v.items)) {
          next.push(...expand(ws, { value: v.items as Obj, source: at(s.source, 'items') }));
          continue;
        }
      }
      const pattern = v.patternProperties as Obj | undefined;
      if (pattern && typeof pattern === 'object') {
        for (const [re, sub] of Object.entries(pattern)) {
          // An invalid pattern is reported by validation; one RE2 cannot run may cover the name, so it counts.
          const p = specPattern(re);
          if (p.kind === 'unsupported' || (p.kind === 'ok' && p.test(token) !== false))
            next.push(...expand(ws, { value: sub as Obj, source: at(s.source, 'patternProperties', re) }));
        }
      }
      if (v.additionalProperties && typeof v.additionalProperties === 'object')
        next.push(...expand(ws, { value: v.additionalProperties as Obj, source: at(s.source, 'additionalProperties') }));
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

function at(loc: NodeLocation, ...tokens: (string | number)[]): NodeLocation {
  return { file: loc.file, pointer: appendPointer(loc.pointer, ...tokens) };
}

/** A schema and, recursively, the branches of its allOf/anyOf/oneOf, with `$ref`s followed. */
export function expand(ws: Workspace, s: FoundSchema, seen = new Set<string>()): FoundSchema[] {
  const d = ws.deref<Obj | boolean>(s.value, s.source);
  if (!d) return [];
  const key = `${d.location.file}#${d.location.pointer}`;
  if (seen.has(key)) return [];
  seen.add(key);
  const out: FoundSchema[] = [{ value: d.value, source: d.location }];
  if (d.value && typeof d.value === 'object') {
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = (d.value as Obj)[k];
      if (Array.isArray(branches))
        branches.forEach((b, i) => out.push(...expand(ws, { value: b as Obj, source: at(d.location, k, i) }, seen)));
    }
  }
  return out;
}

/** The schema behind a possible `$ref`, or undefined when it cannot be resolved. */
export function derefSchema(ws: Workspace, node: SchemaNode): FoundSchema | undefined {
  const d = ws.deref<Obj | boolean>(node.value, node.source);
  return d ? { value: d.value, source: d.location } : undefined;
}

/** Component name of a `$ref` like `#/components/schemas/Money` (or `money.yaml#/Money`). */
export function refName(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || typeof (value as Obj).$ref !== 'string') return undefined;
  const ref = (value as Obj).$ref as string;
  const frag = ref.includes('#') ? ref.slice(ref.indexOf('#') + 1) : '';
  // A fragment that is no pointer (`#UserSignedUp`, reported as invalid-ref-pointer) is a name already.
  const tokens = !frag ? [] : isPointer(frag) ? parsePointer(frag) : [frag];
  const last = tokens[tokens.length - 1];
  if (last) return last;
  const file = ref.split('#')[0].split('/').pop();
  return file?.replace(/\.(ya?ml|json)$/, '').replace(/\.schema$/, '');
}

export interface VisitedSchema {
  value: Obj;
  /** Where the schema stands; computed on demand (most visits report nothing). */
  location(): NodeLocation;
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'] as const;
const SUBSCHEMA_ONE = ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'] as const;
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'] as const;

/** A stack entry: its pointer is built from the parent chain only when asked for. */
interface Pending {
  value: unknown;
  file: string;
  base?: Pending;
  token?: string | number;
  pointer?: string;
}

function pointerOf(p: Pending): string {
  if (p.pointer === undefined) p.pointer = appendPointer(pointerOf(p.base!), p.token!);
  return p.pointer;
}

/**
 * Visit every distinct schema object reachable from `roots` (through subschema keywords and `$ref`s),
 * once each (by identity), so shared and recursive schemas cost one visit. Iterative: deep schemas are
 * safe. Pointers are not built unless a visitor asks for a location (the walk over Stripe's schemas
 * builds hundreds of thousands otherwise).
 */
export function walkSchemas(ws: Workspace, roots: Iterable<{ value: unknown; source: NodeLocation }>, visit: (s: VisitedSchema) => void): void {
  const seen = new Set<object>();
  const stack: Pending[] = [];
  for (const r of roots) stack.push({ value: r.value, file: r.source.file, pointer: r.source.pointer });
  while (stack.length) {
    let item = stack.pop()!;
    let v = item.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    if (typeof (v as Obj).$ref === 'string') {
      const r = ws.resolveRef((v as Obj).$ref as string, item.file);
      if (!r.ok) continue;
      item = { value: r.value, file: r.location.file, pointer: r.location.pointer };
      v = r.value;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    }
    if (seen.has(v)) continue;
    seen.add(v);
    const o = v as Obj;
    const here = item;
    visit({ value: o, location: () => ({ file: here.file, pointer: pointerOf(here) }) });
    for (const k of SUBSCHEMA_MAPS) {
      const m = o[k];
      if (m && typeof m === 'object' && !Array.isArray(m)) {
        const mapItem: Pending = { value: m, file: here.file, base: here, token: k };
        for (const name of Object.keys(m)) stack.push({ value: (m as Obj)[name], file: here.file, base: mapItem, token: name });
      }
    }
    for (const k of SUBSCHEMA_ONE) {
      const sub = o[k];
      if (sub && typeof sub === 'object' && !Array.isArray(sub)) stack.push({ value: sub, file: here.file, base: here, token: k });
    }
    for (const k of SUBSCHEMA_LISTS) {
      const list = o[k];
      if (Array.isArray(list)) {
        const listItem: Pending = { value: list, file: here.file, base: here, token: k };
        for (let i = 0; i < list.length; i++) stack.push({ value: list[i], file: here.file, base: listItem, token: i });
      }
    }
  }
}

/** Every schema root a model declares: message payloads and headers, parameters, and `components.schemas`. */
export function schemaRoots(model: { messages: { payload?: SchemaNode; headers?: SchemaNode; headerParameters?: { schema?: SchemaNode }[] }[]; channels: { parameters: { schema?: SchemaNode }[] }[]; operations: { http?: { parameters: { schema?: SchemaNode }[] } }[]; document: Obj; file: string }): { value: unknown; source: NodeLocation }[] {
  const roots: { value: unknown; source: NodeLocation }[] = [];
  const add = (s?: SchemaNode) => s && (s.format.includes('avro') || s.format.includes('protobuf') || s.format.includes('raml') ? undefined : roots.push(s));
  for (const m of model.messages) {
    add(m.payload);
    add(m.headers);
    for (const h of m.headerParameters ?? []) add(h.schema);
  }
  for (const c of model.channels) for (const p of c.parameters) add(p.schema);
  for (const o of model.operations) for (const p of o.http?.parameters ?? []) add(p.schema);
  const comps = model.document.components as Obj | undefined;
  if (comps && typeof comps.schemas === 'object' && comps.schemas && !Array.isArray(comps.schemas))
    for (const name of Object.keys(comps.schemas as Obj))
      roots.push({ value: (comps.schemas as Obj)[name], source: { file: model.file, pointer: `/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` } });
  return roots;
}
