import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { ApiModel } from '../model/types.js';

export interface ExampleProblem {
  /** JSON pointer inside the example value (`/lineItems/0/quantity`), '' for the whole value. */
  instancePath: string;
  message: string;
}

/** Which way the example travels: OpenAPI requests skip `readOnly` properties, responses `writeOnly` ones. */
export type Direction = 'request' | 'response' | undefined;

type Obj = Record<string, unknown>;
type Format = boolean | RegExp | ((s: string) => boolean) | { type?: string; validate: boolean | RegExp | ((x: never) => boolean) };

const MAX_DEPTH = 256;

/**
 * Checks example values against schemas, interpreting the schema in place (no code generation).
 *
 * Why not Ajv here: examples are checked once per run, and compiling the schemas they use costs far more
 * than checking them. On GitHub's description (1,400 examples over most of its 900 schemas) Ajv spent
 * 2.4 s compiling; walking the schema next to the value takes a fraction of that. `$ref`s are followed
 * through the Workspace, so references across files resolve from the file each schema stands in.
 * Formats come from ajv-formats. Supported: JSON Schema draft-04 to 2020-12 validation keywords and
 * OpenAPI 3.0's `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`; `unevaluated*` and
 * `$dynamicRef` are not checked.
 */
export class ExampleValidator {
  private readonly ws: Workspace;
  /** OpenAPI 3.1 (JSON Schema 2020-12): keywords beside `$ref` apply, `items` follows `prefixItems`. */
  private readonly modern: boolean;
  private readonly openapi30: boolean;
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(model: ApiModel) {
    this.ws = model.workspace;
    this.modern = model.format === 'openapi' && !model.specVersion.startsWith('3.0');
    this.openapi30 = model.format === 'openapi' && model.specVersion.startsWith('3.0');
  }

  static async create(model: ApiModel): Promise<ExampleValidator> {
    return new ExampleValidator(model);
  }

  /** The first problem of `value` against the schema standing at `schema` (none: `[]`). */
  validate(schema: NodeLocation, value: unknown, direction?: Direction): ExampleProblem[] {
    const s = this.ws.get(schema);
    if (s === undefined) return [];
    const p = this.check(s, schema.file, value, '', direction, 0);
    return p ? [p] : [];
  }

  private check(schema: unknown, file: string, data: unknown, path: string, dir: Direction, depth: number): ExampleProblem | undefined {
    if (schema === true || schema === undefined) return undefined;
    if (schema === false) return { instancePath: path, message: 'must not be present (schema is `false`)' };
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || depth > MAX_DEPTH) return undefined;
    const s = schema as Obj;
    const fail = (message: string, at = path): ExampleProblem => ({ instancePath: at, message });

    if (typeof s.$ref === 'string') {
      const r = this.ws.resolveRef(s.$ref, file);
      if (r.ok) {
        const p = this.check(r.value, r.location.file, data, path, dir, depth + 1);
        if (p || !this.modern) return p;
      } else if (!this.modern) return undefined; // reported by the ref check
    }

    // Types.
    if (s.type !== undefined && !(data === null && s.nullable === true && this.openapi30)) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => hasType(t, data))) return fail(`must be ${types.join(' or ')}`);
    }
    if (s.const !== undefined && !equal(s.const, data)) return fail(`must be \`${JSON.stringify(s.const)}\``);
    if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, data)))
      return fail(`must be one of ${s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);

    if (typeof data === 'number') {
      const lim = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
      const min = lim('minimum');
      const max = lim('maximum');
      const exMin = s.exclusiveMinimum === true ? min : lim('exclusiveMinimum');
      const exMax = s.exclusiveMaximum === true ? max : lim('exclusiveMaximum');
      if (exMin !== undefined && !(data > exMin)) return fail(`must be > ${exMin}`);
      if (exMax !== undefined && !(data < exMax)) return fail(`must be < ${exMax}`);
      if (min !== undefined && s.exclusiveMinimum !== true && data < min) return fail(`must be >= ${min}`);
      if (max !== undefined && s.exclusiveMaximum !== true && data > max) return fail(`must be <= ${max}`);
      const m = lim('multipleOf');
      if (m !== undefined && m > 0) {
        const q = data / m;
        if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) return fail(`must be a multiple of ${m}`);
      }
    }

    if (typeof data === 'string') {
      if (typeof s.minLength === 'number' || typeof s.maxLength === 'number') {
        const len = [...data].length;
        if (typeof s.minLength === 'number' && len < s.minLength) return fail(`must have at least ${s.minLength} characters`);
        if (typeof s.maxLength === 'number' && len > s.maxLength) return fail(`must have at most ${s.maxLength} characters`);
      }
      if (typeof s.pattern === 'string') {
        const re = this.pattern(s.pattern);
        if (re && !re.test(data)) return fail(`must match pattern \`${s.pattern}\``);
      }
    }
    if (typeof s.format === 'string' && !checkFormat(s.format, data)) return fail(`must be a valid \`${s.format}\``);

    if (Array.isArray(data)) {
      if (typeof s.minItems === 'number' && data.length < s.minItems) return fail(`must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && data.length > s.maxItems) return fail(`must have at most ${s.maxItems} items`);
      if (s.uniqueItems === true)
        for (let i = 1; i < data.length; i++)
          for (let j = 0; j < i; j++) if (equal(data[i], data[j])) return fail(`must not have duplicate items (items ${j} and ${i} are equal)`);
      const tuple = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]) : Array.isArray(s.items) ? (s.items as unknown[]) : undefined;
      const rest = Array.isArray(s.prefixItems) ? s.items : Array.isArray(s.items) ? s.additionalItems : s.items;
      for (let i = 0; i < data.length; i++) {
        const sub = tuple && i < tuple.length ? tuple[i] : rest;
        if (sub === false) return fail(`must have at most ${tuple?.length ?? 0} items`);
        const p = this.check(sub, file, data[i], `${path}/${i}`, dir, depth + 1);
        if (p) return p;
      }
      if (s.contains !== undefined) {
        const n = data.filter((x) => !this.check(s.contains, file, x, path, dir, depth + 1)).length;
        const least = typeof s.minContains === 'number' ? s.minContains : 1;
        if (n < least) return fail('must contain an item matching `contains`');
        if (typeof s.maxContains === 'number' && n > s.maxContains) return fail(`must contain at most ${s.maxContains} items matching \`contains\``);
      }
    }

    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const o = data as Obj;
      const keys = Object.keys(o);
      if (typeof s.minProperties === 'number' && keys.length < s.minProperties) return fail(`must have at least ${s.minProperties} properties`);
      if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) return fail(`must have at most ${s.maxProperties} properties`);
      const props = isObj(s.properties) ? s.properties : undefined;
      if (Array.isArray(s.required))
        for (const name of s.required)
          if (typeof name === 'string' && !(name in o) && !this.skipped(props?.[name], file, dir))
            return fail(`must have required property \`${name}\``);
      const deps = isObj(s.dependentRequired) ? s.dependentRequired : isObj(s.dependencies) ? s.dependencies : undefined;
      if (deps)
        for (const [k, d] of Object.entries(deps)) {
          if (!(k in o)) continue;
          if (Array.isArray(d)) {
            const missing = d.find((x) => typeof x === 'string' && !(x in o));
            if (missing) return fail(`must have property \`${String(missing)}\` when \`${k}\` is present`);
          } else {
            const p = this.check(d, file, data, path, dir, depth + 1);
            if (p) return p;
          }
        }
      const patterns = isObj(s.patternProperties) ? Object.entries(s.patternProperties) : [];
      for (const k of keys) {
        const at = `${path}/${escape(k)}`;
        if (s.propertyNames !== undefined && this.check(s.propertyNames, file, k, at, dir, depth + 1)) return fail(`property name \`${k}\` is invalid`, at);
        let known = false;
        if (props && Object.prototype.hasOwnProperty.call(props, k)) {
          known = true;
          const p = this.check(props[k], file, o[k], at, dir, depth + 1);
          if (p) return p;
        }
        for (const [re, sub] of patterns) {
          const r = this.pattern(re);
          if (!r || !r.test(k)) continue;
          known = true;
          const p = this.check(sub, file, o[k], at, dir, depth + 1);
          if (p) return p;
        }
        if (!known && s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) return fail(`must not have property \`${k}\``);
          const p = this.check(s.additionalProperties, file, o[k], at, dir, depth + 1);
          if (p) return p;
        }
      }
    }

    if (Array.isArray(s.allOf))
      for (const sub of s.allOf) {
        const p = this.check(sub, file, data, path, dir, depth + 1);
        if (p) return p;
      }
    if (Array.isArray(s.anyOf) && s.anyOf.length && !s.anyOf.some((sub) => !this.check(sub, file, data, path, dir, depth + 1)))
      return fail('must match a schema of `anyOf`');
    if (Array.isArray(s.oneOf) && s.oneOf.length) {
      let passing = 0;
      for (const sub of s.oneOf) if (!this.check(sub, file, data, path, dir, depth + 1)) passing++;
      if (passing === 0) return fail('must match one schema of `oneOf`');
      if (passing > 1) return fail('must match exactly one schema of `oneOf`, but matches several');
    }
    if (s.not !== undefined && !this.check(s.not, file, data, path, dir, depth + 1)) return fail('must not match the schema of `not`');
    if (s.if !== undefined) {
      const branch = this.check(s.if, file, data, path, dir, depth + 1) ? s.else : s.then;
      if (branch !== undefined) {
        const p = this.check(branch, file, data, path, dir, depth + 1);
        if (p) return p;
      }
    }
    return undefined;
  }

  /** OpenAPI: a required `readOnly` property need not be in a request, nor a `writeOnly` one in a response. */
  private skipped(prop: unknown, file: string, dir: Direction): boolean {
    if (!dir || prop === undefined) return false;
    const d = this.ws.deref<unknown>(prop, { file, pointer: '' });
    const v = isObj(d?.value) ? d.value : isObj(prop) ? prop : undefined;
    return !!v && (dir === 'request' ? v.readOnly === true : v.writeOnly === true);
  }

  private pattern(source: string): RegExp | null {
    let re = this.patterns.get(source);
    if (re === undefined) {
      try {
        re = new RegExp(source, 'u');
      } catch {
        try {
          re = new RegExp(source);
        } catch {
          re = null; // an invalid pattern is the schema's problem, not the example's
        }
      }
      this.patterns.set(source, re);
    }
    return re;
  }
}

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasType(t: string, v: unknown): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObj(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
    case 'boolean':
      return typeof v === t;
    default:
      return true; // an unknown type name is the schema's problem
  }
}

function checkFormat(name: string, data: unknown): boolean {
  const f = (fullFormats as Record<string, Format | undefined>)[name];
  if (!f || f === true) return true; // unknown formats are annotations; `password`, `binary` accept anything
  const def = typeof f === 'object' && !(f instanceof RegExp) ? f : { type: 'string', validate: f };
  if (typeof data !== (def.type ?? 'string')) return true;
  const v = def.validate;
  if (typeof v === 'boolean') return v;
  return v instanceof RegExp ? v.test(data as string) : (v as (x: unknown) => boolean)(data);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => equal(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal((a as Obj)[k], (b as Obj)[k]));
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
