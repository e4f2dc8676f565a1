import { createRequire } from 'node:module';
import type { Workspace } from '../../load/workspace.js';
import type { SchemaNode } from '../../model/types.js';
import type { FormatProblem } from '../index.js';
import { at, branchKey, children, collectNamed, definition, fieldType, inlined, isObj, NAMED_KINDS, node, PRIMITIVES, resolve, rootOf, typeLabel, type At, type Named, type Obj } from './schema.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const validFull = (s: string) => s.split('.').every((p) => NAME.test(p));
/** Defaults as JSON, so that `"0"` is told from `0`. */
const json = (v: unknown) => '`' + JSON.stringify(v) + '`';
const code = (v: unknown) => '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';

/**
 * Problems of an Avro schema. avsc decides whether the schema is valid (`Type.forSchema`, loaded here
 * only); it stops at the first problem and says nothing of where, so the nodes are found by the walk
 * below, which looks for the same mistakes everywhere. A schema avsc rejects for a reason the walk
 * does not know is reported at its root with avsc's message.
 */
export async function validateAvro(node: SchemaNode, ws: Workspace): Promise<FormatProblem[]> {
  const root = rootOf(node, ws);
  if (!root) return []; // an unresolved `$ref`: reported by the loader
  const problems = locateProblems(root);
  const schema = inlined(root);
  // A `$ref` in a cycle (reported above) or one that does not resolve (the loader reports it).
  if (schema === undefined) return problems;
  // `require`, not `import()`: the command scripts run through V8's code cache (vm.Script), where a
  // dynamic import has no loader; either way avsc is read only here.
  const avsc = createRequire(import.meta.url)('avsc') as typeof import('avsc');
  try {
    avsc.Type.forSchema(schema as never);
    return [];
  } catch (e) {
    return problems.length ? problems : [{ at: root.loc, message: `invalid Avro schema: ${(e as Error).message}` }];
  }
}

/** Every problem the walk finds, at its node. */
export function locateProblems(root: At): FormatProblem[] {
  const out: FormatProblem[] = [];
  const names = collectNamed(root);
  const defined = new Map<string, Named>();
  const report = (loc: At['loc'], message: string, help?: string) => out.push({ at: loc, message, ...(help ? { help } : {}) });
  const stack: At[] = [root];
  const seen = new Set<unknown>();
  while (stack.length) {
    const a = stack.pop()!;
    const v = a.value;
    if (a.cycle) {
      report(a.loc, `\`$ref\` ${code((v as Obj).$ref)} is inside the schema it refers to, which would inline it forever`, 'a recursive type refers to itself by its name, not by `$ref`');
      continue;
    }
    if (isObj(v) && typeof v.$ref === 'string') continue; // does not resolve: the loader reports it
    if (a.via) {
      // Inlined a second time: its named types would be defined twice (avsc refuses that).
      const d = definition(a);
      if (d && defined.has(d.full)) {
        report(a.via, `\`$ref\` defines type ${code(d.full)} a second time`, `after its first \`$ref\`, refer to it by its name ${code(d.full)}`);
        continue;
      }
    }
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    stack.push(...children(a).reverse());
    if (typeof v === 'string') {
      if (!PRIMITIVES.has(v) && resolve(a, names).kind === 'unknown') report(a.loc, `unknown Avro type ${code(v)}`, 'define the named type before it is used, or use a primitive type');
      continue;
    }
    if (Array.isArray(v)) {
      const keys = new Set<string>();
      v.forEach((b, i) => {
        const loc = at(a.loc, i);
        if (Array.isArray(b)) return report(loc, 'a union cannot be a branch of a union', 'list its branches in the outer union');
        const key = branchKey(resolve(node(a, b, loc), names));
        if (keys.has(key)) report(loc, `union lists ${code(key)} twice`);
        keys.add(key);
      });
      continue;
    }
    if (!isObj(v)) {
      report(a.loc, `${code(v)} is not an Avro type`);
      continue;
    }
    const t = v.type;
    if (typeof t === 'string' && NAMED_KINDS.has(t)) {
      if (typeof v.name !== 'string') {
        report(a.loc, `${t} has no \`name\``);
        continue;
      }
      if (!validFull(v.name)) report(at(a.loc, 'name'), `${code(v.name)} is not a valid Avro name`, 'names are letters, digits and `_`, not starting with a digit, with dots between namespace parts');
      if (typeof v.namespace === 'string' && v.namespace !== '' && !validFull(v.namespace)) report(at(a.loc, 'namespace'), `${code(v.namespace)} is not a valid Avro namespace`);
      const d = definition(a)!;
      if (defined.has(d.full)) report(at(a.loc, 'name'), `type ${code(d.full)} is defined twice`, 'refer to the first definition by its name');
      defined.set(d.full, d);
      if (t === 'enum') checkEnum(v, a, report);
      else if (t === 'fixed') {
        if (!('size' in v)) report(a.loc, `fixed ${code(v.name)} has no \`size\``);
        else if (!Number.isInteger(v.size) || (v.size as number) < 0) report(at(a.loc, 'size'), `size ${code(v.size)} of fixed ${code(v.name)} is not a non-negative integer`);
      } else checkRecord(v, a, d, names, report);
    } else if (t === 'array' && !('items' in v)) report(a.loc, 'array has no `items`');
    else if (t === 'map' && !('values' in v)) report(a.loc, 'map has no `values`');
    else if (t === undefined) report(a.loc, 'Avro type object has no `type`');
  }
  return out;
}

type Rep = (loc: At['loc'], message: string, help?: string) => void;

function checkEnum(v: Obj, a: At, report: Rep): void {
  if (!Array.isArray(v.symbols)) return report(a.loc, `enum ${code(v.name)} has no \`symbols\` list`);
  const seen = new Set<unknown>();
  v.symbols.forEach((s, i) => {
    if (typeof s !== 'string' || !NAME.test(s)) report(at(a.loc, 'symbols', i), `${code(s)} is not a valid symbol of enum ${code(v.name)}`);
    else if (seen.has(s)) report(at(a.loc, 'symbols', i), `symbol ${code(s)} is listed twice in enum ${code(v.name)}`);
    seen.add(s);
  });
  if ('default' in v && !v.symbols.includes(v.default)) report(at(a.loc, 'default'), `default ${json(v.default)} of enum ${code(v.name)} is not one of its symbols`);
}

function checkRecord(v: Obj, a: At, d: Named, names: Map<string, Named>, report: Rep): void {
  if (!Array.isArray(v.fields)) return report(a.loc, `record ${code(v.name)} has no \`fields\` list`);
  const seen = new Set<string>();
  v.fields.forEach((f, i) => {
    const loc = at(a.loc, 'fields', i);
    if (!isObj(f) || typeof f.name !== 'string') return report(loc, `field ${i + 1} of record ${code(v.name)} has no \`name\``);
    if (!NAME.test(f.name)) report(at(loc, 'name'), `${code(f.name)} is not a valid field name`);
    if (seen.has(f.name)) report(at(loc, 'name'), `field ${code(f.name)} is declared twice in record ${code(v.name)}`);
    seen.add(f.name);
    if (!('type' in f)) return report(loc, `field ${code(f.name)} has no \`type\``);
    if ('default' in f) {
      const r = resolve(fieldType(d, i), names);
      const first = r.kind === 'union' ? r.branches[0] : undefined;
      const target = first ? resolve(first, names) : r;
      if (target.kind !== 'unknown' && !fits(target, f.default, names, 0))
        report(
          at(loc, 'default'),
          `default ${json(f.default)} of field ${code(f.name)} is not a valid \`${typeLabel(target)}\`${first ? ', the first type of its union' : ''}`,
          first ? "a union's default is a value of its first branch: put the default's type first" : undefined,
        );
    }
  });
}

const INT32 = 2 ** 31;

/** Whether a JSON default value is a value of the type (Avro's JSON encoding of defaults). */
function fits(r: ReturnType<typeof resolve>, value: unknown, names: Map<string, Named>, depth: number): boolean {
  if (depth > 64) return true;
  const sub = (a: At, x: unknown) => fits(resolve(a, names), x, names, depth + 1);
  switch (r.kind) {
    case 'primitive':
      switch (r.name) {
        case 'null':
          return value === null;
        case 'boolean':
          return typeof value === 'boolean';
        case 'int':
          return Number.isInteger(value) && (value as number) >= -INT32 && (value as number) < INT32;
        case 'long':
          return Number.isInteger(value);
        case 'float':
        case 'double':
          return typeof value === 'number';
        default:
          return typeof value === 'string';
      }
    case 'array':
      return Array.isArray(value) && value.every((x) => sub(r.items, x));
    case 'map':
      return isObj(value) && Object.values(value).every((x) => sub(r.values, x));
    case 'union':
      return r.branches.length > 0 && sub(r.branches[0], value);
    case 'named': {
      const v = r.def.value;
      if (r.def.kind === 'enum') return Array.isArray(v.symbols) && v.symbols.includes(value);
      if (r.def.kind === 'fixed') return typeof value === 'string' && value.length === v.size;
      if (!isObj(value) || !Array.isArray(v.fields)) return false;
      return v.fields.every((f, i) => {
        if (!isObj(f) || typeof f.name !== 'string') return true;
        return f.name in value ? sub(fieldType(r.def, i), value[f.name]) : 'default' in f;
      });
    }
    default:
      return true;
  }
}
