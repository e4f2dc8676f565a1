import { CORE_SCHEMA, load as loadYaml, type LoadOptions } from 'js-yaml';
import { InputError } from './errors.js';
import { stringEnd } from './json-string.js';
import { LineTable } from './lines.js';
import { readBlockYaml } from './block-yaml.js';
import { parseYamlPair } from './yaml-entries.js';

/** Deeper than this is not a real spec; it would overflow the stack of every recursive walker after us. */
export const MAX_DEPTH = 512;
/** Aliases may expand a YAML document to at most this many nodes ("billion laughs" guard). */
export const MAX_EXPANDED_NODES = 5_000_000;

export type SourceSyntax = 'json' | 'yaml';

export interface ParsedText {
  value: unknown;
  syntax: SourceSyntax;
  /** Built when parsing needed it; the locator reuses it. */
  lines?: LineTable;
}

function looksLikeJson(text: string, file: string): boolean {
  if (file.endsWith('.json')) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b /* { */;
  }
  return false;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) (line++, (last = i));
  return { line, column: offset - last };
}

/**
 * Parse JSON or YAML 1.2 text into plain values (`lines`: the text's line table, when the caller has one).
 *
 * Speed: block YAML as API descriptions are written goes through our line reader (block-yaml.ts), which
 * reads the 4 MB Stripe YAML in about 0.13 s from a cold process, line table included, where js-yaml 4
 * takes about 0.2 s; everything else goes to js-yaml 4, itself 4x faster than `yaml`'s `parseDocument`
 * and 1.5x faster than js-yaml 5. JSON goes through `JSON.parse`. YAML 1.2 core schema: no timestamps,
 * `2022-11-15` stays a string. Source positions are not kept here; `locate.ts` finds them later, only
 * for nodes that get a finding.
 */
export function parseText(text: string, file: string, lines?: LineTable): ParsedText {
  if (text.trim() === '') throw new InputError('file is empty', file);
  if (looksLikeJson(text, file)) {
    try {
      checkJsonDepth(text, file);
      const value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      return { value, syntax: 'json' };
    } catch (e) {
      if (e instanceof InputError) throw e;
      if (file.endsWith('.json')) {
        const m = /position (\d+)/.exec(String((e as Error).message));
        const at = m ? lineCol(text, Number(m[1])) : undefined;
        const reason = String((e as Error).message).replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
        throw new InputError(`invalid JSON: ${reason}`, file, at?.line, at?.column);
      }
      // Not strict JSON (comments, trailing commas, flow YAML): let the YAML parser have it.
    }
  }
  const block = readBlockYaml(text, MAX_DEPTH, lines);
  if (block) return { value: block.value, syntax: 'yaml', lines: block.lines };
  const anchors = hasToken(text, '&', ANCHOR);
  let value: unknown;
  try {
    // js-yaml 4.3 bounds nesting itself (`maxDepth`; not yet in its type definitions).
    value = loadYaml(text, { filename: file, schema: CORE_SCHEMA, maxDepth: MAX_DEPTH } as LoadOptions);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as { reason?: string; mark?: { line: number; column: number }; message?: string };
    if (e instanceof RangeError) throw new InputError(`nested deeper than the parser can follow (limit ${MAX_DEPTH})`, file);
    if (err.reason) {
      const reason =
        err.reason === 'duplicated mapping key'
          ? 'duplicate key'
          : /maxDepth/.test(err.reason)
            ? `nested deeper than ${MAX_DEPTH} levels; not a plausible API description`
            : err.reason;
      throw new InputError(`YAML: ${reason}`, file, err.mark ? err.mark.line + 1 : undefined, err.mark ? err.mark.column + 1 : undefined);
    }
    throw new InputError(`YAML: ${err.message ?? String(e)}`, file);
  }
  // Depth is bounded by the parser's maxDepth; only aliases can blow a YAML document up.
  if (anchors && hasToken(text, '*', ALIAS)) checkShape(value, file);
  return { value, syntax: 'yaml' };
}

/**
 * Parse two versions of one document (the sides of a diff). Block YAML without anchors is read
 * together, entries written identically parsed once and shared (yaml-entries.ts); anything else, and any
 * error, goes through `parseText` side by side.
 */
export function parsePair(a: { text: string; file: string }, b: { text: string; file: string }): [ParsedText, ParsedText] {
  const yamlText = (x: { text: string; file: string }) => x.text.trim() !== '' && !looksLikeJson(x.text, x.file) && !hasToken(x.text, '&', ANCHOR);
  if (!yamlText(a) || !yamlText(b)) return [parseText(a.text, a.file), parseText(b.text, b.file)];
  const la = new LineTable(a.text);
  const lb = new LineTable(b.text);
  const values = parseYamlPair(la, lb, MAX_DEPTH);
  if (values) return [{ value: values[0], syntax: 'yaml', lines: la }, { value: values[1], syntax: 'yaml', lines: lb }];
  // Parsed whole; the line tables still serve the locator.
  return [{ ...parseText(a.text, a.file, la), lines: la }, { ...parseText(b.text, b.file, lb), lines: lb }];
}

/** An alias token (`*name` after whitespace or a flow indicator): only then can a document expand. */
const ALIAS = /(?:^|[\s[{,])\*[^\s,[\]{}]/m;
/** An anchor (`&name`): without one there is nothing to alias (markdown `**bold**` is not an alias). */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]/m;

/**
 * Whether `pattern` matches around some occurrence of `mark`: `indexOf` finds the few candidates, where
 * the regular expression alone walked all 4 MB of a large description.
 */
function hasToken(text: string, mark: string, pattern: RegExp): boolean {
  for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
    if (pattern.test(text.slice(Math.max(0, i - 1), i + 2))) return true;
  }
  return false;
}

/** Bracket depth of JSON text, strings skipped: one pass, no allocation (JSON has no aliases). */
function checkJsonDepth(text: string, file: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(text, i) - 1;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) throw new InputError(`nested deeper than ${MAX_DEPTH} levels; not a plausible API description`, file, ...lineColArr(text, i));
    } else if (c === 125 || c === 93) depth--;
  }
}

function lineColArr(text: string, offset: number): [number, number] {
  const { line, column } = lineCol(text, offset);
  return [line, column];
}

/**
 * Depth and alias-expansion guard, one iterative pass over distinct nodes. Aliased subtrees are
 * shared objects in js-yaml's output, so their expanded size is computed by memoising on identity.
 */
function checkShape(root: unknown, file: string): void {
  if (root === null || typeof root !== 'object') return;
  const size = new Map<object, number>();
  let shared = false;
  // Post-order iterative walk: [node, depth, childrenPushed]
  const stack: [object, number, boolean][] = [[root as object, 1, false]];
  const onStack = new Set<object>();
  const visited = new Set<object>();
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, depth, expanded] = top;
    if (!expanded) {
      if (size.has(node)) {
        stack.pop();
        continue;
      }
      if (depth > MAX_DEPTH) throw new InputError(`nested deeper than ${MAX_DEPTH} levels; not a plausible API description`, file);
      top[2] = true;
      onStack.add(node);
      for (const child of Object.values(node)) {
        if (child === null || typeof child !== 'object') continue;
        if (visited.has(child)) shared = true;
        else visited.add(child);
        if (size.has(child)) continue;
        if (onStack.has(child)) throw new InputError('YAML alias refers to its own ancestor (a recursive alias)', file);
        stack.push([child, depth + 1, false]);
      }
    } else {
      stack.pop();
      onStack.delete(node);
      let n = 1;
      for (const child of Object.values(node)) if (child !== null && typeof child === 'object') n += size.get(child) ?? 1;
      else n++;
      if (n > MAX_EXPANDED_NODES)
        throw new InputError(
          shared
            ? `YAML aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (an alias bomb?)`
            : `document has more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes`,
          file,
        );
      size.set(node, n);
    }
  }
}
