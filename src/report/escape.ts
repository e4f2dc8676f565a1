/**
 * Text from a spec (keys, names, file names, messages quoting them) is untrusted: printed raw it can
 * move the cursor, recolour or retitle a terminal (ANSI/OSC escapes), reorder what a reviewer reads
 * (bidi controls), or become a GitHub Actions workflow command when a CI log line starts with `::`
 * (or holds `##[`). Every human format sends such text through `printable` where it is placed.
 *
 * Escapes are visible and unambiguous enough to read (`\n`, `\x1b`, `\u202e`), so a hostile name
 * is shown for what it is instead of being dropped.
 */

// Controls (C0, DEL, C1), line/paragraph separators, bidi embeddings/overrides/isolates and marks,
// noncharacters, and lone surrogates (`\p{Cs}` in a `u` regex matches only unpaired halves), which
// terminals show as U+FFFD and XML rejects.
const UNSAFE = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Controls made visible; with `keepNewlines`, CR and LF stay for formats that encode them. */
export function showControls(s: string, keepNewlines = false): string {
  return s.replace(UNSAFE, (ch) => (keepNewlines && (ch === '\n' || ch === '\r') ? ch : visible(ch)));
}

/** Untrusted text made safe for a terminal or CI log line; see the module comment. */
export function printable(s: string): string {
  // GitHub's runner reads `##[command]` anywhere in a line and `::command::` at its start (after
  // blanks); breaking the marker with a visible escape keeps the text readable and inert.
  return showControls(s).replace(/##\[/g, '##\\x5b').replace(/^(\s*):(?=:)/, '$1\\x3a');
}

/**
 * GitHub Actions workflow-command escaping (as the actions toolkit does it): data escapes `%`, CR and
 * LF; properties also `:` and `,`. Other controls are made visible first, so an annotation cannot
 * carry terminal escapes either. `::` and `##[` need nothing: the line is already one command.
 */
export function workflowData(s: string): string {
  return showControls(s, true).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function workflowProperty(s: string): string {
  return workflowData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub-flavoured markdown. A pull-request comment renders HTML (`<img onerror>`), pings people
 * (`@org/team`) and splits table cells on `|` even inside code spans, so text from a spec is placed
 * either as a code span (a fence longer than any backtick run inside) or as escaped text.
 */
export interface MarkdownOptions {
  /** The text sits in a table cell: every `|` must stay escaped for the cell splitter. */
  table?: boolean;
}

/** A code span showing `s` literally. */
export function mdCode(s: string, options: MarkdownOptions = {}): string {
  let body = showControls(s);
  if (options.table) body = escapePipes(body);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick or blank needs one padding space each side, which
  // rendering strips (unless the span is all blanks, which renders as it is).
  if (body === '') return '';
  const pad = /^[` ]|[` ]$/.test(body) && /[^ ]/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Plain text shown as written: no emphasis, links, HTML, math or mentions. */
export function mdText(s: string): string {
  // `\|` is a valid escape anywhere, so table cells and plain text share it.
  return showControls(s)
    .replace(/[\\`*_[\]~$|#!()]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // `@name` in text pings; an `@` in a code span does not.
    .replace(/@/g, '`@`');
}

/** A message that quotes names in backticks: quoted parts become code spans, the rest escaped text. */
export function mdMessage(s: string, options: MarkdownOptions = {}): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(/`([^`]*)`/g)) {
    out += mdText(s.slice(last, m.index)) + mdCode(m[1], options);
    last = m.index + m[0].length;
  }
  return out + mdText(s.slice(last));
}

/**
 * The GFM cell splitter (cmark-gfm, markdown-it) treats a pipe right after a backslash as text and
 * then drops that one backslash, inside code spans too; so one added backslash is exact.
 */
function escapePipes(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * XML-escaped, for text and attribute values alike. Each line is made printable first (XML 1.0
 * forbids most controls, and CI logs may show the file); line breaks stay, as `&#10;` so that
 * attributes do not fold them to spaces.
 */
export function xmlEscape(s: string): string {
  return s
    .split('\n')
    .map(printable)
    .join('\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;');
}
