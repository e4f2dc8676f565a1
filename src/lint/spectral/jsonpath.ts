// Selecting the nodes of Spectral `given` paths, with jsonpath-plus's own meaning but not its evaluator.
//
// Why not only jsonpath-plus: on Stripe with a 20-rule ruleset, jsonpath-plus took most of the run: every
// `$..` given is one more walk of the whole document, each step copies the path array, every filter goes
// through its AST interpreter with a fresh sandbox object per node, and each result is turned into a
// pointer string that we parse again. Here, the path is parsed by jsonpath-plus itself
// (`JSONPath.toPathArray`) and each filter by its own expression parser (`SafeScript`, jsep), so the
// syntax is exactly the library's; what differs is the evaluation: every `$..` given of a rule set is
// answered in one shared walk, the path is one mutable stack copied only for a match, and a filter's
// AST is compiled once into closures. The semantics follow jsonpath-plus 10 step for step (the order of
// its checks, a `*` letting the next step match a key literally, `~` ending the path, `@parent` being
// the parent of the node being filtered, errors worded as it words them);
// test/lint/spectral-jsonpath.test.ts compares both on many paths. Paths that use what is not mirrored
// here (`^`, slices, `(expr)`, `@string()`, backticks, nested filters, `@path`) go to jsonpath-plus.
import { JSONPath } from 'jsonpath-plus';
import { parsePointer } from '../../load/pointer.js';

export interface Match {
  path: string[];
  value: unknown;
}

type Seg = string | number;
type Filter = (v: unknown, prop: Seg, parent: unknown, parentProp: Seg | null, root: unknown) => unknown;
type Step =
  | { kind: 'star' | 'desc' | 'key' | 'root'; loc: string }
  | { kind: 'name'; loc: string }
  | { kind: 'filter'; loc: string; test: Filter }
  | { kind: 'union'; loc: string; parts: Step[] };

/** jsonpath-plus's `toPointer` leaves out these segments of a result's path (even real keys). */
const NOT_IN_POINTER = /^(~|\^|@.*?\(\))$/u;
const SLICE = /^(-?\d*):(-?\d*):?(\d*)$/u;
const NESTED_FILTER = /@.?([^?]*)[['](\??\(.*?\))(?!.\)\])[\]']/u;

class Unsupported extends Error {}

function compileStep(loc: string): Step {
  if (loc === '*') return { kind: 'star', loc };
  if (loc === '..') return { kind: 'desc', loc };
  if (loc === '~') return { kind: 'key', loc };
  if (loc === '$') return { kind: 'root', loc };
  if (loc === '^' || SLICE.test(loc) || loc[0] === '(' || loc[0] === '@' || loc[0] === '`') throw new Unsupported(loc);
  if (loc.indexOf('?(') === 0) {
    const code = loc.replace(/^\?\((.*?)\)$/u, '$1');
    if (NESTED_FILTER.test(code) || code.includes('@path')) throw new Unsupported(loc);
    return { kind: 'filter', loc, test: compileFilter(code) };
  }
  if (loc.includes(',')) return { kind: 'union', loc, parts: loc.split(',').map(compileStep) };
  return { kind: 'name', loc };
}

// --- filters: jsonpath-plus's SafeScript AST, compiled to closures -------------------------------------

interface Scope {
  v: unknown;
  prop: Seg;
  parent: unknown;
  parentProp: Seg | null;
  root: unknown;
}
type Ev = (s: Scope) => unknown;

const BLOCKED = new Set(['constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const IDENTIFIERS: Record<string, Ev> = {
  _$_v: (s) => s.v,
  _$_property: (s) => s.prop,
  _$_parent: (s) => s.parent,
  _$_parentProperty: (s) => s.parentProp,
  _$_root: (s) => s.root,
};
// The right operand comes as its evaluator and the scope, not as a closure: a filter runs on every node
// a `$..` walk visits, and a closure per operator per node was a good part of the garbage.
const BINARY: Record<string, (a: any, b: (s: Scope) => any, s: Scope) => unknown> = {
  '||': (a, b, s) => a || b(s),
  '&&': (a, b, s) => a && b(s),
  '|': (a, b, s) => a | b(s),
  '^': (a, b, s) => a ^ b(s),
  '&': (a, b, s) => a & b(s),
  '==': (a, b, s) => a == b(s),
  '!=': (a, b, s) => a != b(s),
  '===': (a, b, s) => a === b(s),
  '!==': (a, b, s) => a !== b(s),
  '<': (a, b, s) => a < b(s),
  '>': (a, b, s) => a > b(s),
  '<=': (a, b, s) => a <= b(s),
  '>=': (a, b, s) => a >= b(s),
  '<<': (a, b, s) => a << b(s),
  '>>': (a, b, s) => a >> b(s),
  '>>>': (a, b, s) => a >>> b(s),
  '+': (a, b, s) => a + b(s),
  '-': (a, b, s) => a - b(s),
  '*': (a, b, s) => a * b(s),
  '/': (a, b, s) => a / b(s),
  '%': (a, b, s) => a % b(s),
};
const UNARY: Record<string, (a: any) => unknown> = {
  '-': (a) => -a,
  '!': (a) => !a,
  '~': (a) => ~a,
  '+': (a) => +a,
  typeof: (a) => typeof a,
  void: () => undefined,
};

function compileAst(ast: any): Ev {
  switch (ast.type) {
    case 'BinaryExpression':
    case 'LogicalExpression': {
      const op = BINARY[ast.operator];
      if (!op) throw new Unsupported(ast.operator);
      const l = compileAst(ast.left);
      const r = compileAst(ast.right);
      return (s) => op(l(s), r, s);
    }
    case 'ConditionalExpression': {
      const t = compileAst(ast.test);
      const c = compileAst(ast.consequent);
      const a = compileAst(ast.alternate);
      return (s) => (t(s) ? c(s) : a(s));
    }
    case 'Identifier': {
      const name: string = ast.name;
      return (
        IDENTIFIERS[name] ??
        (() => {
          throw new ReferenceError(`${name} is not defined`);
        })
      );
    }
    case 'Literal': {
      const value = ast.value;
      return () => value;
    }
    case 'MemberExpression': {
      const object = compileAst(ast.object);
      const property: Ev = ast.computed ? compileAst(ast.property) : ((name: string) => () => name)(ast.property.name);
      return (s) => {
        const prop = String(property(s));
        const obj = object(s) as any;
        if (obj === undefined || obj === null) throw new TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
        if (BLOCKED.has(prop) && !Object.hasOwn(obj, prop)) throw new TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
        const result = obj[prop];
        return typeof result === 'function' ? result.bind(obj) : result;
      };
    }
    case 'UnaryExpression': {
      const op = UNARY[ast.operator];
      if (!op) throw new Unsupported(ast.operator);
      const a = compileAst(ast.argument);
      return (s) => op(a(s));
    }
    case 'ArrayExpression': {
      const items: Ev[] = ast.elements.map(compileAst);
      return (s) => items.map((e) => e(s));
    }
    case 'CallExpression': {
      const args: Ev[] = ast.arguments.map(compileAst);
      const callee = compileAst(ast.callee);
      return (s) => {
        const values = args.map((a) => a(s));
        // Named `func` so that calling a non-function fails in jsonpath-plus's words.
        const func = callee(s) as (...a: unknown[]) => unknown;
        return func(...values);
      };
    }
    default:
      // Compound statements and assignments: rare in rulesets, left to jsonpath-plus.
      throw new Unsupported(String(ast.type));
  }
}

function compileFilter(code: string): Filter {
  // The same rewriting of `@…` names as jsonpath-plus's `_eval`, then its own parser.
  const script = code
    .replaceAll('@parentProperty', '_$_parentProperty')
    .replaceAll('@parent', '_$_parent')
    .replaceAll('@property', '_$_property')
    .replaceAll('@root', '_$_root')
    .replaceAll(/@([.\s)[])/gu, '_$_v$1');
  let ev: Ev;
  try {
    const Script = (JSONPath as any).prototype.safeVm.Script as new (code: string) => { ast: unknown };
    ev = compileAst(new Script(script).ast);
  } catch {
    // A filter jsep cannot parse fails in jsonpath-plus with its own error: let it say so.
    throw new Unsupported(code);
  }
  const scope: Scope = { v: undefined, prop: '', parent: null, parentProp: null, root: undefined };
  return (v, prop, parent, parentProp, root) => {
    scope.v = v;
    scope.prop = prop;
    scope.parent = parent;
    scope.parentProp = parentProp;
    scope.root = root;
    try {
      return ev(scope);
    } catch (e) {
      throw new Error(`jsonPath: ${(e as Error).message}: ${code}`);
    }
  };
}

// --- evaluation ---------------------------------------------------------------------------------------

interface Program {
  given: string;
  /** Steps after a leading `$`; undefined when the path goes to jsonpath-plus. */
  steps?: Step[];
  out: Match[];
}

/** Compiled paths, by their text: a `then.field` path is asked again for every node a `given` selects. */
const compiled = new Map<string, Step[] | undefined>();

function compile(given: string): Program {
  if (!compiled.has(given)) {
    let steps: Step[] | undefined;
    try {
      const locs = (JSONPath as unknown as { toPathArray(p: string): string[] }).toPathArray(given);
      if (locs[0] === '$' && locs.length > 1) locs.shift();
      steps = locs.map(compileStep);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
    }
    compiled.set(given, steps);
  }
  return { given, steps: compiled.get(given), out: [] };
}

/** `val && Object.hasOwn(val, key)`, as jsonpath-plus tests it: a string has its `length` and indexes. */
function has(val: unknown, key: string): boolean {
  return !!val && Object.hasOwn(val as object, key);
}

/** `[0, 1, …, n-1]`, shared by every array of length n (only read): walks visit many arrays. */
const INDEXES: number[][] = [];
function indexes(n: number): number[] {
  let a = INDEXES[n];
  if (a === undefined) {
    a = new Array<number>(n);
    for (let i = 0; i < n; i++) a[i] = i;
    if (n < 4096) INDEXES[n] = a;
  }
  return a;
}

function keysOf(val: unknown): Seg[] | undefined {
  if (Array.isArray(val)) return indexes(val.length);
  if (val && typeof val === 'object') return Object.keys(val);
  return undefined;
}

class Evaluator {
  private readonly path: Seg[] = [];
  constructor(private readonly root: unknown) {}

  private emit(out: Match[], value: unknown): void {
    const path: string[] = [];
    for (const seg of this.path) {
      const s = String(seg);
      if (!NOT_IN_POINTER.test(s)) path.push(s);
    }
    out.push({ path, value });
  }

  private down(steps: Step[], i: number, val: unknown, key: Seg, out: Match[], literal: boolean): void {
    this.path.push(key);
    this.trace(steps, i, (val as any)[key], val, key, out, literal);
    this.path.pop();
  }

  /** `_trace` of jsonpath-plus: steps[i..] from `val`, whose parent and key are given. */
  trace(steps: Step[], i: number, val: unknown, parent: unknown, parentProp: Seg | null, out: Match[], literal = false): void {
    if (i === steps.length) return this.emit(out, val);
    const step = steps[i];
    if (literal && has(val, step.loc)) return this.down(steps, i + 1, val, step.loc, out, false);
    switch (step.kind) {
      case 'star':
        for (const m of keysOf(val) ?? []) this.down(steps, i + 1, val, m, out, true);
        return;
      case 'desc':
        this.trace(steps, i + 1, val, parent, parentProp, out);
        for (const m of keysOf(val) ?? []) if (typeof (val as any)[m] === 'object') this.down(steps, i, val, m, out, false);
        return;
      case 'key':
        this.path.push('~');
        this.emit(out, parentProp);
        this.path.pop();
        return;
      case 'root':
        return this.trace(steps, i + 1, val, null, null, out);
      case 'filter':
        for (const m of keysOf(val) ?? []) if (step.test((val as any)[m], m, parent, parentProp, this.root)) this.down(steps, i + 1, val, m, out, false);
        return;
      case 'union': {
        const rest = steps.slice(i + 1);
        for (const part of step.parts) this.trace([part, ...rest], 0, val, parent, parentProp, out);
        return;
      }
      case 'name':
        if (has(val, step.loc)) this.down(steps, i + 1, val, step.loc, out, false);
    }
  }

  /** Every program that starts with `..`, answered in one walk: at each node, each program's next steps. */
  descend(programs: Program[], val: unknown, parent: unknown, parentProp: Seg | null): void {
    for (const p of programs) this.trace(p.steps!, 1, val, parent, parentProp, p.out);
    for (const m of keysOf(val) ?? []) {
      const child = (val as any)[m];
      if (typeof child !== 'object') continue;
      this.path.push(m);
      this.descend(programs, child, val, m);
      this.path.pop();
    }
  }
}

/**
 * The matches of each path on `json`, as `JSONPath({path, json, resultType: 'all', eval: 'safe'})` gives
 * them (in the same order), keyed by path. Throws as jsonpath-plus does on a filter that fails.
 */
export function selectAll(paths: Iterable<string>, json: unknown): Map<string, Match[]> {
  const programs = [...new Set(paths)].map(compile);
  const result = new Map<string, Match[]>();
  if (json === null || json === undefined || json === false || json === 0 || json === '') {
    for (const p of programs) result.set(p.given, []);
    return result;
  }
  const ev = new Evaluator(json);
  const shared: Program[] = [];
  for (const p of programs) {
    if (!p.steps) {
      const found = JSONPath({ path: p.given, json: json as object, resultType: 'all', eval: 'safe' }) as { pointer: string; value: unknown }[];
      p.out.push(...found.map((f) => ({ path: parsePointer(f.pointer), value: f.value })));
    } else if (p.steps[0]?.kind === 'desc') shared.push(p);
    else ev.trace(p.steps, 0, json, null, null, p.out);
  }
  if (shared.length > 0) ev.descend(shared, json, null, null);
  for (const p of programs) result.set(p.given, p.out);
  return result;
}

/** The matches of one path (a `then.field` written as JSONPath, on each selected node). */
export function select(path: string, json: unknown): Match[] {
  return selectAll([path], json).get(path)!;
}
