// Spectral's core functions, written here with the messages and results of @stoplight/spectral-functions
// 1.11. Why not import that package: requiring it takes 1.5-2.1 s on this machine (measured five times:
// 1524-2140 ms, most of it spectral-core and its ajv set-up), more than linting the 4 MB Stripe
// description with every built-in rule. Each function here is a few lines of the same logic.
import { createRequire } from 'node:module';

/** What a function sees besides its input and options (Spectral's `context`, the parts rules use). */
export interface FunctionContext {
  /** Path of the target in the (resolved or raw) document. */
  path: (string | number)[];
  /** The document the rule runs on. */
  document: { data: unknown; formats: Set<string> };
  /** Pointers (`#/components/schemas/X`) that some `$ref` of the document set names. */
  referenced: () => Set<string>;
  rule: { name: string; resolved: boolean };
}

export interface FunctionResult {
  message: string;
  path?: (string | number)[];
}

export type SpectralFunction = (input: unknown, options: any, context: FunctionContext) => FunctionResult[] | void | undefined | Promise<FunctionResult[] | void | undefined>;

/** Spectral's printValue: how values appear in messages. */
export function printValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) return 'Array[]';
    if (value instanceof RegExp) return value.source;
    return 'Object{}';
  }
  return JSON.stringify(value);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
const isPlain = (v: unknown): v is Record<string, unknown> => isObject(v) && !Array.isArray(v);

/** Spectral skips a target whose type its function does not take (no finding, no error). */
function takes(input: unknown, types: string[]): boolean {
  const t = input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input;
  return types.includes(t);
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const split = /^\/(.+)\/([a-z]*)$/.exec(pattern);
    re = split ? new RegExp(split[1], split[2]) : new RegExp(pattern);
    patternCache.set(pattern, re);
  }
  re.lastIndex = 0;
  return re;
}

const CASES: Record<string, string> = {
  flat: '[a-z][a-z{D}]*',
  camel: '[a-z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*',
  pascal: '[A-Z][a-z{D}]*(?:[A-Z{D}](?:[a-z{D}]+|$))*',
  kebab: '[a-z][a-z{D}]*(?:-[a-z{D}]+)*',
  cobol: '[A-Z][A-Z{D}]*(?:-[A-Z{D}]+)*',
  snake: '[a-z][a-z{D}]*(?:_[a-z{D}]+)*',
  macro: '[A-Z][A-Z{D}]*(?:_[A-Z{D}]+)*',
};

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

function compareItems(a: unknown, b: unknown): number {
  // Spectral's comparison, including its quirk: a number-like `b` after a non-numeric `a` compares as numbers.
  if ((typeof a === 'number' || Number.isNaN(Number(a))) && (typeof b === 'number' || !Number.isNaN(Number(b)))) return Math.min(1, Math.max(-1, Number(a) - Number(b)));
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  return a.localeCompare(b);
}

function atLeastOne(properties: string[]): string {
  if (properties.length > 4) return `At least one of "${properties.slice(0, 3).join('" or "')}" or ${properties.length - 3} other properties must be defined`;
  return `At least one of "${properties.join('" or "')}" must be defined`;
}

let ajvs: Map<string, any> | undefined;
const compiled = new WeakMap<object, Map<string, any>>();
function validator(schema: object, dialect: string, allErrors: boolean): any {
  const require = createRequire(import.meta.url);
  ajvs ??= new Map();
  const key = `${dialect}:${allErrors}`;
  let ajv = ajvs.get(key);
  if (!ajv) {
    const Ajv = dialect === 'draft2020-12' ? require('ajv/dist/2020').default : dialect === 'draft2019-09' ? require('ajv/dist/2019').default : require('ajv').default;
    ajv = new Ajv({ allErrors, strict: false, validateSchema: false, logger: false, allowUnionTypes: true });
    require('ajv-formats').default(ajv);
    ajvs.set(key, ajv);
  }
  let byKey = compiled.get(schema);
  if (!byKey) compiled.set(schema, (byKey = new Map()));
  let v = byKey.get(key);
  if (!v) byKey.set(key, (v = ajv.compile(schema)));
  return v;
}

function detectDialect(schema: unknown): string {
  const s = isPlain(schema) && typeof schema.$schema === 'string' ? schema.$schema : '';
  if (s.includes('2020-12')) return 'draft2020-12';
  if (s.includes('2019-09')) return 'draft2019-09';
  return 'draft7';
}

/** An ajv error as a sentence, the way Spectral's better-ajv-errors words the common keywords. */
function ajvMessage(e: { keyword: string; instancePath: string; params: any; message?: string }, path: (string | number)[]): string {
  // Named after the last segment of the whole path (the target's own path, then the error's inside it).
  const seg = path.length ? String(path[path.length - 1]) : '';
  const prop = seg === '' ? '' : `"${seg}" property `;
  switch (e.keyword) {
    case 'required':
      return `${prop}must have required property "${e.params.missingProperty}"`;
    case 'additionalProperties':
      return `Property "${e.params.additionalProperty}" is not expected to be here`;
    case 'type':
      return `${prop}type must be ${e.params.type}`;
    case 'enum':
      return `${prop}must be equal to one of the allowed values: ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      // Spectral's wording is ajv's with `NOT` in lower case (`must not have fewer than 2 items`).
      return `${prop}${(e.message ?? e.keyword).replace(/\bNOT\b/g, 'not')}`;
  }
}

export const coreFunctions: Record<string, SpectralFunction> = {
  truthy: (input) => (input ? undefined : [{ message: '#{{print("property")}}must be truthy' }]),
  falsy: (input) => (input ? [{ message: '#{{print("property")}}must be falsy' }] : undefined),
  defined: (input) => (input === undefined ? [{ message: '#{{print("property")}}must be defined' }] : undefined),
  undefined: (input) => (input !== undefined ? [{ message: '#{{print("property")}}must be undefined' }] : undefined),
  pattern(input, opts: { match?: string; notMatch?: string }) {
    if (typeof input !== 'string') return;
    const out: FunctionResult[] = [];
    if (opts.match !== undefined && !regex(opts.match).test(input)) out.push({ message: `#{{print("value")}} must match the pattern ${printValue(opts.match)}` });
    if (opts.notMatch !== undefined && regex(opts.notMatch).test(input)) out.push({ message: `#{{print("value")}} must not match the pattern ${printValue(opts.notMatch)}` });
    return out.length ? out : undefined;
  },
  casing(input, opts: { type: string; disallowDigits?: boolean; separator?: { char: string; allowLeading?: boolean } }) {
    if (typeof input !== 'string' || input.length === 0) return;
    if (input.length === 1 && opts.separator?.allowLeading === true && input === opts.separator.char) return;
    const base = CASES[opts.type].replace(/\{D\}/g, opts.disallowDigits === true ? '' : '0-9');
    let re: RegExp;
    if (!opts.separator) re = new RegExp(`^${base}$`);
    else {
      const sep = `[${escapeRe(opts.separator.char)}]`;
      re = new RegExp(`^${opts.separator.allowLeading === true ? `${sep}?` : ''}${base}(?:${sep}${base})*$`);
    }
    return re.test(input) ? undefined : [{ message: `must be ${opts.type} case` }];
  },
  enumeration(input, { values }: { values: unknown[] }) {
    if (!takes(input, ['string', 'number', 'null', 'boolean'])) return;
    return values.includes(input) ? undefined : [{ message: `#{{print("value")}} must be equal to one of the allowed values: ${values.map(printValue).join(', ')}` }];
  },
  length(input, opts: { min?: number; max?: number }) {
    if (!takes(input, ['array', 'object', 'string', 'number'])) return;
    const n = isPlain(input) ? Object.keys(input).length : Array.isArray(input) ? input.length : typeof input === 'number' ? input : (input as string).length;
    const out: FunctionResult[] = [];
    if (opts.min !== undefined && n < opts.min) out.push({ message: `#{{print("property")}}must be longer than ${printValue(opts.min)}` });
    if (opts.max !== undefined && n > opts.max) out.push({ message: `#{{print("property")}}must be shorter than ${printValue(opts.max)}` });
    return out.length ? out : undefined;
  },
  alphabetical(input, opts: { keyedBy?: string } | null, { path }) {
    if (!takes(input, ['object', 'array'])) return;
    let items: unknown[] = Array.isArray(input) ? input : Object.keys(input as object);
    if (items.length < 2) return;
    const keyedBy = opts?.keyedBy;
    if (keyedBy !== undefined) {
      const keyed: unknown[] = [];
      for (const item of items) {
        if (!isObject(item)) return [{ message: '#{{print("property")}}must be an object' }];
        keyed.push(item[keyedBy]);
      }
      items = keyed;
    }
    if (!items.every((x) => typeof x === 'string' || typeof x === 'number')) return [{ message: '#{{print("property")}}must be one of the allowed types: number, string' }];
    for (let i = 0; i < items.length - 1; i++) {
      if (compareItems(items[i], items[i + 1]) >= 1) {
        if (keyedBy !== undefined) return [{ message: 'properties must follow the alphabetical order' }];
        return [{ path: [...path, Array.isArray(input) ? i : (items[i] as string)], message: `${printValue(items[i])} must be placed after ${printValue(items[i + 1])}` }];
      }
    }
  },
  xor(input, { properties }: { properties: string[] }) {
    if (!isPlain(input) || properties.length < 2) return;
    const present = Object.keys(input).filter((k) => properties.includes(k));
    const out: FunctionResult[] = [];
    if (present.length === 0) out.push({ message: atLeastOne(properties) });
    if (present.length > 1) out.push({ message: `Just one of "${present.join('" and "')}" must be defined` });
    return out;
  },
  or(input, { properties }: { properties: string[] }) {
    if (!isPlain(input) || properties.length < 2) return;
    return Object.keys(input).some((k) => properties.includes(k)) ? [] : [{ message: atLeastOne(properties) }];
  },
  schema(input, opts: { schema: object; dialect?: string; allErrors?: boolean }, { path }) {
    if (input === undefined) return [{ path, message: '#{{print("property")}}must exist' }];
    const dialect = opts.dialect === undefined || opts.dialect === 'auto' ? detectDialect(opts.schema) : opts.dialect;
    let v;
    try {
      v = validator(opts.schema, dialect, opts.allErrors === true);
    } catch (e) {
      return [{ path, message: (e as Error).message }];
    }
    if (v(input) !== false || !Array.isArray(v.errors)) return [];
    return (v.errors as any[]).map((e) => {
      const at = [...path, ...(e.instancePath ? e.instancePath.slice(1).split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : [])];
      return { message: ajvMessage(e, at), path: at };
    });
  },
  typedEnum(input, _opts, { path, document }) {
    if (!isPlain(input) || input.enum == null || input.type == null || !Array.isArray(input.enum)) return;
    let types = Array.isArray(input.type) ? [...input.type] : [input.type];
    // OpenAPI 3.0 (and 2.0 `x-nullable`) allow null in an enum of a nullable schema.
    if ((document.formats.has('oas3_0') && input.nullable === true) || (document.formats.has('oas2') && input['x-nullable'] === true)) types = [...types, 'null'];
    const out: FunctionResult[] = [];
    input.enum.forEach((value, i) => {
      if (!types.some((t) => typeMatches(value, String(t)))) out.push({ message: `Enum value ${printValue(value)} must be "${String(input.type)}".`, path: [...path, 'enum', i] });
    });
    return out;
  },
  unreferencedReusableObject(input, opts: { reusableObjectsLocation: string }, { referenced }) {
    if (!isPlain(input)) return;
    const used = referenced();
    return Object.keys(input)
      .filter((name) => !used.has(`${opts.reusableObjectsLocation}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`))
      .map((name) => ({ message: 'Potential orphaned reusable object has been detected', path: [...opts.reusableObjectsLocation.replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')), name] }));
  },
};

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlain(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return typeof value === type;
  }
}

/** Option checks of the core functions: a wrong option is a ruleset error, as in Spectral. Returns the problem. */
export function checkOptions(name: string, o: any): string | undefined {
  const obj = isPlain(o);
  switch (name) {
    case 'casing':
      if (!obj || !Object.keys(CASES).includes(String(o.type))) return `"casing" function and its "type" option accept the following values: ${Object.keys(CASES).join(', ')}`;
      if (o.separator !== undefined && (!isPlain(o.separator) || typeof o.separator.char !== 'string' || o.separator.char.length > 1)) return '"casing" function and its "separator.char" option accepts only char, i.e. "I" or "/"';
      return;
    case 'pattern':
      if (!obj || (o.match === undefined && o.notMatch === undefined)) return '"pattern" function has invalid options specified. Example valid options: { "match": "^Stoplight" }, { "notMatch": "Swagger" }, { "match": "Stoplight", "notMatch": "Swagger" }';
      for (const k of ['match', 'notMatch']) {
        if (o[k] === undefined) continue;
        try {
          regex(String(o[k]));
        } catch (e) {
          return `"pattern" function and its "${k}" option must be a valid regular expression: ${(e as Error).message}`;
        }
      }
      return;
    case 'enumeration':
      if (!obj || !Array.isArray(o.values)) return '"enumeration" function has invalid options specified. Example valid options: { "values": ["Berlin", "London", "Paris"] }, { "values": [2, 3, 5, 8, 13, 21] }';
      return;
    case 'length':
      if (!obj || (typeof o.min !== 'number' && typeof o.max !== 'number')) return '"length" function has invalid options specified. Example valid options: { "min": 2 }, { "max": 5 }, { "min": 0, "max": 10 }';
      return;
    case 'xor':
    case 'or':
      if (!obj || !Array.isArray(o.properties) || o.properties.length < 2) return `"${name}" requires at least two enumerated "properties", i.e. ["id", "name"]`;
      return;
    case 'schema':
      if (!obj || !isObject(o.schema)) return '"schema" function has invalid options specified. Example valid options: { "schema": { /* any JSON Schema can be defined here */ } }';
      return;
    case 'unreferencedReusableObject':
      if (!obj || typeof o.reusableObjectsLocation !== 'string' || !o.reusableObjectsLocation.startsWith('#')) return '"unreferencedReusableObject" and its "reusableObjectsLocation" option support only valid JSON Pointer fragments, i.e. "#", "#/foo", "#/paths/~1user"';
      return;
    case 'alphabetical':
      if (o !== null && o !== undefined && !(obj && Object.keys(o).every((k) => k === 'keyedBy'))) return '"alphabetical" function has invalid options specified. Example valid options: null (no options), { "keyedBy": "my-key" }';
      return;
    default:
      return;
  }
}
