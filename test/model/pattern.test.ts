// Spec patterns run on RE2 (src/model/pattern.ts): RegExp's verdicts where RegExp is safe to ask, a
// verdict in linear time where it is not, and a reason where RE2 has none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { specPattern, testPattern } from '../../src/model/pattern.js';
import { findInstanceSchemas } from '../../src/model/schema.js';
import { validateFile } from '../../src/validate/index.js';
import { cli, tempFiles } from '../helpers.js';
import { seeded } from '../hostile.js';

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
    for (const t of TEXTS) {
      const verdict = testPattern(p, t);
      // No verdict is allowed only where RegExp reads astral characters as halves (no `u` flag).
      if (verdict === undefined && !re.unicode && /[\u{10000}-\u{10FFFF}]/u.test(t)) continue;
      if (verdict !== re.test(t)) differ.push(`${JSON.stringify(p)} on ${JSON.stringify(t)}: RegExp says ${re.test(t)}`);
    }
  }
  assert.equal(differ, []);
});

// Random patterns from pieces where ECMA-262 and RE2 part ways, on random short texts (short enough for
// RegExp to be safe to ask): every verdict RE2 gives must be RegExp's.
const PIECES = ['a', 'b', '.', '\\s', '\\S', '\\d', '\\w', '\\b', '[]', '[^]', '[ab-]', '[^a\\s]', '[\\b]', '\\u00e9', '😀', '\\x41', '{', '}', '\\.', '\\-', '$', '^', '\\p{L}', '\\u{1F600}'];
const WRAPS = [(x: string) => `(?:${x})`, (x: string) => `(${x})`, (x: string) => `${x}*`, (x: string) => `${x}+?`, (x: string) => `${x}{1,2}`, (x: string) => `${x}?`, (x: string) => `${x}|b`];
const CHARS = ['a', 'b', 'A', 'é', '😀', ' ', '\n', '\u2028', '\u00a0', '\ufeff', '\u0085', '-', '{', '5', '_', '\b'];

test('same verdict as RegExp on 3000 seeded random patterns and texts', () => {
  const random = seeded(0x5eed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const differ: string[] = [];
  let compared = 0;
  for (let n = 0; n < 3000; n++) {
    let p = '';
    for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
      let piece = pick(PIECES);
      if (random() < 0.4) piece = pick(WRAPS)(piece);
      p += piece;
    }
    let re: RegExp;
    try {
      re = native(p);
    } catch {
      assert.is(specPattern(p).kind, 'invalid', p);
      continue;
    }
    const sp = specPattern(p);
    assert.is.not(sp.kind, 'invalid', p);
    if (sp.kind !== 'ok') continue;
    for (let t = 0; t < 6; t++) {
      let text = '';
      for (let k = Math.floor(random() * 5); k > 0; k--) text += pick(CHARS);
      compared++;
      const verdict = sp.test(text);
      if (verdict === undefined) {
        assert.ok(!re.unicode && /[\u{10000}-\u{10FFFF}]/u.test(text), p);
        continue;
      }
      if (verdict !== re.test(text)) differ.push(`${JSON.stringify(p)} on ${JSON.stringify(text)}: RegExp says ${re.test(text)}`);
    }
  }
  assert.equal(differ.slice(0, 10), []);
  assert.ok(compared > 10000, `${compared} comparisons`);
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

// The other places that run a spec's patterns: which schema declares a name (lint's correlation id and
// partition key rules), and whether a closed schema allows a name (diff). Before, RegExp ran there.
const NAME = `${'a'.repeat(40)}!`;
const KILL_AFTER_MS = 30_000;

test('lint: a correlation id header tested against ^(a+)+$ gets its finding at once', () => {
  const { dir, cleanup } = tempFiles({
    'events.yaml': `asyncapi: 3.0.0
info: { title: t, version: 1.0.0 }
channels:
  things:
    address: things
    messages:
      Moved:
        correlationId: { location: '$message.header#/${NAME}' }
        headers:
          type: object
          patternProperties: { '^(a+)+$': { type: string } }
        payload: { type: object }
operations:
  sendThings:
    action: send
    channel: { $ref: '#/channels/things' }
`,
  });
  try {
    const r = cli(['lint', path.join(dir, 'events.yaml'), '--format', 'json'], { timeout: KILL_AFTER_MS });
    assert.is(r.status, 1, r.stderr);
    const found = JSON.parse(r.stdout).files[0].diagnostics.filter((d: { rule: string }) => d.rule === 'correlation-id-field');
    assert.equal(
      found.map((d: { message: string; range: { start: { line: number; column: number } } }) => `${d.range.start.line}:${d.range.start.column} ${d.message}`),
      [`8:26 correlation id location \`$message.header#/${NAME}\` of message \`Moved\` points at \`/${NAME}\`, which its headers schema does not declare`],
    );
  } finally {
    cleanup();
  }
});

test('diff: whether a closed schema with patternProperties ^(a+)+$ allowed a new name is decided at once', () => {
  const body = (extra: string) => `openapi: 3.0.3
info: { title: t, version: 1.0.0 }
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              patternProperties: { '^(a+)+$': {} }
              properties:
                id: { type: string }${extra}
      responses:
        '204': { description: ok }
`;
  const { dir, cleanup } = tempFiles({ 'base.yaml': body(''), 'rev.yaml': body(`\n                ${NAME}: { type: string }`) });
  try {
    const r = cli(['diff', path.join(dir, 'base.yaml'), path.join(dir, 'rev.yaml'), '--mode', 'backward', '--format', 'json'], { timeout: KILL_AFTER_MS });
    assert.is(r.status, 0, r.stderr);
    assert.equal(
      JSON.parse(r.stdout).changes.map((c: { id: string; level: string; message: string }) => `${c.id} ${c.level} ${c.message}`),
      [`optional-property-added non-breaking Request body of \`POST /a\`: the request body has a new optional property \`${NAME}\`.`],
    );
  } finally {
    cleanup();
  }
});

test('a name a lookahead pattern may cover counts as declared; an invalid pattern declares nothing', async () => {
  const { dir, cleanup } = tempFiles({
    'api.yaml': `openapi: 3.1.0
info: { title: t, version: 1.0.0 }
paths: {}
components:
  schemas:
    Headers:
      type: object
      patternProperties: { '^(?=x)': { type: string }, '^[': { type: integer }, '^i': { type: boolean } }
`,
  });
  try {
    const model = (await validateFile(path.join(dir, 'api.yaml'), { keepModel: true })).model!;
    const node = { value: (model.document as any).components.schemas.Headers, source: { file: model.file, pointer: '/components/schemas/Headers' }, format: '' };
    const found = (token: string) => findInstanceSchemas(model.workspace, node, `/${token}`).map((f) => f.source.pointer);
    assert.equal(found('id'), ['/components/schemas/Headers/patternProperties/^(?=x)', '/components/schemas/Headers/patternProperties/^i']);
    assert.equal(found('trace'), ['/components/schemas/Headers/patternProperties/^(?=x)']);
  } finally {
    cleanup();
  }
});

test.run();
