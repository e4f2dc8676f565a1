/**
 * JSON Schema → TypeScript types. Every `$ref` target becomes a named declaration (so recursion is a
 * reference to a name, never an endless inline type), inline schemas become inline types, and
 * declarations are printed sorted by name so output is stable.
 *
 * Mapping: `const`/`enum` → literal types; `type` → primitives, arrays, tuples, object types;
 * `oneOf`/`anyOf` → unions (titled inline branches get their own names; a `discriminator` adds the
 * discriminating literal where the branch does not constrain it); `allOf` → intersections; an index
 * signature only where `additionalProperties` or `patternProperties` is declared; nothing maps to `any`.
 */
import type { NodeLocation, Workspace } from '../load/workspace.js';
import { appendPointer } from '../load/pointer.js';
import { refName } from '../model/schema.js';
import { docComment, literalType, propertyKey, stringLiteral } from './escape.js';
import { NameRegistry, pascalCase } from './naming.js';

type Obj = Record<string, unknown>;

interface Declaration {
  name: string;
  text: string;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const locKey = (l: NodeLocation) => `${l.file}#${l.pointer}`;
const at = (l: NodeLocation, ...t: (string | number)[]): NodeLocation => ({ file: l.file, pointer: appendPointer(l.pointer, ...t) });
const MAX_DEPTH = 40;

export class TypeEmitter {
  private readonly byLocation = new Map<string, string>();
  private readonly declarations = new Map<string, Declaration>();
  private readonly queue: { name: string; value: unknown; loc: NodeLocation }[] = [];

  constructor(
    private readonly ws: Workspace,
    readonly names: NameRegistry,
  ) {}

  /**
   * A named type for the schema at `loc` (a message payload or headers): a `$ref` keeps the name of the
   * component it points at; an inline schema is named `hint`.
   */
  named(value: unknown, loc: NodeLocation, hint: string): string {
    if (isObj(value) && typeof value.$ref === 'string') return this.ref(value, loc);
    return this.declare(value, loc, hint);
  }

  /** All declarations, sorted by name. */
  render(): string {
    this.flush();
    return [...this.declarations.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((d) => d.text)
      .join('\n');
  }

  get size(): number {
    this.flush();
    return this.declarations.size;
  }

  private declare(value: unknown, loc: NodeLocation, hint: string): string {
    const key = locKey(loc);
    const known = this.byLocation.get(key);
    if (known) return known;
    const name = this.names.take(pascalCase(hint));
    this.byLocation.set(key, name);
    this.queue.push({ name, value, loc });
    return name;
  }

  private ref(value: Obj, loc: NodeLocation): string {
    const d = this.ws.deref(value, loc);
    if (!d) return 'unknown';
    return this.declare(d.value, d.location, refName(value) ?? 'Schema');
  }

  private flush(): void {
    while (this.queue.length) {
      const { name, value, loc } = this.queue.shift()!;
      const doc = isObj(value) ? docComment(typeof value.description === 'string' ? value.description : undefined) : '';
      const body = this.type(value, loc, '', 0);
      const text = body.startsWith('{') && !isUnionOrIntersection(body) ? `${doc}export interface ${name} ${body}\n` : `${doc}export type ${name} = ${body};\n`;
      this.declarations.set(name, { name, text });
    }
  }

  /** The TypeScript type of a schema, printed at `indent`. */
  type(value: unknown, loc: NodeLocation, indent: string, depth: number): string {
    if (depth > MAX_DEPTH) return 'unknown';
    if (value === true) return 'unknown';
    if (value === false) return 'never';
    if (!isObj(value)) return 'unknown';
    if (typeof value.$ref === 'string') return this.ref(value, loc);
    const s = value;
    let base: string | undefined;
    if (Object.hasOwn(s, 'const')) base = literalType(s.const);
    else if (Array.isArray(s.enum)) base = s.enum.length ? unique(s.enum.map(literalType)).join(' | ') : 'never';
    else base = this.byType(s, loc, indent, depth);
    if (base !== undefined && s.nullable === true && base !== 'unknown') base = `${base} | null`;

    const parts: string[] = [];
    for (const k of ['oneOf', 'anyOf'] as const) {
      const branches = s[k];
      if (!Array.isArray(branches) || branches.length === 0) continue;
      const types = unique(branches.map((b, i) => this.branch(b, at(loc, k, i), s.discriminator, indent, depth)));
      parts.push(types.length > 1 ? `(${types.join(' | ')})` : types[0]);
    }
    if (Array.isArray(s.allOf))
      s.allOf.forEach((b, i) => {
        const t = this.type(b, at(loc, 'allOf', i), indent, depth + 1);
        if (t !== 'unknown') parts.push(isUnionOrIntersection(t) ? `(${t})` : t);
      });
    if (parts.length === 0) return base ?? 'unknown';
    if (base === undefined || base === BARE_OBJECT) return parts.length === 1 ? stripParens(parts[0]) : parts.join(' & ');
    return [isUnionOrIntersection(base) ? `(${base})` : base, ...parts].join(' & ');
  }

  private branch(b: unknown, loc: NodeLocation, discriminator: unknown, indent: string, depth: number): string {
    let t: string;
    let resolved: unknown = b;
    let name: string | undefined;
    if (isObj(b) && typeof b.$ref === 'string') {
      t = this.ref(b, loc);
      name = refName(b);
      resolved = this.ws.deref(b, loc)?.value;
    } else if (isObj(b) && typeof b.title === 'string' && (b.type === 'object' || isObj(b.properties))) {
      t = this.declare(b, loc, b.title);
    } else t = this.type(b, loc, indent, depth + 1);
    const prop = typeof discriminator === 'string' ? discriminator : isObj(discriminator) && typeof discriminator.propertyName === 'string' ? discriminator.propertyName : undefined;
    if (prop && name && isObj(resolved)) {
      const own = isObj(resolved.properties) ? resolved.properties[prop] : undefined;
      const constrained = isObj(own) && (Object.hasOwn(own, 'const') || Array.isArray(own.enum));
      if (!constrained) {
        const mapping = isObj(discriminator) && isObj(discriminator.mapping) ? discriminator.mapping : {};
        const values = Object.entries(mapping)
          .filter(([, target]) => typeof target === 'string' && (target === name || target.endsWith(`/${name}`)))
          .map(([k]) => k);
        const lits = (values.length ? values : [name]).map(stringLiteral).join(' | ');
        t = `(${t} & { ${propertyKey(prop)}: ${lits} })`;
      }
    }
    return isUnionOrIntersection(t) && !t.startsWith('(') ? `(${t})` : t;
  }

  private byType(s: Obj, loc: NodeLocation, indent: string, depth: number): string | undefined {
    let types: string[];
    if (Array.isArray(s.type)) types = s.type.filter((t): t is string => typeof t === 'string');
    else if (typeof s.type === 'string') types = [s.type];
    else if (isObj(s.properties) || s.additionalProperties !== undefined || Array.isArray(s.required)) types = ['object'];
    else if (s.items !== undefined || Array.isArray(s.prefixItems)) types = ['array'];
    else return undefined;
    const out = types.map((t) => {
      switch (t) {
        case 'string':
          return 'string';
        case 'number':
        case 'integer':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array':
          return this.array(s, loc, indent, depth);
        case 'object':
          return this.object(s, loc, indent, depth);
        default:
          return 'unknown';
      }
    });
    return unique(out).join(' | ');
  }

  private array(s: Obj, loc: NodeLocation, indent: string, depth: number): string {
    const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
    if (tuple) {
      const key = Array.isArray(s.prefixItems) ? 'prefixItems' : 'items';
      const elems = tuple.map((x, i) => this.type(x, at(loc, key, i), indent, depth + 1));
      const rest = key === 'prefixItems' ? s.items : s.additionalItems;
      if (rest === false) return `[${elems.join(', ')}]`;
      const restType = rest === undefined || rest === true ? 'unknown' : this.type(rest, at(loc, key === 'prefixItems' ? 'items' : 'additionalItems'), indent, depth + 1);
      return `[${[...elems, `...${wrapArray(restType)}[]`].join(', ')}]`;
    }
    if (s.items === undefined || s.items === true) return 'unknown[]';
    const t = this.type(s.items, at(loc, 'items'), indent, depth + 1);
    return `${wrapArray(t)}[]`;
  }

  private object(s: Obj, loc: NodeLocation, indent: string, depth: number): string {
    const props = isObj(s.properties) ? s.properties : {};
    const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
    const inner = `${indent}  `;
    const lines: string[] = [];
    for (const name of Object.keys(props)) {
      const p = props[name];
      const pd = isObj(p) && typeof p.$ref !== 'string' ? p : undefined;
      const doc = pd ? docComment(typeof pd.description === 'string' ? pd.description : undefined, inner) : '';
      const t = this.type(p, at(loc, 'properties', name), inner, depth + 1);
      lines.push(`${doc}${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${t};`);
    }
    // Required properties not described under `properties` still exist.
    for (const name of required) if (!Object.hasOwn(props, name)) lines.push(`${inner}${propertyKey(name)}: unknown;`);
    const ap = s.additionalProperties;
    const declaredIndex = (ap !== undefined && ap !== false) || isObj(s.patternProperties);
    if (declaredIndex) {
      const apType = ap === undefined || ap === true ? 'unknown' : this.type(ap, at(loc, 'additionalProperties'), inner, depth + 1);
      // An index signature must admit every declared property: a narrower one only without properties.
      const indexType = Object.keys(props).length === 0 && !isObj(s.patternProperties) ? apType : 'unknown';
      lines.push(`${inner}[key: string]: ${indexType};`);
    }
    if (lines.length === 0) return ap === false ? 'Record<string, never>' : BARE_OBJECT;
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

const BARE_OBJECT = '{ [key: string]: unknown }';

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function wrapArray(t: string): string {
  return /^[A-Za-z0-9_$.<>]+$/.test(t) || t.startsWith('{') ? t : `(${t})`;
}

/** Whether a type needs parentheses before `&`, `[]` (top-level `|` or `&`). */
function isUnionOrIntersection(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '{' || c === '(' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ')' || c === ']' || c === '>') depth--;
    else if (c === '"') {
      for (i++; i < t.length && t[i] !== '"'; i++) if (t[i] === '\\') i++;
    } else if (depth === 0 && (c === '|' || c === '&')) return true;
  }
  return false;
}

function stripParens(t: string): string {
  if (!t.startsWith('(') || !t.endsWith(')')) return t;
  const inner = t.slice(1, -1);
  let depth = 0;
  for (const c of inner) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return t;
  }
  return inner;
}
