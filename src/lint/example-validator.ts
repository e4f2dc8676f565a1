import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { NodeLocation, Workspace } from '../load/workspace.js';
import { specPattern } from '../model/pattern.js';
import type { ApiModel } from '../model/types.js';

export interface ExampleProblem {
  /** JSON pointer inside the example value (`/lineItems/0/quantity`), '' for the whole value. */
  instancePath: string;
  message: string;
  /**
   * No verdict: the example could not be checked, and `message` says why (a pattern RE2 cannot run, a
   * schema that refers to itself for the same value, or more work than an example may take).
   */
  unchecked?: Unchecked;
}

/** Why an example has no verdict: a pattern RE2 cannot run, a schema that refers back to itself, or too much work. */
export type Unchecked = 'pattern' | 'cycle' | 'too-complex';

/** Which way the example travels: OpenAPI requests skip `readOnly` properties, responses `writeOnly` ones. */
export type Direction = 'request' | 'response' | undefined;

type Obj = Record<string, unknown>;
type Format = boolean | RegExp | ((s: string) => boolean) | { type?: string; validate: boolean | RegExp | ((x: never) => boolean) };

/**
 * A failure, or (`unknown`) no verdict; `at` is relative to the value checked, so one result serves every
 * place the same value stands.
 */
interface Finding {
  at: string;
  message: string;
  unknown?: Unchecked;
}
/** `undefined`: the value is valid. */
type Verdict = Finding | undefined;

const MAX_DEPTH = 256;
/**
 * Work one example may take, in steps (a schema visited, an `enum` entry or a pair of `uniqueItems`
 * compared, a pattern run over a text, by RE2's program size times the text's length): the most any
 * example of GitHub's description takes is under 4,000 steps, and 2,000,000 take about 0.2 s.
 */
export const EXAMPLE_BUDGET = 2_000_000;
/** All examples of one document may take this many examples' budgets (GitHub's 1,400 take under 100,000 steps). */
const DOCUMENT_BUDGETS = 10;
const IN_PROGRESS: Finding = { at: '', message: 'in progress', unknown: 'cycle' };

class TooComplex extends Error {}

const SUBSCHEMA_KEYS = new Set(['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'items', 'prefixItems', 'additionalItems', 'contains', 'properties', 'patternProperties', 'additionalProperties', 'propertyNames', 'dependencies', 'dependentSchemas']);

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
 *
 * Specs are untrusted, so the work is bounded: each (schema, value, direction) is checked once per
 * example (memoised: `allOf: [$ref: S, $ref: S]` forty levels deep is eighty visits, not 2^40), a schema
 * met again for the same value while it is being checked has no verdict instead of recursing, patterns
 * run on RE2 (src/model/pattern.ts), and an example that needs more than EXAMPLE_BUDGET steps gets no
 * verdict. Where a part has no verdict the logic is three-valued: a failure elsewhere still counts, an
 * `anyOf` branch that passes still decides, and otherwise the example is reported as not checked.
 */
export class ExampleValidator {
  private readonly ws: Workspace;
  /** OpenAPI 3.1 (JSON Schema 2020-12): keywords beside `$ref` apply, `items` follows `prefixItems`. */
  private readonly modern: boolean;
  private readonly openapi30: boolean;
  /** Per example: schema → value → verdict, one map per direction. */
  private memo = new Map<Direction, Map<object, Map<unknown, Verdict>>>();
  private steps = 0;
  private total = 0;
  private readonly hasSubschemas = new WeakMap<object, boolean>();
  private readonly budget: number;

  constructor(model: ApiModel, budget = EXAMPLE_BUDGET) {
    this.ws = model.workspace;
    this.modern = model.format === 'openapi' && !model.specVersion.startsWith('3.0');
    this.openapi30 = model.format === 'openapi' && model.specVersion.startsWith('3.0');
    this.budget = budget;
  }

  static async create(model: ApiModel): Promise<ExampleValidator> {
    return new ExampleValidator(model);
  }

  /** The first problem of `value` against the schema standing at `schema` (none: `[]`), or why it has no verdict. */
  validate(schema: NodeLocation, value: unknown, direction?: Direction): ExampleProblem[] {
    const s = this.ws.get(schema);
    if (s === undefined) return [];
    this.steps = 0;
    let v: Verdict;
    try {
      v = this.check(s, schema.file, value, direction, 0);
    } catch (e) {
      if (!(e instanceof TooComplex)) throw e;
      return [{ instancePath: '', message: e.message, unchecked: 'too-complex' }];
    } finally {
      this.memo = new Map();
    }
    if (!v) return [];
    return [v.unknown ? { instancePath: v.at, message: v.message, unchecked: v.unknown } : { instancePath: v.at, message: v.message }];
  }

  /** Steps this check took so far (for measuring the budget). */
  get spent(): number {
    return this.steps;
  }

  private spend(n: number): void {
    this.steps += n;
    this.total += n;
    if (this.steps > this.budget) throw new TooComplex(`too complex to check (more than ${thousands(this.budget)} steps)`);
    if (this.total > this.budget * DOCUMENT_BUDGETS)
      throw new TooComplex(`too complex to check (the examples before it took more than ${thousands(this.budget * DOCUMENT_BUDGETS)} steps together)`);
  }

  private check(schema: unknown, file: string, data: unknown, dir: Direction, depth: number): Verdict {
    if (schema === true || schema === undefined) return undefined;
    if (schema === false) return { at: '', message: 'must not be present (schema is `false`)' };
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
    this.spend(1);
    if (depth > MAX_DEPTH) throw new TooComplex(`too complex to check (schemas nested more than ${MAX_DEPTH} levels deep)`);
    // A schema without subschemas costs no more to check again than to look up: only the others are memoised.
    if (!this.branches(schema as Obj)) return this.checkOnce(schema as Obj, file, data, dir, depth);
    let byValue = this.memo.get(dir)?.get(schema);
    if (byValue?.has(data)) {
      const v = byValue.get(data);
      return v === IN_PROGRESS ? { at: '', message: 'a schema refers back to itself for the same value', unknown: 'cycle' } : v;
    }
    if (!byValue) {
      let bySchema = this.memo.get(dir);
      if (!bySchema) this.memo.set(dir, (bySchema = new Map()));
      bySchema.set(schema, (byValue = new Map()));
    }
    byValue.set(data, IN_PROGRESS);
    const v = this.checkOnce(schema as Obj, file, data, dir, depth);
    byValue.set(data, v);
    return v;
  }

  private checkOnce(s: Obj, file: string, data: unknown, dir: Direction, depth: number): Verdict {
    const fail = (message: string, at = ''): Finding => ({ at, message });
    const sub = (schema: unknown, value: unknown, f = file) => this.check(schema, f, value, dir, depth + 1);
    // A part without a verdict does not stop the check: a definite failure later still counts.
    let unknown: Finding | undefined;
    const need = (v: Verdict, prefix = ''): Finding | undefined => {
      if (!v) return undefined;
      const at = prefix + v.at;
      if (!v.unknown) return at === v.at ? v : { at, message: v.message };
      unknown ??= { at, message: v.message, unknown: v.unknown };
      return undefined;
    };

    if (typeof s.$ref === 'string') {
      const r = this.ws.resolveRef(s.$ref, file);
      if (r.ok) {
        const target = r.value;
        const v =
          target !== null && typeof target === 'object' && this.memo.get(dir)?.get(target)?.get(data) === IN_PROGRESS
            ? { at: '', message: `schema \`${s.$ref}\` refers back to itself for the same value`, unknown: 'cycle' as const }
            : sub(target, data, r.location.file);
        if (!this.modern) return v;
        const f = need(v);
        if (f) return f;
      } else if (!this.modern) return undefined; // reported by the ref check
    }

    // Types.
    if (s.type !== undefined && !(data === null && s.nullable === true && this.openapi30)) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => hasType(t, data))) return fail(`must be ${types.join(' or ')}`);
    }
    if (s.const !== undefined && !equal(s.const, data)) return fail(`must be \`${JSON.stringify(s.const)}\``);
    if (Array.isArray(s.enum)) {
      this.spend(s.enum.length);
      if (!s.enum.some((e) => equal(e, data))) return fail(`must be one of ${s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}`);
    }

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
        const m = this.matches(s.pattern, data);
        if (m === false) return fail(`must match pattern \`${s.pattern}\``);
        if (typeof m === 'object') need(m);
      }
    }
    if (typeof s.format === 'string' && !checkFormat(s.format, data)) return fail(`must be a valid \`${s.format}\``);

    if (Array.isArray(data)) {
      if (typeof s.minItems === 'number' && data.length < s.minItems) return fail(`must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && data.length > s.maxItems) return fail(`must have at most ${s.maxItems} items`);
      if (s.uniqueItems === true) {
        this.spend((data.length * (data.length - 1)) / 2);
        for (let i = 1; i < data.length; i++)
          for (let j = 0; j < i; j++) if (equal(data[i], data[j])) return fail(`must not have duplicate items (items ${j} and ${i} are equal)`);
      }
      const tuple = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]) : Array.isArray(s.items) ? (s.items as unknown[]) : undefined;
      const rest = Array.isArray(s.prefixItems) ? s.items : Array.isArray(s.items) ? s.additionalItems : s.items;
      for (let i = 0; i < data.length; i++) {
        const schema = tuple && i < tuple.length ? tuple[i] : rest;
        if (schema === false) return fail(`must have at most ${tuple?.length ?? 0} items`);
        const f = need(sub(schema, data[i]), `/${i}`);
        if (f) return f;
      }
      if (s.contains !== undefined) {
        let n = 0;
        let maybe = 0; // items without a verdict, which may or may not match
        let open: Finding | undefined;
        for (const x of data) {
          const v = sub(s.contains, x);
          if (!v) n++;
          else if (v.unknown) {
            maybe++;
            open ??= v;
          }
        }
        const least = typeof s.minContains === 'number' ? s.minContains : 1;
        const most = typeof s.maxContains === 'number' ? s.maxContains : Infinity;
        if (n + maybe < least) return fail('must contain an item matching `contains`');
        if (n > most) return fail(`must contain at most ${most} items matching \`contains\``);
        if (n < least || n + maybe > most) need(open);
      }
    }

    if (isObj(data)) {
      const keys = Object.keys(data);
      const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
      if (typeof s.minProperties === 'number' && keys.length < s.minProperties) return fail(`must have at least ${s.minProperties} properties`);
      if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) return fail(`must have at most ${s.maxProperties} properties`);
      const props = isObj(s.properties) ? s.properties : undefined;
      const prop = (k: string) => (props && Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined);
      if (Array.isArray(s.required))
        for (const name of s.required)
          if (typeof name === 'string' && !has(name) && !this.skipped(prop(name), file, dir)) return fail(`must have required property \`${name}\``);
      const deps = isObj(s.dependentRequired) ? s.dependentRequired : isObj(s.dependencies) ? s.dependencies : undefined;
      if (deps)
        for (const [k, d] of Object.entries(deps)) {
          if (!has(k)) continue;
          if (Array.isArray(d)) {
            const missing = d.find((x) => typeof x === 'string' && !has(x));
            if (missing) return fail(`must have property \`${String(missing)}\` when \`${k}\` is present`);
          } else {
            const f = need(sub(d, data));
            if (f) return f;
          }
        }
      const patterns = isObj(s.patternProperties) ? Object.entries(s.patternProperties) : [];
      for (const k of keys) {
        this.spend(1 + patterns.length);
        const at = `/${escape(k)}`;
        if (s.propertyNames !== undefined) {
          const v = sub(s.propertyNames, k);
          if (v && !v.unknown) return fail(`property name \`${k}\` is invalid`, at);
          need(v, at);
        }
        let known = false;
        // A pattern without a verdict on this name: whether its schema, or additionalProperties, applies is open.
        let open: Finding | undefined;
        if (props && Object.prototype.hasOwnProperty.call(props, k)) {
          known = true;
          const f = need(sub(props[k], data[k]), at);
          if (f) return f;
        }
        for (const [re, schema] of patterns) {
          const m = this.matches(re, k);
          if (m === false) continue;
          const v = sub(schema, data[k]);
          if (m === true) {
            known = true;
            const f = need(v, at);
            if (f) return f;
          } else {
            open ??= { ...m, at: at + m.at };
            if (v) need(open);
          }
        }
        if (!known && s.additionalProperties !== undefined) {
          const v = s.additionalProperties === false ? fail(`must not have property \`${k}\``) : sub(s.additionalProperties, data[k]);
          if (v && open) need(open);
          else if (v) {
            const f = s.additionalProperties === false ? v : need(v, at);
            if (f) return f;
          }
        }
      }
    }

    if (Array.isArray(s.allOf))
      for (const schema of s.allOf) {
        const f = need(sub(schema, data));
        if (f) return f;
      }
    if (Array.isArray(s.anyOf) && s.anyOf.length) {
      let open: Finding | undefined;
      let passes = false;
      for (const schema of s.anyOf) {
        const v = sub(schema, data);
        if (!v) {
          passes = true;
          break;
        }
        if (v.unknown) open ??= v;
      }
      if (!passes) {
        if (!open) return fail('must match a schema of `anyOf`');
        need(open);
      }
    }
    if (Array.isArray(s.oneOf) && s.oneOf.length) {
      let passing = 0;
      let open: Finding | undefined;
      for (const schema of s.oneOf) {
        const v = sub(schema, data);
        if (!v) passing++;
        else if (v.unknown) open ??= v;
        if (passing > 1) return fail('must match exactly one schema of `oneOf`, but matches several');
      }
      if (open) need(open);
      else if (passing === 0) return fail('must match one schema of `oneOf`');
    }
    if (s.not !== undefined) {
      const v = sub(s.not, data);
      if (!v) return fail('must not match the schema of `not`');
      if (v.unknown) need(v);
    }
    if (s.if !== undefined) {
      const c = sub(s.if, data);
      if (c?.unknown) need(c);
      else {
        const branch = c ? s.else : s.then;
        if (branch !== undefined) {
          const f = need(sub(branch, data));
          if (f) return f;
        }
      }
    }
    return unknown;
  }

  private branches(s: Obj): boolean {
    let b = this.hasSubschemas.get(s);
    if (b === undefined) {
      b = false;
      for (const k in s) if (SUBSCHEMA_KEYS.has(k)) b = true;
      this.hasSubschemas.set(s, b);
    }
    return b;
  }

  /** Whether `text` matches the spec's pattern: true, false, or why there is no verdict. Invalid patterns are the schema's problem. */
  private matches(source: string, text: string): boolean | Finding {
    const p = specPattern(source);
    if (p.kind === 'invalid') return true;
    if (p.kind === 'unsupported') return { at: '', message: `pattern \`${source}\` cannot run in linear time (${p.reason})`, unknown: 'pattern' };
    this.spend(1 + Math.floor((text.length * p.size) / 32));
    return (
      p.test(text) ?? { at: '', message: `pattern \`${source}\` is not valid with the u flag, so its verdict on astral characters is RegExp's alone`, unknown: 'pattern' }
    );
  }

  /** OpenAPI: a required `readOnly` property need not be in a request, nor a `writeOnly` one in a response. */
  private skipped(prop: unknown, file: string, dir: Direction): boolean {
    if (!dir || prop === undefined) return false;
    const d = this.ws.deref<unknown>(prop, { file, pointer: '' });
    const v = isObj(d?.value) ? d.value : isObj(prop) ? prop : undefined;
    return !!v && (dir === 'request' ? v.readOnly === true : v.writeOnly === true);
  }
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
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
