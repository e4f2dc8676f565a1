// Reading an Avro payload as messaging rules need it: is there a field at `/a/b` (a partition key, a
// correlation id), and is a message example a value of the schema. Both walk the schema as written
// (schema.ts), so no avsc is loaded and every finding has an Avro path and type name.
import { parsePointer } from '../../load/pointer.js';
import type { ExampleCheck, FieldLookup } from '../index.js';
import { collectNamed, fieldType, isObj, resolve, shortName, typeLabel, type At, type Named, type Resolved } from './schema.js';

/**
 * What stands at `pointer` in values of the schema: a record field by name, any map key, any array
 * index; through a union, every branch that has it (a nullable record is the common case).
 */
export function avroFieldAt(root: At, pointer: string): FieldLookup {
  const names = collectNamed(root);
  let current: Resolved[] = [resolve(root, names)];
  for (const token of parsePointer(pointer)) {
    const next: Resolved[] = [];
    for (const r of expandUnions(current, names)) {
      if (r.kind === 'named' && r.def.kind === 'record' && Array.isArray(r.def.value.fields)) {
        const i = r.def.value.fields.findIndex((f) => isObj(f) && f.name === token);
        if (i >= 0 && 'type' in (r.def.value.fields[i] as Record<string, unknown>)) next.push(resolve(fieldType(r.def, i), names));
      } else if (r.kind === 'map') next.push(resolve(r.values, names));
      else if (r.kind === 'array' && /^\d+$/.test(token)) next.push(resolve(r.items, names));
    }
    if (!next.length) return undefined;
    current = next;
  }
  return { type: [...new Set(current.map(typeLabel))].join(' | ') };
}

function expandUnions(rs: Resolved[], names: Map<string, Named>): Resolved[] {
  return rs.flatMap((r) => (r.kind === 'union' ? r.branches.map((b) => resolve(b, names)).filter((x) => x.kind !== 'union') : [r]));
}

const INT32 = 2 ** 31;
/** Types visited for one example at most: unions of records nested in records can multiply the work. */
export const AVRO_EXAMPLE_BUDGET = 200_000;
class TooComplex extends Error {}
const INT64 = 2 ** 63;
const code = (v: string) => '`' + v + '`';

/**
 * Whether an example is a value of the schema, in the JSON form AsyncAPI examples are written in, the
 * form @asyncapi/avro-schema-parser's JSON Schema describes: union values unwrapped (Avro's JSON
 * encoding `{"string": "x"}` is accepted too), `bytes` and `fixed` as strings of code points up to 255,
 * `long` as any integer in range, enum symbols as strings. A record field may be left out when it has a
 * default or its type is a union with `null`, as that schema has it; fields the record does not
 * declare are not checked (avsc's `isValid` ignores them too). The first problem of each value is
 * reported, at its JSON pointer in the example.
 */
export function checkAvroExample(root: At, value: unknown): ExampleCheck[] {
  const names = collectNamed(root);
  const out: ExampleCheck[] = [];
  let steps = 0;
  const visit = (r: Resolved, v: unknown, path: string, depth: number): boolean => {
    if (depth > 64 || ++steps > AVRO_EXAMPLE_BUDGET) throw new TooComplex();
    const fail = (message: string, p = path) => (out.push({ path: p, message }), false);
    switch (r.kind) {
      case 'primitive':
        return primitiveOk(r.name, v) || fail(`must be ${code(r.name)}${rangeNote(r.name, v)}`);
      case 'unknown':
        return true; // an unknown type is validate's finding
      case 'array':
        if (!Array.isArray(v)) return fail(`must be an array (Avro \`array\`)`);
        return v.every((x, i) => visit(resolve(r.items, names), x, `${path}/${i}`, depth + 1));
      case 'map':
        if (!isObj(v)) return fail('must be an object (Avro `map`)');
        return Object.entries(v).every(([k, x]) => visit(resolve(r.values, names), x, `${path}/${escape(k)}`, depth + 1));
      case 'union': {
        const branches = r.branches.map((b) => resolve(b, names));
        // Each branch is tried once, its problems kept aside: trying again to report would double the
        // work at every nested union (a recursive record 30 levels deep would take 2^30 visits).
        const tried = new Map<Resolved, ExampleCheck[]>();
        for (const b of branches) {
          const problems = quiet(b, v, path, depth);
          if (!problems) return true;
          tried.set(b, problems);
        }
        // Avro's own JSON encoding of a union value: `{ "<branch name>": value }`.
        if (isObj(v) && Object.keys(v).length === 1) {
          const [k] = Object.keys(v);
          const b = branches.find((x) => branchName(x) === k || (x.kind === 'named' && shortName(x.def.full) === k));
          if (b) return visit(b, v[k], `${path}/${escape(k)}`, depth + 1);
        }
        // One branch of the value's JSON kind: its problem is more telling than "none matches".
        const same = branches.filter((b) => jsonKind(b) === kindOf(v));
        if (same.length === 1) return (out.push(...tried.get(same[0])!), false);
        return fail(`must be one of the union's types ${branches.map((b) => code(typeLabel(b))).join(', ')}`);
      }
      case 'named': {
        const d = r.def;
        const name = code(shortName(d.full));
        if (d.kind === 'enum') {
          const symbols = Array.isArray(d.value.symbols) ? d.value.symbols : [];
          return symbols.includes(v) || fail(`must be a symbol of enum ${name}: ${symbols.map((s) => code(String(s))).join(', ')}`);
        }
        if (d.kind === 'fixed') {
          const size = d.value.size;
          if (typeof v !== 'string' || !/^[\u0000-\u00ff]*$/.test(v)) return fail(`must be a string (fixed ${name})`);
          return typeof size !== 'number' || v.length === size || fail(`must be ${size} characters long (fixed ${name}), not ${v.length}`);
        }
        if (!isObj(v)) return fail(`must be an object (record ${name})`);
        const fields = Array.isArray(d.value.fields) ? d.value.fields : [];
        let ok = true;
        fields.forEach((f, i) => {
          if (!isObj(f) || typeof f.name !== 'string') return;
          const type = resolve(fieldType(d, i), names);
          if (!Object.hasOwn(v, f.name)) {
            const nullable = type.kind === 'union' && type.branches.some((b) => b.value === 'null');
            if (!('default' in f) && !nullable) ok = fail(`must have field ${code(f.name)} of record ${name} (it has no default)`);
          } else if (!visit(type, v[f.name], `${path}/${escape(f.name)}`, depth + 1)) ok = false;
        });
        return ok;
      }
    }
  };
  /** A union branch tried without reporting: undefined when the value fits, else the problems it would report. */
  const quiet = (r: Resolved, v: unknown, path: string, depth: number): ExampleCheck[] | undefined => {
    const n = out.length;
    const ok = visit(r, v, path, depth + 1);
    return ok ? (out.length = n, undefined) : out.splice(n);
  };
  try {
    visit(resolve(root, names), value, '', 0);
  } catch (e) {
    if (!(e instanceof TooComplex)) throw e;
    return [{ path: '', message: `too complex to check (more than ${AVRO_EXAMPLE_BUDGET.toLocaleString('en')} Avro types visited, or nested more than 64 levels)`, unchecked: true }];
  }
  return out;
}

function primitiveOk(name: string, v: unknown): boolean {
  switch (name) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return Number.isInteger(v) && (v as number) >= -INT32 && (v as number) < INT32;
    case 'long':
      return Number.isInteger(v) && (v as number) >= -INT64 && (v as number) < INT64;
    case 'float':
    case 'double':
      return typeof v === 'number';
    case 'bytes':
      return typeof v === 'string' && /^[\u0000-\u00ff]*$/.test(v);
    default:
      return typeof v === 'string';
  }
}

/** Why an integer is not an `int`: it is out of the 32-bit range. */
function rangeNote(name: string, v: unknown): string {
  if (name === 'int' && Number.isInteger(v)) return ' (a 32-bit integer)';
  if (name === 'long' && Number.isInteger(v)) return ' (a 64-bit integer)';
  return '';
}

/** How a union branch is named in Avro's JSON encoding. */
function branchName(r: Resolved): string {
  return r.kind === 'named' ? r.def.full : r.kind === 'primitive' || r.kind === 'unknown' ? r.name : r.kind;
}

function jsonKind(r: Resolved): string {
  if (r.kind === 'array') return 'array';
  if (r.kind === 'map') return 'object';
  if (r.kind === 'named') return r.def.kind === 'record' ? 'object' : 'string';
  if (r.kind === 'primitive') return r.name === 'null' ? 'null' : r.name === 'boolean' ? 'boolean' : ['int', 'long', 'float', 'double'].includes(r.name) ? 'number' : 'string';
  return 'unknown';
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
