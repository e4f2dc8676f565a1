/**
 * The offset just after the JSON string that opens at `start` (a `"`), or `text.length` when it never
 * closes. Strings are most of a JSON description's characters: jumping from quote to quote with
 * `indexOf` instead of looking at every character makes the scans over GitHub's 13 MB description
 * (the nesting check before `JSON.parse`, the locator) several times faster.
 */
export function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    for (let b = quote - 1; text.charCodeAt(b) === 92; b--) backslashes++;
    if ((backslashes & 1) === 0) return quote + 1;
    from = quote + 1;
  }
}
