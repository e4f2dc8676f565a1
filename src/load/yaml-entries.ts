import { CORE_SCHEMA, load as loadYaml, type LoadOptions } from 'js-yaml';
import { blockYamlReadable, readBlockYamlLines } from './block-yaml.js';
import { hasLoneCarriageReturn, isDash, type LineTable } from './lines.js';

/** Differing entries longer than this many lines are compared entry by entry themselves. */
const SPLIT_LINES = 40;

/** The text is not plain block YAML here: the caller parses both documents whole (and reports errors). */
const FAIL = Symbol('not plain block YAML');
type Fail = typeof FAIL;

/**
 * `key:` alone on its line (a comment may follow): the value is the block below. A plain key's spaces
 * must be followed by more key, so that no two parts of the expression can take the same spaces (a
 * line of many spaces would otherwise make the match quadratic).
 */
const OPENS_BLOCK = /^ *(?:"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|[^\s#'"?&*!|>%@`,[\]{}-](?:[^\s#:]|[ \t]+(?=[^\s#:])|:(?![ \t\r]|$))*)[ \t]*:[ \t]*(?:#.*)?\r?$/;

/** Lines [from, to) of one mapping entry, and its first line (how entries are paired across documents). */
interface Span {
  from: number;
  to: number;
  head: string;
}

/**
 * Reads two YAML documents that are mostly alike, the two versions a diff compares, together: each
 * block mapping is cut into its entries by indentation, and an entry written identically in both is
 * parsed once, so both documents hold the very same object there. A typical diff then parses little
 * more than one document, and the comparison recognises unchanged parts by identity.
 *
 * Only plain block YAML is read this way. A document with anchors, directives or several documents,
 * tabs in indentation, explicit keys, a byte-order mark, a NUL byte or a lone carriage return, or anything
 * js-yaml rejects in one entry is left to the caller, which parses both whole. Every entry is parsed by
 * the line reader (block-yaml.ts) or, where it steps aside, by js-yaml; the cutting is ours too (no YAML
 * parser shares subtrees between documents).
 * test/load/yaml-entries.test.ts checks the result equals a whole parse on real descriptions and their
 * consecutive versions.
 */
export function parseYamlPair(a: LineTable, b: LineTable, maxDepth: number): [unknown, unknown] | undefined {
  if (!readable(a.text) || !readable(b.text)) return undefined;
  const ra = new Reader(a, maxDepth);
  const rb = new Reader(b, maxDepth);
  const fa = ra.first();
  const fb = rb.first();
  if (fa < 0 || fb < 0) return undefined;
  const pair = mappingPair(ra, fa, a.starts.length, a.indent[fa], rb, fb, b.starts.length, b.indent[fb], 0);
  return pair === FAIL ? undefined : pair;
}

function mappingPair(ra: Reader, fa: number, ta: number, ca: number, rb: Reader, fb: number, tb: number, cb: number, depth: number): [unknown, unknown] | Fail {
  const ea = ra.entries(fa, ta, ca);
  const eb = rb.entries(fb, tb, cb);
  if (ea === FAIL || eb === FAIL) return FAIL;
  const byHead = new Map<string, Span>();
  for (const e of ea) byHead.set(e.head, e);
  /** Values of A's entries settled together with their B counterpart, by A span. */
  const settled = new Map<Span, [string, unknown]>();
  const outB: [string, unknown][] = [];
  for (const e of eb) {
    const twin = byHead.get(e.head);
    let entry: [string, unknown] | Fail = FAIL;
    if (twin && !settled.has(twin)) {
      const ta = ra.text(twin);
      if (ta === rb.text(e)) {
        const one = ra.whole(twin, depth);
        if (one === FAIL) return FAIL;
        settled.set(twin, one);
        entry = one;
      } else if (twin.to - twin.from > SPLIT_LINES && e.to - e.from > SPLIT_LINES) {
        const sa = ra.below(twin, ca);
        const sb = rb.below(e, cb);
        if (sa && sb) {
          const key = ra.whole({ from: twin.from, to: twin.from + 1 }, depth);
          if (key === FAIL || key[1] !== null) return FAIL;
          const values = mappingPair(ra, sa.from, twin.to, sa.col, rb, sb.from, e.to, sb.col, depth + 1);
          if (values === FAIL) return FAIL;
          settled.set(twin, [key[0], values[0]]);
          entry = [key[0], values[1]];
        }
      }
    }
    if (entry === FAIL) entry = rb.whole(e, depth);
    if (entry === FAIL) return FAIL;
    outB.push(entry);
  }
  const outA: [string, unknown][] = [];
  for (const e of ea) {
    const entry = settled.get(e) ?? ra.whole(e, depth);
    if (entry === FAIL) return FAIL;
    outA.push(entry);
  }
  const va = assemble(outA);
  const vb = assemble(outB);
  return va === FAIL || vb === FAIL ? FAIL : [va, vb];
}

/**
 * Nothing the cutting would hide from js-yaml: lines are cut at `\n` only, and blank or comment lines
 * between entries are never parsed, so a lone `\r` (a line break to YAML) or a NUL byte (an error to
 * js-yaml) there would go unseen; a byte-order mark would stand before the first key. (Directives and
 * document markers are refused where entries are cut.)
 */
function readable(text: string): boolean {
  return text.charCodeAt(0) !== 0xfeff && !text.includes('\0') && !hasLoneCarriageReturn(text);
}

function assemble(entries: [string, unknown][]): Record<string, unknown> | Fail {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    // A merge key or `__proto__` means more than an own property; a repeated key is an error to report.
    if (key === '<<' || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) return FAIL;
    out[key] = value;
  }
  return out;
}

class Reader {
  /** Whether the line reader may read this document (asked once, on the first entry). */
  private lineReader?: boolean;

  constructor(
    private readonly lines: LineTable,
    private readonly maxDepth: number,
  ) {}

  /** The first content line, or -1. */
  first(): number {
    const { indent } = this.lines;
    let l = 0;
    while (l < indent.length && indent[l] === -1) l++;
    return l < indent.length && indent[l] >= 0 ? l : -1;
  }

  /** The entries of the block mapping whose keys stand at column `col` on lines [from, to). */
  entries(from: number, to: number, col: number): Span[] | Fail {
    const { indent, text, content } = this.lines;
    const out: Span[] = [];
    let l = from;
    while (l < to && indent[l] === -1) l++;
    if (l === to) return FAIL;
    while (l < to) {
      if (indent[l] !== col || this.isDash(l)) return FAIL;
      // Explicit keys, anchors, aliases, tags, block scalars and flow collections as keys, directives (`%`),
      // and document markers (`---`, `...`; both stand at column 0, where only the root's keys are): left whole.
      const c = text.charCodeAt(content[l]);
      if (c === 63 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 91 || c === 123 || c === 37 || c === 64 || c === 96 || c === 45) return FAIL;
      if (c === 46 && text.startsWith('...', content[l])) return FAIL;
      let e = l + 1;
      for (; e < to; e++) {
        const ind = indent[e];
        if (ind === -1 || ind > col) continue;
        if (ind === col && this.isDash(e)) continue; // `key:` over a sequence at the key's own column
        if (ind === -2) return FAIL;
        break;
      }
      out.push({ from: l, to: e, head: text.slice(this.lines.starts[l], this.lines.lineEnd(l)) });
      l = e;
    }
    return out;
  }

  text(s: { from: number; to: number }): string {
    const { text, starts } = this.lines;
    return text.slice(starts[s.from], s.to < starts.length ? starts[s.to] : text.length);
  }

  /** Where the block mapping under an entry `key:` starts, when that is what the entry holds. */
  below(s: Span, col: number): { from: number; col: number } | undefined {
    const { indent } = this.lines;
    if (!OPENS_BLOCK.test(s.head)) return undefined;
    let next = s.from + 1;
    while (next < s.to && indent[next] === -1) next++;
    if (next === s.to || indent[next] <= col || this.isDash(next)) return undefined;
    return { from: next, col: indent[next] };
  }

  /**
   * Lines [from, to), one entry, parsed by the line reader on this document's line table, else by
   * js-yaml: a mapping of exactly one key.
   */
  whole(s: { from: number; to: number }, depth: number): [string, unknown] | Fail {
    let v: unknown;
    const read = (this.lineReader ??= blockYamlReadable(this.lines.text)) ? readBlockYamlLines(this.lines, this.maxDepth - depth, s.from, s.to) : undefined;
    if (read) v = read.value;
    else
      try {
        v = loadYaml(this.text(s), { schema: CORE_SCHEMA, maxDepth: this.maxDepth - depth } as LoadOptions);
      } catch {
        return FAIL;
      }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return FAIL;
    const keys = Object.keys(v);
    return keys.length === 1 ? [keys[0], (v as Record<string, unknown>)[keys[0]]] : FAIL;
  }

  /** A sequence item (`- `) starts the line's content. */
  private isDash(l: number): boolean {
    return isDash(this.lines.text, this.lines.content[l]);
  }
}
