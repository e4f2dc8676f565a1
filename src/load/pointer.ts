import jsonPointer from 'json-pointer';

/** JSON pointer helpers (RFC 6901), backed by the json-pointer package. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  // Not json-pointer's `parse` for the pointers we build ourselves: it splits by a regular expression
  // and runs two replaces on every token. Locating the 14,590 findings of a custom ruleset on Stripe
  // spent 54 ms in it (CPU profile), most of it on tokens that hold no `~`. Anything not starting
  // with `/` still goes to the library, for its error.
  if (pointer.charCodeAt(0) !== 47) return jsonPointer.parse(pointer);
  const tokens = pointer.slice(1).split('/');
  if (pointer.includes('~')) for (let i = 0; i < tokens.length; i++) if (tokens[i].includes('~')) tokens[i] = tokens[i].replace(/~1/g, '/').replace(/~0/g, '~');
  return tokens;
}

export function compilePointer(tokens: readonly (string | number)[]): string {
  return tokens.length === 0 ? '' : jsonPointer.compile(tokens.map(String));
}

export function appendPointer(pointer: string, ...tokens: (string | number)[]): string {
  let out = pointer;
  for (const t of tokens) {
    const s = String(t);
    out += '/' + (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
  }
  return out;
}

/** Value at `pointer` inside `root`, or undefined. Does not follow `$ref`. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, token) ? (cur as Record<string, unknown>)[token] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/**
 * Whether a string is a JSON pointer. A `$ref` fragment that is not one (`#foo`, `common.yml#name`) is
 * an anchor or a mistake; specs carry it as untrusted text, so it is reported, never parsed as a pointer.
 */
export function isPointer(s: string): boolean {
  return s === '' || s.startsWith('/');
}

/** Decode a URI fragment (`#/a/b%20c`) into a JSON pointer. */
export function fragmentToPointer(fragment: string): string {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    return decodeURIComponent(f);
  } catch {
    return f;
  }
}

/**
 * A node met while walking a document, with the way back to the root. Walks over a whole large
 * document build the JSON pointer only for the few nodes they report (a pointer string per node costs
 * tens of milliseconds on Stripe's description).
 */
export interface PathEntry {
  value: unknown;
  parent?: PathEntry;
  key?: string | number;
}

export function pathEntryPointer(e: PathEntry): string {
  const tokens: (string | number)[] = [];
  for (let cur: PathEntry | undefined = e; cur?.parent; cur = cur.parent) tokens.push(cur.key!);
  return appendPointer('', ...tokens.reverse());
}
