/**
 * Where each line of a text starts and where its content begins, computed once per file and shared by
 * everything that reads block YAML by indentation (the locator, the entry-wise parser of `diff`).
 */
export class LineTable {
  /** Offset of each line's first character. */
  readonly starts: number[];
  /** Per line: offset of its first content character; -1 blank or comment-only, -2 tab indentation. */
  readonly content: Int32Array;
  /** Per line: the content's column, or the same -1 / -2. */
  readonly indent: Int32Array;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    // One pass up front: block ends are then found by scanning a typed array instead of the text.
    const content = new Int32Array(starts.length);
    const indent = new Int32Array(starts.length);
    for (let l = 0; l < starts.length; l++) {
      const c = this.computeContentStart(l);
      content[l] = c;
      indent[l] = c < 0 ? c : c - starts[l];
    }
    this.content = content;
    this.indent = indent;
  }

  /** Offset just past line `l`'s last character (before `\r\n` or `\n`). */
  lineEnd(l: number): number {
    const { text, starts } = this;
    const next = l + 1 < starts.length ? starts[l + 1] - 1 : text.length;
    return next > starts[l] && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  private computeContentStart(l: number): number {
    const { text } = this;
    let i = this.starts[l];
    const end = this.lineEnd(l);
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i >= end) return -1;
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ || c === 13) return -1;
    if (c === 9) return -2; // tab indentation: block structure is not read from it
    return i;
  }
}

/**
 * A `\r` not followed by `\n`: a line break to YAML, but not where a LineTable cuts lines (old Mac
 * line ends). Readers by indentation leave such texts to a full parse.
 */
export function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}
