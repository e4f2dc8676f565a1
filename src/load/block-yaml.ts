/**
 * A reader for the YAML that API descriptions are written in: block mappings and sequences, plain,
 * quoted and block scalars, one-line flow collections, comments. It gives exactly what js-yaml 4 gives
 * with the core schema, or `undefined` when the text uses anything else (anchors, tags, tabs, explicit
 * keys, several documents, multi-line flow collections) or is not valid: the caller then parses with
 * js-yaml, which also words every error.
 *
 * Why not only js-yaml: a CLI parses each file once, from a cold process, where js-yaml's character-by-
 * character state machine is slow to warm up: about 0.2 s for the 4 MB Stripe description. Reading line
 * by line, on the line table's indentation, with `indexOf` for what ends a scalar and slices for its
 * content, takes about 0.07 s less, the line table included (which the locator needs anyway). Most of
 * what remains is building the objects themselves. Scalar details (escapes, folding, chomping, the core schema's resolution of
 * `true`/`1e3`/`~`) follow js-yaml's own code and resolvers, so the two agree value for value; the
 * differential test in test/load/block-yaml.test.ts holds them to it.
 */
import { CORE_SCHEMA } from 'js-yaml';
import { isDash, LineTable } from './lines.js';

interface ImplicitType {
  resolve(data: string): boolean;
  construct(data: string): unknown;
}
/** The core schema's implicit types (null, bool, int, float), in js-yaml's order. */
const IMPLICIT = (CORE_SCHEMA as unknown as { compiledImplicit: ImplicitType[] }).compiledImplicit;

/** Thrown (preallocated, no stack) to give the text to js-yaml. */
const UNSUPPORTED = Object.freeze({ unsupported: true });

/** js-yaml's check of content characters, applied to the whole text once. */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** Characters this reader leaves to js-yaml wherever they are: tabs, carriage returns, a BOM. */
const LEFT_TO_JS_YAML = /[\t\r\uFEFF]/;
/** Any character NON_PRINTABLE might match (surrogates included): a single class, several times faster. */
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF\uD800-\uDFFF]/;

const SPACE = 32;
const LF = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/**
 * Parse `text`, or `undefined` when js-yaml should. Nesting deeper than `maxDepth / 2` is left to
 * js-yaml too. The text's line table (line starts and indentation, built here unless given) comes back
 * with the value: the locator reads it as well.
 */
export function readBlockYaml(text: string, maxDepth: number, given?: LineTable): { value: unknown; lines: LineTable } | undefined {
  if (!blockYamlReadable(text)) return undefined;
  const lines = given ?? new LineTable(text);
  const read = readBlockYamlLines(lines, maxDepth);
  return read && { value: read.value, lines };
}

/** Whether the reader may take the text at all: no tabs, carriage returns, byte-order mark or non-printables. */
export function blockYamlReadable(text: string): boolean {
  return !LEFT_TO_JS_YAML.test(text) && !hasNonPrintable(text);
}

/**
 * Lines [from, to) of a text `blockYamlReadable` accepted, read as the document their slice of the text
 * would be (diff's paired reader parses entries this way, on the whole document's line table).
 */
export function readBlockYamlLines(lines: LineTable, maxDepth: number, from = 0, to = lines.starts.length): { value: unknown } | undefined {
  // js-yaml also spends depth on trying each block node as a key: half its limit is a safe margin, but
  // not for limits this small.
  if (maxDepth < 16) return undefined;
  try {
    return { value: new BlockReader(lines, maxDepth >> 1, from, to).document() };
  } catch (e) {
    if (e === UNSUPPORTED || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** js-yaml's check, in full only for texts with a candidate (surrogate pairs, mostly). */
function hasNonPrintable(text: string): boolean {
  return MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text);
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125; // , [ ] { }
}

/** A plain scalar's value under the core schema, as js-yaml resolves it. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start null, bool, int or float: everything else stays a string.
  if (!(s.length === 0 || (c >= 48 && c <= 57) || c === 43 || c === DASH || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  for (const t of IMPLICIT) if (t.resolve(s)) return t.construct(s);
  return s;
}

/** Which mapping key a scalar makes: js-yaml turns every key into a string. */
function keyString(k: unknown): string {
  const s = String(k);
  if (s === '__proto__') throw UNSUPPORTED;
  return s;
}

class BlockReader {
  private readonly text: string;
  /** Where the text read ends: its length, or the start of line `to`. */
  private readonly n: number;
  private readonly starts: Int32Array;
  private readonly content: Int32Array;
  private readonly indent: Int32Array;
  /** Lines from `to` on are not read. */
  private readonly lineCount: number;
  private readonly from: number;
  private readonly maxDepth: number;
  /** The first line not consumed yet. */
  private line = 0;
  /** Set by plainEnd: a comment follows the scalar on its line. */
  private comment = false;
  /** Set by quoted: the position after the closing quote. */
  private quotedEnd = 0;
  private readonly colonSpace: NextOf;
  private readonly backslash: NextOf;
  private readonly spaceHash: NextOf;

  constructor(lines: LineTable, maxDepth: number, from: number, to: number) {
    this.text = lines.text;
    this.starts = lines.starts;
    this.n = to < lines.starts.length ? lines.starts[to] : lines.text.length;
    this.content = lines.content;
    this.indent = lines.indent;
    this.lineCount = to;
    this.from = from;
    this.maxDepth = maxDepth;
    // One set per document, shared by the readers of its entries (diff reads a document entry by entry).
    let f = FINDERS.get(lines);
    if (!f) FINDERS.set(lines, (f = { colonSpace: new NextOf(this.text, ': '), backslash: new NextOf(this.text, '\\'), spaceHash: new NextOf(this.text, '#', SPACE) }));
    this.colonSpace = f.colonSpace;
    this.backslash = f.backslash;
    this.spaceHash = f.spaceHash;
  }

  document(): unknown {
    const t = this.text;
    let l = this.nextContent(this.from, true);
    if (l < 0) throw UNSUPPORTED; // empty: js-yaml's answer (undefined) is the caller's business
    let at = this.content[l];
    if (this.indent[l] === 0 && t.charCodeAt(at) === DASH && t.charCodeAt(at + 1) === DASH && t.charCodeAt(at + 2) === DASH) {
      // `---` alone (or with a comment) opens the one document.
      const e = this.lineEnd(l);
      const rest = this.skipSpaces(at + 3, e);
      if (rest !== e && !(t.charCodeAt(rest) === HASH && rest > at + 3)) throw UNSUPPORTED;
      l = this.nextContent(l + 1);
      if (l < 0) throw UNSUPPORTED;
      at = this.content[l];
    } else if (this.isDocumentMarker(at) || t.charCodeAt(at) === 37 /* % */) throw UNSUPPORTED;
    const value = this.collectionAt(l, at, this.indent[l], 0);
    if (value === undefined) throw UNSUPPORTED; // a scalar or flow document
    if (this.nextContent(this.line) >= 0) throw UNSUPPORTED; // more than one node, or a marker
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Lines

  /** Offset of line `l`'s line break (or the text's end). */
  private lineEnd(l: number): number {
    return l + 1 < this.starts.length ? this.starts[l + 1] - 1 : this.text.length;
  }

  private skipSpaces(p: number, end: number): number {
    const t = this.text;
    while (p < end && t.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** `---` or `...` at `q`, followed by a space or the line end. */
  private isDocumentMarker(q: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(q);
    if ((c !== DASH && c !== 46) || t.charCodeAt(q + 1) !== c || t.charCodeAt(q + 2) !== c) return false;
    const f = t.charCodeAt(q + 3);
    return f === SPACE || f === LF || q + 3 >= this.n;
  }

  /**
   * The next line from `l` on that is neither blank nor a comment, or -1. A document marker there is
   * left to js-yaml, unless `markerOk` (the start of the document).
   */
  private nextContent(l: number, markerOk = false): number {
    const { content, lineCount } = this;
    for (; l < lineCount; l++) {
      const c = content[l];
      if (c === -1) continue;
      if (c < 0) throw UNSUPPORTED; // tab indentation
      if (!markerOk && this.indent[l] === 0 && this.isDocumentMarker(c)) throw UNSUPPORTED;
      return l;
    }
    return -1;
  }

  /** Line `l` holds only spaces (content -1 is blank or a comment). */
  private isBlank(l: number): boolean {
    const e = this.lineEnd(l);
    return this.skipSpaces(this.starts[l], e) >= e;
  }

  // ---------------------------------------------------------------------------------------------
  // Collections

  /** The block collection starting at `at` (column `col`) on line `l`: a sequence, a mapping, or undefined. */
  private collectionAt(l: number, at: number, col: number, depth: number): unknown[] | Record<string, unknown> | undefined {
    if (isDash(this.text, at)) return this.sequence(l, at, col, depth);
    const colon = this.keyColon(at, this.lineEnd(l));
    return colon >= 0 ? this.mapping(l, at, colon, col, depth) : undefined;
  }

  /**
   * A block mapping whose keys start at column `col`; its first key is at `at` on line `l` (maybe
   * mid-line, after a dash), with its colon at `firstColon`.
   */
  private mapping(l: number, at: number, firstColon: number, col: number, depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    const t = this.text;
    const out: Record<string, unknown> = {};
    let p = at;
    let colon = firstColon;
    for (;;) {
      const e = this.lineEnd(l);
      const key = keyString(this.keyValue(p, colon));
      if (Object.prototype.hasOwnProperty.call(out, key)) throw UNSUPPORTED; // js-yaml: duplicated mapping key
      const v = this.skipSpaces(colon + 1, e);
      let value: unknown;
      if (v === e || t.charCodeAt(v) === HASH) {
        this.line = l + 1;
        value = this.valueBelow(col, depth + 1, true);
      } else value = this.inline(l, v, e, col, depth + 1);
      out[key] = value;
      const q = this.nextContent(this.line);
      if (q < 0) return out;
      const i = this.indent[q];
      if (i < col) {
        this.line = q;
        return out;
      }
      if (i > col) throw UNSUPPORTED; // js-yaml: bad indentation of a mapping entry
      l = q;
      p = this.content[q];
      colon = this.keyColon(p, this.lineEnd(q));
      if (colon < 0) throw UNSUPPORTED; // not a key (a `- ` entry, a bare scalar): js-yaml's error
    }
  }

  /** A block sequence whose dashes are at column `col`; the first dash at `at` on line `l`. */
  private sequence(l: number, at: number, col: number, depth: number): unknown[] {
    if (depth > this.maxDepth) throw UNSUPPORTED;
    const t = this.text;
    const out: unknown[] = [];
    let p = at;
    for (;;) {
      const e = this.lineEnd(l);
      const v = this.skipSpaces(p + 1, e);
      let q: number;
      if (v === e || t.charCodeAt(v) === HASH) {
        this.line = l + 1;
        q = this.nextContent(this.line);
        if (q >= 0 && this.indent[q] > col) out.push(this.valueBelow(col, depth + 1, false));
        else {
          // An empty entry. js-yaml then takes a dash on the next line as this sequence's next entry,
          // whatever its column (`- -\n- x` is `[[null, x]]`).
          out.push(null);
          if (q < 0) return out;
          if (isDash(t, this.content[q])) {
            l = q;
            p = this.content[q];
            continue;
          }
          this.line = q;
          return out;
        }
      } else if (isDash(t, v)) out.push(this.sequence(l, v, v - this.starts[l], depth + 1));
      else {
        const colon = this.keyColon(v, e);
        out.push(colon >= 0 ? this.mapping(l, v, colon, v - this.starts[l], depth + 1) : this.inline(l, v, e, col, depth + 1));
      }
      q = this.nextContent(this.line);
      if (q < 0) return out;
      const i = this.indent[q];
      if (i > col) throw UNSUPPORTED; // js-yaml: bad indentation of a sequence entry
      if (i < col || !isDash(t, this.content[q])) {
        this.line = q;
        return out;
      }
      l = q;
      p = this.content[q];
    }
  }

  /**
   * The value of a key or dash with nothing after it on its line (`this.line` is the next line): a node
   * indented deeper than `parentCol`, a sequence at the same column (mapping values only), or null.
   */
  private valueBelow(parentCol: number, depth: number, sameColumnSequence: boolean): unknown {
    const q = this.nextContent(this.line);
    if (q < 0) return null;
    const i = this.indent[q];
    const at = this.content[q];
    if (i > parentCol) {
      const c = this.collectionAt(q, at, i, depth);
      if (c !== undefined) return c;
      return this.inline(q, at, this.lineEnd(q), parentCol, depth);
    }
    if (i === parentCol && sameColumnSequence && isDash(this.text, at)) return this.sequence(q, at, i, depth);
    this.line = q;
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // Keys

  /**
   * Where the `:` of a `key:` starting at `p` is (followed by a space or the line end), or -1 when the
   * line holds no simple key there.
   */
  private keyColon(p: number, e: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    let i: number;
    if (c === 34 || c === 39) {
      i = this.quotedEndOnLine(p, e);
      if (i < 0) return -1;
      i = this.skipSpaces(i, e);
      if (t.charCodeAt(i) !== COLON) return -1;
    } else {
      if (!this.canStartPlain(p, false)) return -1;
      const cs = this.colonSpace.at(p);
      if (cs < e) i = cs;
      else if (t.charCodeAt(e - 1) === COLON && e - 1 > p) i = e - 1;
      else return -1;
      if (i === p) return -1; // `: ` opens an explicit value, not a key
      if (this.spaceHash.at(p) < i) return -1; // a comment before the colon
      if (i - p > 1024) return -1; // js-yaml limits implicit keys to 1024 characters
    }
    const f = t.charCodeAt(i + 1);
    return f === SPACE || f === LF || i + 1 >= this.n ? i : -1;
  }

  /** The key before `colon`, starting at `p`: the quoted scalar's value, or the resolved plain scalar. */
  private keyValue(p: number, colon: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      return this.quoted(p, colon, colon);
    }
    let end = colon;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    return resolvePlain(t.slice(p, end));
  }

  /** End (after the closing quote) of a quoted scalar starting at `p` and closed on its line, or -1. */
  private quotedEndOnLine(p: number, e: number): number {
    const t = this.text;
    const q = t.charCodeAt(p);
    for (let i = p + 1; i < e; i++) {
      const c = t.charCodeAt(i);
      if (q === 39 && c === 39) {
        if (t.charCodeAt(i + 1) === 39) i++;
        else return i + 1;
      } else if (q === 34) {
        if (c === 92) i++;
        else if (c === 34) return i + 1;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Scalars and flow collections after a key or dash

  /**
   * The node starting at `p` on line `l` (ending at `e`), the value of an entry of a block collection at
   * column `parentCol`. Sets `this.line` to the line after it.
   */
  private inline(l: number, p: number, e: number, parentCol: number, depth: number): unknown {
    const t = this.text;
    if (depth > this.maxDepth) throw UNSUPPORTED;
    const c = t.charCodeAt(p);
    if (c === 124 || c === 62) return this.blockScalar(l, p, parentCol + 1); // | >
    if (c === 34 || c === 39) {
      const value = this.quoted(p, this.n, e);
      const end = this.quotedEnd;
      let last = l;
      while (last + 1 < this.lineCount && this.starts[last + 1] < end) last++;
      this.afterNode(end, this.lineEnd(last));
      this.line = last + 1;
      return value;
    }
    if (c === 91 || c === 123) {
      const r = this.flow(p, e, depth);
      this.afterNode(r.end, e);
      this.line = l + 1;
      return r.value;
    }
    if (!this.canStartPlain(p, false) || c === COLON) throw UNSUPPORTED;
    return this.plain(l, p, e, parentCol);
  }

  /** After a quoted scalar or flow collection ending at `end`, only spaces and a comment may follow on its line. */
  private afterNode(end: number, e: number): void {
    const after = this.skipSpaces(end, e);
    if (after !== e && !(this.text.charCodeAt(after) === HASH && after > end)) throw UNSUPPORTED;
  }

  /** js-yaml's test of a plain scalar's first character. */
  private canStartPlain(p: number, inFlow: boolean): boolean {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === SPACE || c === LF || isFlowIndicator(c)) return false;
    // # & * ! | > ' " % @ `
    if (c === HASH || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96) return false;
    if (c === 63 || c === DASH) {
      const f = t.charCodeAt(p + 1);
      if (f === SPACE || f === LF || p + 1 >= this.n || (inFlow && isFlowIndicator(f))) return false;
    }
    return true;
  }

  /**
   * A plain scalar in block context from `p` on line `l` (ending at `e`), continued on following lines
   * indented deeper than `parentCol`; folded and resolved as js-yaml does.
   */
  private plain(l: number, p: number, e: number, parentCol: number): unknown {
    const t = this.text;
    let value = t.slice(p, this.plainEnd(p, e));
    let next = l + 1;
    if (!this.comment) {
      const { content, indent, lineCount } = this;
      let empty = 0;
      for (let k = l + 1; k < lineCount; k++) {
        const c = content[k];
        if (c === -1) {
          if (!this.isBlank(k)) break; // a comment ends the scalar
          empty++;
          continue;
        }
        if (c < 0) throw UNSUPPORTED;
        if (indent[k] <= parentCol) break;
        const end = this.plainEnd(c, this.lineEnd(k));
        value += empty === 0 ? ' ' : '\n'.repeat(empty);
        value += t.slice(c, end);
        empty = 0;
        next = k + 1;
        if (this.comment) break;
      }
    }
    this.line = next;
    return resolvePlain(value);
  }

  /**
   * Where a plain scalar's content from `p` on a line ending at `e` ends (trailing spaces cut); sets
   * `this.comment` when a comment follows. A `: ` inside is a mapping js-yaml rejects here: left to it.
   */
  private plainEnd(p: number, e: number): number {
    const t = this.text;
    let end = e;
    const hash = this.spaceHash.at(p);
    this.comment = hash < e;
    if (this.comment) end = hash;
    if (this.colonSpace.at(p) < end || (end === e && t.charCodeAt(e - 1) === COLON)) throw UNSUPPORTED;
    while (end > p && t.charCodeAt(end - 1) === SPACE) end--;
    return end;
  }

  /**
   * A single- or double-quoted scalar starting at `p`, closed before `limit`: js-yaml's reading,
   * escapes and line folding included. Returns its value; `quotedEnd` is then the position after the
   * closing quote.
   */
  private quoted(p: number, limit: number, lineEnd: number): string {
    const t = this.text;
    const double = t.charCodeAt(p) === 34;
    // Most quoted scalars close on their line (which ends at `lineEnd`) with nothing to unescape: found
    // by `indexOf`.
    const close = t.indexOf(double ? '"' : "'", p + 1);
    if (close >= 0 && close < limit && close < lineEnd) {
      if (double ? this.backslash.at(p) > close : t.charCodeAt(close + 1) !== 39) {
        this.quotedEnd = close + 1;
        return t.slice(p + 1, close);
      }
    }
    let result = '';
    let i = p + 1;
    let start = i;
    let contentEnd = i;
    while (i < limit) {
      const c = t.charCodeAt(i);
      if (!double && c === 39) {
        result += t.slice(start, i);
        if (t.charCodeAt(i + 1) === 39) {
          result += "'";
          i += 2;
          start = contentEnd = i;
          continue;
        }
        this.quotedEnd = i + 1;
        return result;
      }
      if (double && c === 34) {
        result += t.slice(start, i);
        this.quotedEnd = i + 1;
        return result;
      }
      if (double && c === 92) {
        result += t.slice(start, i);
        const x = t.charCodeAt(i + 1);
        if (x === LF) {
          i = this.skipLineBreaks(i + 1).p; // an escaped line break joins the lines
          if (i >= this.n || (this.lineStartOf(i) === i && this.isDocumentMarker(i))) throw UNSUPPORTED;
        } else {
          const simple = x < 256 ? SIMPLE_ESCAPES[x] : undefined;
          if (simple !== undefined) {
            result += simple;
            i += 2;
          } else {
            const len = x === 120 ? 2 : x === 117 ? 4 : x === 85 ? 8 : 0; // x u U
            if (len === 0) throw UNSUPPORTED;
            let code = 0;
            for (let k = 0; k < len; k++) {
              const h = hexValue(t.charCodeAt(i + 2 + k));
              if (h < 0) throw UNSUPPORTED;
              code = code * 16 + h;
            }
            if (code > 0x10ffff) throw UNSUPPORTED;
            result += String.fromCodePoint(code);
            i += 2 + len;
          }
        }
        start = contentEnd = i;
        continue;
      }
      if (c === LF) {
        result += t.slice(start, contentEnd);
        const s = this.skipLineBreaks(i);
        if (s.p >= this.n || (this.lineStartOf(s.p) === s.p && this.isDocumentMarker(s.p))) throw UNSUPPORTED;
        result += s.breaks === 1 ? ' ' : '\n'.repeat(s.breaks - 1);
        i = start = contentEnd = s.p;
        continue;
      }
      i++;
      if (c !== SPACE) contentEnd = i;
    }
    throw UNSUPPORTED; // not closed
  }

  /** From a line break at `p`: skip blank lines and leading spaces; how many line breaks were passed. */
  private skipLineBreaks(p: number): { p: number; breaks: number } {
    const t = this.text;
    let breaks = 0;
    while (t.charCodeAt(p) === LF) {
      breaks++;
      p++;
      while (t.charCodeAt(p) === SPACE) p++;
    }
    return { p, breaks };
  }

  private lineStartOf(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /**
   * A `|` or `>` block scalar whose header is at `p` on line `l`; `nodeIndent` is the parent's column
   * plus one. js-yaml's readBlockScalar, line by line.
   */
  private blockScalar(l: number, p: number, nodeIndent: number): string {
    const t = this.text;
    const folding = t.charCodeAt(p) === 62;
    let chomping = 0; // 0 clip, 1 keep, -1 strip
    let textIndent = nodeIndent;
    let detectedIndent = false;
    let i = p + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 43 || c === DASH) {
        if (chomping !== 0) throw UNSUPPORTED;
        chomping = c === 43 ? 1 : -1;
      } else if (c >= 49 && c <= 57) {
        if (detectedIndent) throw UNSUPPORTED;
        textIndent = nodeIndent + (c - 48) - 1;
        detectedIndent = true;
      } else break;
      i++;
    }
    const he = this.lineEnd(l);
    if (i < he) {
      if (t.charCodeAt(i) !== SPACE) throw UNSUPPORTED;
      const s = this.skipSpaces(i, he);
      if (s < he && t.charCodeAt(s) !== HASH) throw UNSUPPORTED;
    }
    if (textIndent === 0) throw UNSUPPORTED; // js-yaml: missing indentation (a top-level scalar only)
    const { starts, content, indent, lineCount, n } = this;
    // Pieces joined once at the end: appending to a string builds a rope, flattened again when read.
    const parts: string[] = [];
    let didReadContent = false;
    let emptyLines = 0;
    let atMoreIndented = false;
    let k = l + 1;
    for (; k < lineCount && starts[k] < n; k++) {
      const start = starts[k];
      const e = this.lineEnd(k);
      const c = content[k];
      let spaces: number;
      if (c >= 0) spaces = indent[k];
      else if (c === -1) spaces = this.skipSpaces(start, e) - start;
      else throw UNSUPPORTED;
      const blank = start + spaces >= e;
      let from: number;
      if (!detectedIndent) {
        if (spaces > textIndent) textIndent = spaces;
        if (blank) {
          emptyLines++;
          continue;
        }
        if (spaces < textIndent) break;
        from = start + spaces;
      } else {
        if (blank && spaces <= textIndent) {
          emptyLines++;
          continue;
        }
        if (spaces < textIndent) break;
        from = start + textIndent;
      }
      if (folding) {
        if (t.charCodeAt(from) === SPACE) {
          // More-indented lines are not folded.
          atMoreIndented = true;
          parts.push('\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines));
        } else if (atMoreIndented) {
          atMoreIndented = false;
          parts.push('\n'.repeat(emptyLines + 1));
        } else if (emptyLines === 0) {
          if (didReadContent) parts.push(' ');
        } else parts.push('\n'.repeat(emptyLines));
      } else parts.push('\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines));
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      parts.push(t.slice(from, e));
    }
    if (chomping === 1) parts.push('\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines));
    else if (chomping === 0 && didReadContent) parts.push('\n');
    this.line = k;
    return parts.length === 1 ? parts[0] : parts.join('');
  }

  /**
   * A flow collection on one line: `[a, 'b', {c: d}]`, `{a: 1}`, `[]`. Anything spanning lines, explicit
   * keys, single-pair mappings inside sequences or empty entries are left to js-yaml.
   */
  private flow(p: number, e: number, depth: number): { value: unknown; end: number } {
    const t = this.text;
    if (depth > this.maxDepth) throw UNSUPPORTED;
    const isMap = t.charCodeAt(p) === 123;
    const close = isMap ? 125 : 93;
    const seq: unknown[] = [];
    const map: Record<string, unknown> = {};
    let i = this.skipSpaces(p + 1, e);
    if (t.charCodeAt(i) === close) return { value: isMap ? map : seq, end: i + 1 };
    for (;;) {
      if (i >= e) throw UNSUPPORTED;
      const first = this.flowNode(i, e, depth + 1);
      i = this.skipSpaces(first.end, e);
      if (isMap) {
        if (t.charCodeAt(i) !== COLON) throw UNSUPPORTED;
        const key = keyString(first.value);
        if (first.value !== null && typeof first.value === 'object') throw UNSUPPORTED;
        if (Object.prototype.hasOwnProperty.call(map, key)) throw UNSUPPORTED;
        i = this.skipSpaces(i + 1, e);
        const c = t.charCodeAt(i);
        if (c === 44 || c === close) map[key] = null;
        else {
          const v = this.flowNode(i, e, depth + 1);
          map[key] = v.value;
          i = this.skipSpaces(v.end, e);
        }
      } else {
        if (t.charCodeAt(i) === COLON) throw UNSUPPORTED;
        seq.push(first.value);
      }
      const c = t.charCodeAt(i);
      if (c === close) return { value: isMap ? map : seq, end: i + 1 };
      if (c !== 44) throw UNSUPPORTED;
      i = this.skipSpaces(i + 1, e);
      if (t.charCodeAt(i) === close || t.charCodeAt(i) === 44) throw UNSUPPORTED;
    }
  }

  /** A scalar or nested collection inside a flow collection. */
  private flowNode(p: number, e: number, depth: number): { value: unknown; end: number } {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 91 || c === 123) return this.flow(p, e, depth);
    if (c === 34 || c === 39) {
      const end = this.quotedEndOnLine(p, e);
      if (end < 0) throw UNSUPPORTED;
      return { value: this.quoted(p, end, end), end };
    }
    if (!this.canStartPlain(p, true) || c === COLON) throw UNSUPPORTED;
    let end = p;
    let i = p;
    for (; i < e; i++) {
      const x = t.charCodeAt(i);
      if (isFlowIndicator(x)) break;
      if (x === COLON) {
        const f = t.charCodeAt(i + 1);
        if (f === SPACE || f === LF || isFlowIndicator(f)) break;
      }
      if (x === HASH && t.charCodeAt(i - 1) === SPACE) throw UNSUPPORTED;
      if (x !== SPACE) end = i + 1;
    }
    if (i >= e) throw UNSUPPORTED; // runs to the line end: multi-line flow
    return { value: resolvePlain(t.slice(p, end)), end };
  }
}

/**
 * The next occurrence of `needle` at or after a position (the text's length when none); with `after`,
 * only where that character precedes it, and the answer is that character's position (` #` is found
 * through the rare `#`: searching for ` #` itself would stop at every space). Asked line by line, a
 * search bounded by the line would cost a loop over it and an unbounded one could be quadratic; the
 * answer is kept and serves every position up to it.
 */
class NextOf {
  private from = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly after = -1,
  ) {}

  at(p: number): number {
    if (p < this.from || p > this.found) {
      const t = this.text;
      let i: number;
      if (this.after < 0) i = t.indexOf(this.needle, p);
      else {
        i = t.indexOf(this.needle, p + 1);
        while (i >= 0 && t.charCodeAt(i - 1) !== this.after) i = t.indexOf(this.needle, i + 1);
        if (i >= 0) i--;
      }
      this.from = p;
      this.found = i < 0 ? t.length : i;
    }
    return this.found;
  }
}

const FINDERS = new WeakMap<LineTable, { colonSpace: NextOf; backslash: NextOf; spaceHash: NextOf }>();

/** js-yaml's one-character escapes of double-quoted scalars. */
const SIMPLE_ESCAPES: (string | undefined)[] = (() => {
  const m: (string | undefined)[] = new Array(256).fill(undefined);
  const pairs: [string, string][] = [
    ['0', '\x00'], ['a', '\x07'], ['b', '\x08'], ['t', '\x09'], ['\t', '\x09'], ['n', '\x0A'], ['v', '\x0B'], ['f', '\x0C'],
    ['r', '\x0D'], ['e', '\x1B'], [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'], ['N', '\x85'], ['_', '\xA0'], ['L', '\u2028'], ['P', '\u2029'],
  ];
  for (const [k, v] of pairs) m[k.charCodeAt(0)] = v;
  return m;
})();

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}
