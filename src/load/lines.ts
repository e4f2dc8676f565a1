/**
 * Where each line of a text starts and where its content begins, computed once per file and shared by
 * everything that reads block YAML by indentation (the locator, the entry-wise parser of `diff`).
 */
export class LineTable {
  /** Offset of each line's first character. */
  readonly starts: Int32Array;
  /** Per line: offset of its first content character; -1 blank or comment-only, -2 tab indentation. */
  readonly content: Int32Array;
  /** Per line: the content's column, or the same -1 / -2. */
  readonly indent: Int32Array;

  constructor(readonly text: string) {
    // A typed array grown by doubling: a third less time than pushing to an array, on 112,000 lines.
    let starts = new Int32Array((text.length >> 5) + 16);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (n === starts.length) {
        const grown = new Int32Array(n * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = i + 1;
    }
    starts = starts.subarray(0, n);
    this.starts = starts;
    // One pass up front: block ends are then found by scanning a typed array instead of the text.
    // (Inlined rather than calling lineEnd per line: this runs cold over every line of a 4 MB file.)
    const content = new Int32Array(n);
    const indent = new Int32Array(n);
    for (let l = 0; l < n; l++) {
      const s = starts[l];
      const end = l + 1 < n ? starts[l + 1] - 1 : text.length;
      let i = s;
      while (i < end && text.charCodeAt(i) === 32) i++;
      // Blank, comment-only (or only a `\r` left) is -1; tab indentation -2.
      const c = i >= end ? -1 : text.charCodeAt(i);
      const at = c === -1 || c === 35 /* # */ || c === 13 ? -1 : c === 9 ? -2 : i;
      content[l] = at;
      indent[l] = at < 0 ? at : at - s;
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
}

/**
 * A `\r` not followed by `\n`: a line break to YAML, but not where a LineTable cuts lines (old Mac
 * line ends). Readers by indentation leave such texts to a full parse.
 */
export function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) return true;
  return false;
}

/** A block sequence entry's dash at `p`: `-` followed by a space, a line break or the end of the text. */
export function isDash(text: string, p: number): boolean {
  if (text.charCodeAt(p) !== 45) return false;
  const f = text.charCodeAt(p + 1);
  return f === 32 || f === 10 || f === 13 || p + 1 >= text.length;
}
