// Spec patterns run on RE2 (src/model/pattern.ts): RegExp's verdicts where RegExp is safe to ask, a
// verdict in linear time where it is not, and a reason where RE2 has none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specPattern, testPattern } from '../../src/model/pattern.js';

const native = (p: string) => {
  try {
    return new RegExp(p, 'u');
  } catch {
    return new RegExp(p);
  }
};

// Patterns whose ECMA-262 meaning differs from RE2's reading of the same text, and everyday ones.
const PATTERNS = [
  '^.$', 'a.b', '[]', '[^]', 'a[]b', '[]a]', '[[:alpha:]]', '[^a-z]', '^[\\s]+$', '^\\S+$', '[^\\s]', '\\S\\s\\S',
  '\\bfoo\\b', '[\\b]', 'a{', '{abc}', 'x{2,}', 'x{2}', 'x{1,3}$', '^\\u{1F600}$', '^\\uD83D\\uDE00$', '^[😀-😂]$',
  '^\\p{L}+$', '^\\p{Script=Greek}$', '(?<=a)b', '(?<!a)b', '[0-9-_]', '[\\d-z]', '\\cJ', '\\0', '\\x41', '\\q',
  '[\\u0041-\\u005A]+', '[\\/\\]]', '\\.', '\\-', '$^', '^$', '', '(?:a|b)+c', '(?<year>\\d{4})-\\d', 'a|', '\\t\\v',
  '^[A-Za-z0-9+/]{4}(?:[A-Za-z0-9+/]{2}==)?$', '^Bearer [A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.?[A-Za-z0-9-_.+/=]*$',
];
const TEXTS = [
  '', 'a', 'b', 'ab', 'aab', 'ba', 'abc', 'q', 'x', 'xx', 'xxxx', '{abc}', 'a{', ']', '[', '-', '_', '5', '/', '\\',
  'A', 'AAAA', 'AAAAAA==', '😀', '😁', 'é', 'α', 'foo bar', 'a b', ' ', '\u00a0', '\u2028', '\n', '\r', '\t', '\v',
  '\b', '\u3000', '\ufeff', '\u0085', '\0', 'J', '\n', 'a\nb', '2024-5', 'Bearer a.b.c', 'Bearer a.b.c d',
];

test('same verdict as RegExp on patterns RE2 reads differently', () => {
  const differ: string[] = [];
  for (const p of PATTERNS) {
    const sp = specPattern(p);
    assert.is(sp.kind, 'ok', p);
    const re = native(p);
    for (const t of TEXTS) if (testPattern(p, t) !== re.test(t)) differ.push(`${JSON.stringify(p)} on ${JSON.stringify(t)}: RegExp says ${re.test(t)}`);
  }
  assert.equal(differ, []);
});

test('a pattern that backtracks exponentially in RegExp gets its verdict at once', () => {
  assert.is(testPattern('^(a+)+$', `${'a'.repeat(40)}!`), false);
  assert.is(testPattern('^(a+)+$', 'a'.repeat(40)), true);
  assert.is(testPattern('^(a|a)*$', `${'a'.repeat(5000)}!`), false);
});

test('what RE2 cannot run gets a reason, never RegExp', () => {
  const reasons = ['(?=a)', '(?!a)b', '(a)\\1', '(?<n>x)\\k<n>', 'a{1001}', '\\p{Letter}'].map((p) => {
    const sp = specPattern(p);
    return `${p} ${sp.kind} ${sp.kind === 'ok' ? '' : sp.reason}`;
  });
  assert.equal(reasons, [
    '(?=a) unsupported lookahead needs backtracking',
    '(?!a)b unsupported lookahead needs backtracking',
    '(a)\\1 unsupported backreferences need backtracking',
    '(?<n>x)\\k<n> unsupported backreferences need backtracking',
    'a{1001} unsupported invalid repeat count: `{1001}`',
    '\\p{Letter} unsupported invalid character class range: `\\p{Letter}`',
  ]);
  assert.is(testPattern('(?=a)', 'a'), undefined);
  assert.is(specPattern('^\\d{3}$?').kind, 'invalid');
  assert.is(testPattern('^\\d{3}$?', '123'), undefined);
});

test.run();
