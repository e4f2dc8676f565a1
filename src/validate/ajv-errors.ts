/**
 * Turns raw Ajv errors into one clear message per real problem.
 *
 * The compiled validators run with `allErrors` and `verbose`, so each error carries the failing value and the
 * schema around it. Alternatives (`oneOf`/`anyOf`) report errors of every branch; here the branch the document
 * meant is kept and the others are dropped, wrapper errors (`oneOf`, `anyOf`, `if`) are dropped when a child
 * error explains them, and every message names the value, the place and what was expected.
 */
import { closest, distance } from 'fastest-levenshtein';

/** The subset of Ajv's ErrorObject (with `verbose: true`) that is used here. */
export interface AjvError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, any>;
  message?: string;
  schema?: unknown;
  parentSchema?: any;
  data?: unknown;
}

export interface Problem {
  /** JSON pointer into the document. */
  pointer: string;
  message: string;
}

export type Format = 'asyncapi' | 'openapi';

const WRAPPERS = new Set(['oneOf', 'anyOf', 'if', 'allOf']);

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodePointer(segments: string[]): string {
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function valueAt(doc: unknown, pointer: string): unknown {
  let node: any = doc;
  for (const seg of decodePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[seg];
  }
  return node;
}

const isReferenceObject = (v: unknown): boolean =>
  !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as any).$ref === 'string';

const under = (path: string, base: string) => path === base || path.startsWith(base + '/');

/**
 * Keeps, for each failing alternative, only the errors of the alternative that got furthest: the one with the
 * fewest errors of its own, preferring one that did not fail on the value's JSON type.
 */
function pruneAlternatives(errors: AjvError[]): AjvError[] {
  const dropped = new Set<number>();
  errors.forEach((err, k) => {
    if (err.keyword !== 'oneOf' && err.keyword !== 'anyOf') return;
    const base = err.instancePath;
    let start = k;
    while (start > 0 && under(errors[start - 1].instancePath, base)) start--;
    const prefix = err.schemaPath + '/';
    const branches = new Map<number, number[]>();
    for (let j = start; j < k; j++) {
      if (dropped.has(j)) continue;
      const sp = errors[j].schemaPath;
      if (!sp.startsWith(prefix)) continue;
      const branch = Number(sp.slice(prefix.length).split('/')[0]);
      if (!Number.isInteger(branch)) continue;
      if (!branches.has(branch)) branches.set(branch, []);
      branches.get(branch)!.push(j);
    }
    // an alternative that only failed on the JSON type of the value was not the one meant, when others exist
    const typeOnly = (idxs: number[]) => idxs.every((j) => errors[j].keyword === 'type' && errors[j].instancePath === base);
    const inRun = k - start;
    for (const [branch, idxs] of branches) {
      if (typeOnly(idxs) && inRun > idxs.length) {
        for (const j of idxs) dropped.add(j);
        branches.delete(branch);
      }
    }
    if (branches.size < 2) return;
    // every alternative only misses a property: say which ones would do
    const onlyRequired = [...branches.values()].every((idxs) =>
      idxs.every((j) => errors[j].keyword === 'required' && errors[j].instancePath === base),
    );
    if (onlyRequired && branches.size === k - start) {
      const names = [...branches.values()].map((idxs) => idxs.map((j) => errors[j].params.missingProperty as string));
      for (const idxs of branches.values()) for (const j of idxs) dropped.add(j);
      errors[k] = { ...err, keyword: 'requiredAlternatives', params: { alternatives: names } };
      return;
    }
    const score = (idxs: number[]) => {
      const typeMiss = idxs.some((j) => errors[j].keyword === 'type' && errors[j].instancePath === base);
      const depth = Math.max(...idxs.map((j) => errors[j].instancePath.length));
      return [typeMiss ? 1 : 0, idxs.length, -depth];
    };
    const ranked = [...branches.entries()].sort((a, b) => {
      const sa = score(a[1]);
      const sb = score(b[1]);
      for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] - sb[i];
      return a[0] - b[0];
    });
    for (const [, idxs] of ranked.slice(1)) for (const j of idxs) dropped.add(j);
  });
  return errors.filter((_, i) => !dropped.has(i));
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query']);

const COMPONENT_NAMES: Record<string, string> = {
  schemas: 'schema',
  servers: 'server',
  serverVariables: 'server variable',
  channels: 'channel',
  operations: 'operation',
  messages: 'message',
  securitySchemes: 'security scheme',
  parameters: 'parameter',
  correlationIds: 'correlation id',
  operationTraits: 'operation trait',
  messageTraits: 'message trait',
  replies: 'reply',
  replyAddresses: 'reply address',
  serverBindings: 'server bindings',
  channelBindings: 'channel bindings',
  operationBindings: 'operation bindings',
  messageBindings: 'message bindings',
  tags: 'tag',
  externalDocs: 'external docs',
  responses: 'response',
  examples: 'example',
  requestBodies: 'request body',
  headers: 'header',
  links: 'link',
  callbacks: 'callback',
  pathItems: 'path item',
};

/** The deepest named thing a pointer lies in (`channel \`x\``, `operation \`GET /pets\``), and how deep it is. */
function anchor(segs: string[], format: Format): { label: string; depth: number } | undefined {
  let found: { label: string; depth: number } | undefined;
  const [a, b, c, d, e] = segs;
  if (format === 'asyncapi') {
    if (a === 'channels' && b !== undefined) {
      found = { label: `channel \`${b}\``, depth: 2 };
      if ((c === 'publish' || c === 'subscribe') && segs.length >= 3) {
        found = { label: `${c} operation of channel \`${b}\``, depth: 3 };
        if (d === 'message' && segs.length >= 4) found = { label: `message of ${c} operation of channel \`${b}\``, depth: 4 };
      }
      if (c === 'messages' && d !== undefined) found = { label: `message \`${d}\` of channel \`${b}\``, depth: 4 };
      if (c === 'parameters' && d !== undefined) found = { label: `parameter \`${d}\` of channel \`${b}\``, depth: 4 };
    } else if (a === 'operations' && b !== undefined) {
      found = { label: `operation \`${b}\``, depth: 2 };
      if (c === 'reply' && segs.length >= 3) found = { label: `reply of operation \`${b}\``, depth: 3 };
    } else if (a === 'servers' && b !== undefined) {
      found = { label: `server \`${b}\``, depth: 2 };
      if (c === 'variables' && d !== undefined) found = { label: `variable \`${d}\` of server \`${b}\``, depth: 4 };
    }
  } else {
    if ((a === 'paths' || a === 'webhooks') && b !== undefined) {
      const kind = a === 'paths' ? 'path' : 'webhook';
      found = { label: `${kind} \`${b}\``, depth: 2 };
      if (c !== undefined && HTTP_METHODS.has(c)) {
        const op = a === 'paths' ? `${c.toUpperCase()} ${b}` : `${c.toUpperCase()} webhook ${b}`;
        found = { label: `operation \`${op}\``, depth: 3 };
        if (d === 'responses' && e !== undefined) found = { label: `response \`${e}\` of \`${op}\``, depth: 5 };
        if (d === 'requestBody' && segs.length >= 4) found = { label: `request body of \`${op}\``, depth: 4 };
      }
    } else if (a === 'servers' && b !== undefined) {
      found = { label: `server ${b}`, depth: 2 };
    }
  }
  if (a === 'components' && b !== undefined && c !== undefined && segs.length >= 3) {
    const kind = COMPONENT_NAMES[b] ?? b;
    found = { label: `${kind} \`${c}\``, depth: 3 };
    if (format === 'asyncapi' && b === 'channels' && d === 'messages' && e !== undefined) {
      found = { label: `message \`${e}\` of channel \`${c}\``, depth: 5 };
    }
  }
  return found;
}

function dotted(segs: string[]): string {
  let out = '';
  for (const s of segs) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** How a pointer is named in a message: "the document root", "`info`", "`action` in operation `x`". */
export function describePointer(pointer: string, format: Format): string {
  const segs = decodePointer(pointer);
  if (segs.length === 0) return 'the document root';
  const anc = anchor(segs, format);
  if (!anc) return `\`${dotted(segs)}\``;
  const rest = segs.slice(anc.depth);
  return rest.length === 0 ? anc.label : `\`${dotted(rest)}\` in ${anc.label}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) text = String(value);
  if (text.length > 60) text = text.slice(0, 57) + '...';
  return `\`${text}\``;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  if (typeof value === 'boolean') return `\`${value}\``;
  if (typeof value === 'string') return `the string ${show(value)}`;
  return typeof value;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function suggest(word: string, candidates: string[]): string | undefined {
  const pool = candidates.filter((c) => c !== word);
  if (pool.length === 0) return undefined;
  const best = closest(word, pool);
  const d = distance(word.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function allowedKeys(parentSchema: any): string[] {
  const keys = Object.keys(parentSchema?.properties ?? {});
  return keys.sort();
}

function namePatterns(parentSchema: any): string[] {
  return Object.keys(parentSchema?.patternProperties ?? {}).filter((p) => !p.startsWith('^x-'));
}

/** One message for one Ajv error (after pruning); undefined for errors that say nothing new. */
function explain(err: AjvError, doc: unknown, format: Format): Problem | undefined {
  const at = err.instancePath;
  const where = describePointer(at, format);
  const value = 'data' in err ? err.data : valueAt(doc, at);
  const p = err.params;
  switch (err.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key: string = p.additionalProperty ?? p.unevaluatedProperty;
      const pointer = at + encodePointer([key]);
      const keys = allowedKeys(err.parentSchema);
      const patterns = namePatterns(err.parentSchema);
      if (keys.length === 0 && patterns.length > 0) {
        return { pointer, message: `name \`${key}\` in ${where} is not allowed: names must match \`${patterns[0]}\`` };
      }
      const hint = suggest(key, keys);
      let message = `unknown property \`${key}\` in ${where}`;
      if (hint) message += `; did you mean \`${hint}\`?`;
      else if (key.startsWith('x') && !key.startsWith('x-')) message += '; extensions must start with `x-`';
      return { pointer, message };
    }
    case 'required':
      return { pointer: at, message: `${where} is missing required \`${p.missingProperty}\`` };
    case 'requiredAlternatives': {
      const alts = (p.alternatives as string[][]).map((names) => names.map((n) => `\`${n}\``).join(' and '));
      return { pointer: at, message: `${where} must have ${alts.length === 2 ? 'either ' : 'one of '}${orList(alts)}` };
    }
    case 'dependencies':
    case 'dependentRequired':
      return { pointer: at, message: `${where} has \`${p.property}\`, so it also needs \`${p.missingProperty}\`` };
    case 'type': {
      const types = String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t);
      return { pointer: at, message: `${where} must be ${orList(types)}; found ${kindOf(value)}` };
    }
    case 'enum': {
      const allowed: unknown[] = p.allowedValues ?? [];
      const list = allowed.map((v) => show(v));
      let message =
        allowed.length === 1
          ? `${where} must be ${list[0]}; found ${show(value)}`
          : `${where} must be one of ${list.join(', ')}; found ${show(value)}`;
      if (typeof value === 'string') {
        const hint = suggest(value, allowed.filter((v): v is string => typeof v === 'string'));
        if (hint) message += `; did you mean \`${hint}\`?`;
      }
      return { pointer: at, message };
    }
    case 'const':
      return { pointer: at, message: `${where} must be ${show(p.allowedValue)}; found ${show(value)}` };
    case 'pattern':
      return { pointer: at, message: `${where} must match the pattern \`${p.pattern}\`; found ${show(value)}` };
    case 'propertyNames':
      return undefined; // the child error (pattern/enum on the name) is turned into a message below
    case 'format':
      return { pointer: at, message: `${where} must be a valid ${p.format}; found ${show(value)}` };
    case 'minLength':
      return { pointer: at, message: `${where} must be at least ${p.limit} characters long` };
    case 'maxLength':
      return { pointer: at, message: `${where} must be at most ${p.limit} characters long` };
    case 'minItems':
      return { pointer: at, message: `${where} must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}` };
    case 'maxItems':
      return { pointer: at, message: `${where} must have at most ${p.limit} item${p.limit === 1 ? '' : 's'}` };
    case 'minProperties':
      return { pointer: at, message: `${where} must have at least ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}` };
    case 'maxProperties':
      return { pointer: at, message: `${where} must have at most ${p.limit} entr${p.limit === 1 ? 'y' : 'ies'}` };
    case 'uniqueItems':
      return { pointer: at, message: `${where} must not repeat items (items ${p.j} and ${p.i} are the same)` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'greater than',
        exclusiveMaximum: 'less than',
      };
      return { pointer: at, message: `${where} must be ${words[err.keyword]} ${p.limit}; found ${show(value)}` };
    }
    case 'multipleOf':
      return { pointer: at, message: `${where} must be a multiple of ${p.multipleOf}; found ${show(value)}` };
    case 'not': {
      const req: string[] | undefined = (err.schema as any)?.required;
      if (Array.isArray(req) && req.length > 1) {
        return { pointer: at, message: `${where} must not have both ${req.map((r) => `\`${r}\``).join(' and ')}` };
      }
      if (Array.isArray(req) && req.length === 1) {
        return { pointer: at + encodePointer([req[0]]), message: `\`${req[0]}\` is not allowed in ${where}` };
      }
      return { pointer: at, message: `${where} has a form that is not allowed here` };
    }
    case 'false schema':
      return { pointer: at, message: `${where} is not allowed here` };
    case 'oneOf':
      if (Array.isArray(p.passingSchemas)) {
        return { pointer: at, message: `${where} matches more than one of the allowed forms; it must match exactly one` };
      }
      return { pointer: at, message: `${where} does not match any of the allowed forms` };
    case 'anyOf':
      return { pointer: at, message: `${where} does not match any of the allowed forms` };
    case 'contains':
      return { pointer: at, message: `${where} must contain at least ${p.minContains ?? 1} matching item` };
    default:
      return { pointer: at, message: `${where} is invalid (${err.keyword})` };
  }
}

/** Messages for property-name errors: Ajv reports them at the object, with the name in `propertyName`. */
function explainName(err: AjvError, nameErr: AjvError, format: Format): Problem {
  const name: string = err.params.propertyName;
  const where = describePointer(err.instancePath, format);
  const pointer = err.instancePath + encodePointer([name]);
  if (nameErr.keyword === 'pattern') {
    return { pointer, message: `name \`${name}\` in ${where} is not allowed: names must match \`${nameErr.params.pattern}\`` };
  }
  if (nameErr.keyword === 'enum') {
    const allowed = (nameErr.params.allowedValues as unknown[]).map((v) => `\`${v}\``);
    const hint = suggest(name, nameErr.params.allowedValues as string[]);
    return {
      pointer,
      message: `unknown property \`${name}\` in ${where}; allowed: ${allowed.join(', ')}${hint ? `; did you mean \`${hint}\`?` : ''}`,
    };
  }
  return { pointer, message: `name \`${name}\` in ${where} is not allowed` };
}

export function explainErrors(raw: readonly AjvError[], doc: unknown, format: Format): Problem[] {
  // 1. a Reference Object is validated where it points to, not here
  let errors = raw.filter((e) => !isReferenceObject(valueAt(doc, e.instancePath)));
  // 2. keep the alternative the document meant
  errors = pruneAlternatives(errors);
  // a failed subschema drops its annotations, so `unevaluatedProperties` then also flags properties it knew
  errors = errors.filter(
    (e) =>
      e.keyword !== 'unevaluatedProperties' ||
      !errors.some((o) => o !== e && !WRAPPERS.has(o.keyword) && o.keyword !== 'unevaluatedProperties' && o.instancePath === e.instancePath),
  );
  // 3. wrappers are explained by their children
  const problems: Problem[] = [];
  for (let i = 0; i < errors.length; i++) {
    const err = errors[i];
    if (WRAPPERS.has(err.keyword)) {
      if (err.keyword === 'if' || err.keyword === 'allOf') continue;
      const explained = errors.some((o, j) => j < i && !WRAPPERS.has(o.keyword) && under(o.instancePath, err.instancePath));
      if (explained && !(err.keyword === 'oneOf' && Array.isArray(err.params.passingSchemas))) continue;
    }
    if (err.keyword === 'propertyNames') {
      // its child error comes right before it, at the same instance path, with `propertyName` set
      const child = errors
        .slice(0, i)
        .reverse()
        .find((o) => o.instancePath === err.instancePath && o.params.propertyName === undefined && o.schemaPath.startsWith(err.schemaPath));
      problems.push(explainName(err, child ?? err, format));
      continue;
    }
    if (i + 1 < errors.length && errors[i + 1].keyword === 'propertyNames' && errors[i + 1].instancePath === err.instancePath && err.schemaPath.startsWith(errors[i + 1].schemaPath)) {
      continue; // explained with its propertyNames error
    }
    const problem = explain(err, doc, format);
    if (problem) problems.push(problem);
  }
  return mergeAndSort(problems);
}

/** One message per (pointer, text); merged enum and type messages for the same value. */
function mergeAndSort(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = p.pointer + '\u0000' + p.message;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
