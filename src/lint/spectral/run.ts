// Running the custom rules of a Spectral ruleset on one document, the way Spectral 6 does: `given`
// (JSONPath) over the resolved document (or the raw one with `resolved: false`), each `then` on its
// `field`, and each result reported where its node really stands (a node reached through a `$ref` is
// reported in the component it comes from, once), with the message filled in from the rule's template.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { appendPointer } from '../../load/pointer.js';
import { isRefObject, splitRef, type NodeLocation, type Workspace } from '../../load/workspace.js';
import type { Diagnostic, Severity } from '../../model/diagnostic.js';
import type { ApiModel } from '../../model/types.js';
import { coreFunctions, printValue, type FunctionContext, type FunctionResult, type SpectralFunction } from './functions.js';
import type { CustomRule, SpectralRules } from './ruleset.js';
// JSONPath with jsonpath-plus's syntax and meaning rather than nimma's (Spectral's engine): jsonpath-plus
// loads in ~56 ms against 220-263 ms, and on the 20 `given`s of test/lint/fixtures/spectral/stripe.spectral.yaml
// it selects the same nodes as Spectral does (nimma's code generator even crashed on a `typeof` filter
// that jsonpath-plus evaluates). Evaluated by ./jsonpath.ts, which says why.
import { select as selectPath, selectAll, type Match } from './jsonpath.js';

type Seg = string | number;

/** Spectral's format names that a document has. */
export function formatsOf(model: ApiModel): Set<string> {
  const v = model.specVersion;
  if (model.format === 'openapi') {
    if (v.startsWith('2.')) return new Set(['oas2']);
    return new Set(['oas3', v.startsWith('3.1') ? 'oas3_1' : v.startsWith('3.0') ? 'oas3_0' : `oas${v}`]);
  }
  return new Set([v.startsWith('2.') ? 'asyncapi2' : 'asyncapi3']);
}

const LOCATION = Symbol('location');

/**
 * The document with `$ref`s replaced by their targets, built lazily as JSONPath walks it. A `$ref` back
 * to a node on its own way from the root stays a `$ref` (Spectral's resolver leaves cycles as they are),
 * so `$..` ends on cyclic documents.
 */
function resolvedView(ws: Workspace, value: unknown, loc: NodeLocation, up: Chain | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  let target = value;
  let where = loc;
  if (isRefObject(value)) {
    const r = ws.resolveRef(value.$ref, loc.file);
    if (!r.ok || r.value === null || typeof r.value !== 'object') return value;
    if (onChain(up, r.location)) return value;
    target = r.value;
    where = r.location;
  }
  const chain: Chain = { loc: where, up };
  const children = new Map<PropertyKey, unknown>();
  return new Proxy(target as object, {
    get(t, key) {
      if (key === LOCATION) return where;
      const raw = (t as Record<PropertyKey, unknown>)[key];
      if (typeof key === 'symbol' || raw === null || typeof raw !== 'object' || !Object.prototype.hasOwnProperty.call(t, key)) return raw;
      let child = children.get(key);
      if (child === undefined) children.set(key, (child = resolvedView(ws, raw, { file: where.file, pointer: `${where.pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}` }, chain)));
      return child;
    },
  });
}

interface Chain {
  loc: NodeLocation;
  up: Chain | undefined;
}
function onChain(c: Chain | undefined, loc: NodeLocation): boolean {
  for (; c; c = c.up) if (c.loc.file === loc.file && (c.loc.pointer === loc.pointer || c.loc.pointer.startsWith(`${loc.pointer}/`))) return true;
  return false;
}

/** Where a path of the document stands: the deepest node that exists (and the segments past it). */
function locate(data: unknown, root: NodeLocation, path: Seg[], resolved: boolean): { loc: NodeLocation; closest: Seg[]; missing: Seg[]; value: unknown } {
  let node: unknown = data;
  // Through the resolved view the deepest node that knows its own location (a $ref's target) and the
  // segments below it; the pointer is written once at the end, not once per segment.
  let base: NodeLocation = resolved ? ((data as any)?.[LOCATION] ?? root) : root;
  let from = 0;
  let i = 0;
  for (; i < path.length; i++) {
    const seg = path[i];
    if (node === null || typeof node !== 'object' || !(String(seg) in (node as object))) break;
    node = (node as Record<string, unknown>)[seg as string];
    const real = resolved && node !== null && typeof node === 'object' ? (node as any)[LOCATION] : undefined;
    if (real) {
      base = real;
      from = i + 1;
    }
  }
  const loc = from === i ? base : { file: base.file, pointer: appendPointer(base.pointer, ...path.slice(from, i)) };
  return { loc, closest: path.slice(0, i), missing: path.slice(i), value: node };
}

/** lodash `toPath`, as Spectral splits a `field`: `a.b`, `a[0]`, `a['x.y']`. */
function fieldPath(field: string): string[] {
  const out: string[] = [];
  const re = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
  let m;
  if (field.charCodeAt(0) === 46) out.push('');
  while ((m = re.exec(field))) {
    if (m[0] === '' && re.lastIndex === m.index) re.lastIndex++;
    out.push(m[2] ? m[3].replace(/\\(\\)?/g, '$1') : (m[1] ?? m[0]));
  }
  return out;
}

function targets(value: unknown, field: string | undefined): { path: Seg[]; value: unknown }[] {
  const out: { path: Seg[]; value: unknown }[] = [];
  if (value !== null && typeof value === 'object' && field !== undefined) {
    if (field === '@key') for (const k of Object.keys(value)) out.push({ path: [k], value: k });
    else if (field.startsWith('$')) {
      for (const r of selectPath(field, value)) out.push(r);
    } else {
      const p = fieldPath(field);
      let v: unknown = value;
      for (const s of p) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[s];
      out.push({ path: p, value: v });
    }
  } else out.push({ path: [], value });
  if (out.length === 0) out.push({ path: [], value: undefined });
  return out;
}

/** `printPath(path, 'dot')` of Spectral. */
function dotPath(path: Seg[]): string {
  return path.reduce<string>((s, seg, i) => {
    const str = String(seg);
    if (typeof seg === 'number') return `${s}[${seg}]`;
    if (str.length === 0) return `${s}['']`;
    if (/\s/.test(str)) return `${s}['${str}']`;
    if (!Number.isNaN(Number(str))) return `${s}[${str}]`;
    return `${s}${i === 0 ? '' : '.'}${str}`;
  }, '');
}

/** Spectral's message templates: `{{property}}`, `{{error}}`, `{{path}}`, `{{value}}`, `{{description}}`, `#{{print("value")}}`. */
export function fillMessage(template: string, vars: Record<string, unknown>): string {
  return template.replace(/#?\{\{([^}\n]+)\}\}/g, (whole, id: string) => {
    if (whole.startsWith('#')) {
      const m = /^\s*print\(\s*["']([^"']+)["']\s*\)\s*$/.exec(id);
      if (!m) return '';
      if (m[1] === 'property') return vars.property !== undefined && vars.property !== '' ? `"${String(vars.property)}" property ` : 'The document ';
      if (m[1] === 'value') return printValue(vars.value);
      return m[1] in vars && vars[m[1]] !== null ? String(vars[m[1]]) : '';
    }
    return id in vars ? String(vars[id]) : '';
  });
}

const SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

/**
 * `import()` from a plain CommonJS file beside this module (src/ under tsx, dist/lint/spectral/ from the
 * bundle in dist/bundle/): the bundle runs from V8's code cache as a script, where `import()` has no
 * loader, and tsx would turn an `import()` here into a `require`, which refuses an ES module file.
 */
function importModule(url: string): Promise<unknown> {
  const req = createRequire(import.meta.url);
  let load: ((u: string) => Promise<unknown>) | undefined;
  for (const p of ['./import.cjs', '../lint/spectral/import.cjs']) {
    try {
      load = req(p);
      break;
    } catch {
      // not beside this file: the next place
    }
  }
  return load ? load(url) : import(url);
}

const loaded = new Map<string, Promise<SpectralFunction>>();
/** A custom function: an ES module (or CommonJS) whose default export is `(targetVal, options, context)`. */
function loadFunction(file: string): Promise<SpectralFunction> {
  let p = loaded.get(file);
  if (!p) {
    p = importModule(pathToFileURL(file).href).then((m: any) => {
      const fn = typeof m.default === 'function' ? m.default : typeof m.default?.default === 'function' ? m.default.default : undefined;
      if (!fn) throw new Error(`${file} has no default export that is a function`);
      return fn as SpectralFunction;
    });
    loaded.set(file, p);
  }
  return p;
}

/** Run every custom rule that `runs` allows; findings come back with file and pointer (the engine locates them). */
export async function runSpectralRules(spectral: SpectralRules, model: ApiModel, runs: (rule: string) => boolean): Promise<Diagnostic[]> {
  const ws = model.workspace;
  const rootFile = ws.files.get(model.file)!;
  const raw = rootFile.value;
  const rootLoc: NodeLocation = { file: rootFile.file, pointer: '' };
  const formats = formatsOf(model);
  let resolvedData: unknown;
  let referenced: Set<string> | undefined;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const active = spectral.rules.filter((rule) => runs(rule.name) && (!rule.formats || rule.formats.some((f) => formats.has(f))));
  const selected = new Map<boolean, Map<string, Match[]>>();
  for (const rule of active) {
    const data = rule.resolved ? (resolvedData ??= resolvedView(ws, raw, rootLoc, undefined)) : raw;
    const context: FunctionContext = {
      path: [],
      document: { data: raw, formats },
      referenced: () =>
        (referenced ??= new Set(
          ws.references.flatMap(({ at, ref }) => {
            const [target, fragment] = splitRef(ref);
            return (target === '' ? at.file : ws.fileFor(target, at.file)) === rootFile.file ? [`#${fragment}`] : [];
          }),
        )),
      rule: { name: rule.name, resolved: rule.resolved },
    };
    try {
      await runRule(rule, data, context);
    } catch (e) {
      // A filter that does not evaluate or a custom function that throws costs this rule, not the others.
      out.push({ rule: rule.name, severity: 'error', message: `rule \`${rule.name}\` could not run: ${(e as Error).message}`, file: rootFile.file, pointer: '' });
    }
  }
  return out;

  /**
   * The nodes a `given` selects. Every `given` of the rules on one view (resolved or raw) is selected at
   * the first ask, all `$..` ones in one walk of the document: rulesets repeat their `given`s (here, five
   * of twenty rules share three), and each `$..` alone would be a walk of the whole document. A filter
   * that fails costs only the rules whose `given` it is.
   */
  function select(given: string, resolved: boolean, data: unknown): Match[] {
    let view = selected.get(resolved);
    if (!view) {
      const givens = active.filter((r) => r.resolved === resolved).flatMap((r) => r.given);
      try {
        view = selectAll(givens, data);
      } catch {
        view = new Map();
      }
      selected.set(resolved, view);
    }
    let found = view.get(given);
    if (!found) view.set(given, (found = selectPath(given, data)));
    return found;
  }

  async function runRule(rule: CustomRule, data: unknown, context: FunctionContext) {
    for (const given of rule.given) {
      for (const match of select(given, rule.resolved, data)) {
        const givenPath = match.path;
        for (const then of rule.then) {
          const fn = coreFunctions[then.function] ?? (await loadFunction(spectral.functions.get(then.function)!));
          for (const target of targets(match.value, then.field)) {
            const path = [...givenPath, ...target.path];
            let results = fn(target.value, then.functionOptions ?? null, { ...context, path });
            if (results && typeof (results as Promise<unknown>).then === 'function') results = await results;
            for (const r of (results ?? []) as FunctionResult[]) report(rule, r, r.path ?? path);
          }
        }
      }
    }
  }

  function report(rule: CustomRule, result: FunctionResult, path: Seg[]) {
    const data = rule.resolved ? resolvedData : raw;
    const at = locate(data, rootLoc, path, rule.resolved);
    const full = [...at.closest, ...at.missing];
    const vars: Record<string, unknown> = { error: result.message, description: rule.description, value: at.value };
    // `property` and `path` are written out only when a template asks for them: most results of a large
    // document never print them, and building them is most of the cost of a result.
    const asks = (name: string) => result.message.includes(name) || (rule.message !== undefined && rule.message.includes(name));
    if (asks('property')) vars.property = at.missing.length > 0 ? dotPath(full.slice(at.closest.length - 1)) : at.closest.length > 0 ? at.closest[at.closest.length - 1] : '';
    if (asks('path')) vars.path = `#${at.closest.map((s) => `/${encodeURIComponent(String(s).replace(/~/g, '~0').replace(/\//g, '~1')).replace(/%2F/g, '/')}`).join('')}`;
    const resultMessage = fillMessage(result.message, vars);
    vars.error = resultMessage;
    const message = (rule.message === undefined ? (rule.description ?? resultMessage) : fillMessage(rule.message, vars)).trim();
    // Spectral reports a result once per rule, node and message, however many paths reach the node.
    const key = `${rule.name}\0${at.loc.file}\0${at.loc.pointer}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ rule: rule.name, severity: SEVERITY[rule.severity] ?? 'warning', message, file: at.loc.file, pointer: at.loc.pointer });
  }
}
