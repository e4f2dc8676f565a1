/**
 * Hostile text for fuzz tests: pieces that break out of some output context (terminal, CI log,
 * markdown, XML, TypeScript), combined by a seeded generator so every run sees the same cases.
 */
export const HOSTILE_PIECES = [
  '\n::error file=README.md,line=1::pwned',
  '::set-output name=x::y',
  '##[error]boom',
  '\u001b[31mred\u001b[0m',
  '\u001b]0;title\u0007',
  '\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  '\r\u001b[K',
  '\u009b2J',
  '\u007f',
  '\u0000',
  '\t',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u2066',
  '\uffff',
  '\ud800',
  '\udc00x',
  '😀',
  '`',
  '``',
  '` | `',
  '|',
  '\\|',
  '\\',
  '<img src=x onerror=alert(1)>',
  '</script>',
  '<details>',
  '&amp;',
  '@everyone',
  '@org/team',
  '[link](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '**bold**',
  '_em_',
  '~~s~~',
  '$x$',
  '#1',
  '*/',
  '/*',
  '${process.exit(1)}',
  "'",
  '"',
  '__proto__',
  'constructor',
  ' ',
  'a',
  'name',
] as const;

/** mulberry32: a tiny, well-known seeded generator; deterministic across platforms. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string of 1–5 hostile pieces. */
export function hostileString(random: () => number): string {
  let s = '';
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) s += HOSTILE_PIECES[Math.floor(random() * HOSTILE_PIECES.length)];
  return s;
}
