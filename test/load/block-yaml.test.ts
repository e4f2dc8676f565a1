import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readBlockYaml } from '../../src/load/block-yaml.js';
import { CORPUS, needs, ROOT } from '../helpers.js';

// The line reader must give exactly what js-yaml gives (core schema), or step aside (undefined) so that
// js-yaml parses and words the error. Object.is equality: -0 and NaN count.

function reference(text: string): { value: unknown } | { error: string } {
  try {
    // The limit specgate's parser gives js-yaml (parse.ts MAX_DEPTH).
    return { value: yaml.load(text, { schema: yaml.CORE_SCHEMA, maxDepth: 512 } as yaml.LoadOptions) };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
}

function sameAsJsYaml(text: string, label: string): boolean {
  const got = readBlockYaml(text, 512);
  if (!got) return false;
  const ref = reference(text);
  assert.ok('value' in ref, `${label}: read a text js-yaml rejects (${'error' in ref ? ref.error : ''})`);
  assert.ok(isDeepStrictEqual(got.value, (ref as { value: unknown }).value), `${label}: ${JSON.stringify(got.value)} != ${JSON.stringify((ref as { value: unknown }).value)}`);
  return true;
}

/** Texts the reader must read itself, each equal to js-yaml's reading. */
const READ: Record<string, string> = {
  'plain scalars fold; blank lines keep breaks; comments end them': 'a: one\n  two\n\n  three\n\n\n  four # c\nb: x #y\nc: x#y\n',
  'sequence item continued': '- one\n  two\n- three\n',
  'core schema resolution': 'n: [~, null, Null, NULL, true, True, TRUE, false, FALSE]\ni: [0, -1, +1, 1_000, 0o17, 0x1F, 0b101, 012]\nf: [1.5, -2.5e3, 1e3, .inf, -.Inf, +.INF, .nan, 1., .5]\ns: [2022-11-15, yes, no, on, "1", \'true\', 1.2.3, 0x, ., -x]\nz: -0\n',
  'keys become strings as js-yaml makes them': '200: ok\n1.0: one\n0x1F: hex\ntrue: yes\n~: nothing\n"quoted key": 1\n\'single\': 2\n/v1/{id}:x: 3\n-a: 4\n?b: 5\n',
  'literal and folded block scalars with chomping': [
    'clip: |\n  a\n  b\n\n',
    'strip: |-\n  a\n\n',
    'keep: |+\n  a\n\n\n',
    'fold: >\n  a\n  b\n\n  c\n    more\n    indented\n  d\n',
    'foldstrip: >-\n  x\n  y\n',
    'explicit: |2\n    two extra\n  base\n',
    'leading: |\n\n\n  after blanks\n',
    'comment-like: |\n  # not a comment\n  text\n',
    'spaces-only: >\n  a\n     \n  b\n',
    'empty: |\nnext: 1\n',
    'header comment: > # note\n  text\n',
    'seq:\n  - |\n    item\n  - >-\n    folded\n',
  ].join(''),
  'quoted scalars: escapes, folding, doubled quotes': [
    'sq: \'it\'\'s\'\n',
    'sqml: \'one\n  two\n\n  three\'\n',
    'dq: "tab\\t nl\\n quote\\" slash\\\\ \\/ \\u00e9 \\x41 \\U0001F600 \\0 \\a \\b \\e \\N \\_ \\L \\P"\n',
    'dqml: "one\n  two \\\n  joined"\n',
    'empty: \'\'\n',
    'emptyd: ""\n',
    'hash: "a # b" # comment\n',
  ].join(''),
  'flow collections on one line': 'a: []\nb: {}\nc: [x, \'y\', "z", 1, true, null, [n], {k: v}]\nd: {k: v, "q": 1, n: [1, 2], e: }\ne: [ spaced , out ]\n',
  'nested and compact collections': 'a:\n- x\n- y\nb:\n  - k: v\n    l: w\n  -\n    m: n\n  - - p\n    - q\n  -\n  - # comment\n    r\nc: 1\n',
  'comments and blank lines everywhere': '# head\n\nopenapi: 3.1.0 # version\n\n# between\ninfo:   # note\n  # inside\n  title: T\n\n',
  'document start marker and no final line break': '---\na: 1\nb:\n  c: 2',
  'root indented': '  a: 1\n  b: 2\n',
  'value on the next line': 'a:\n  plain text\n  continued\nb:\n  "quoted"\nc:\n  |\n    block\n',
  // js-yaml takes a dash after an empty entry as the next entry of the same sequence, whatever its column.
  'empty entries, then a dash further left': 'a:\n- -\n- y\nb:\n  - c:\n      -\n  - z\n  - - #c\n  - w\n',
  'colons and hashes inside scalars': 'url: http://x.io:8080/p#frag\ntime: 12:30\nkey::colon: v\na: b:c\n',
};

/** Texts left to js-yaml: constructs the reader does not read, and errors js-yaml must word. */
const LEFT: Record<string, string> = {
  anchor: 'a: &x 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  tab: 'a:\n\tb: 1\n',
  'tab in a value': 'a: x\ty\n',
  'carriage return': 'a: 1\r\nb: 2\r\n',
  bom: '\uFEFFa: 1\n',
  'duplicate key': 'a: 1\na: 2\n',
  'mapping on a value line': 'a: b: c\n',
  'bad indentation': 'a: 1\n  b: 2\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'explicit key': '? a\n: b\n',
  'multi-line flow': 'a: [1,\n  2]\n',
  'unclosed quote': 'a: "x\n',
  'unknown escape': 'a: "\\q"\n',
  '__proto__ key': '__proto__: 1\n',
  'non-printable': 'a: "\u0001"\n',
  'lone surrogate': 'a: \uD800x\n',
  'scalar document': 'just text\n',
  'empty document': '# only a comment\n',
  'a dash after a mapping entry': 'a: 1\n- b\n',
  'an empty entry, a dash, then a deeper line': '- -\n-\n x',
};

test('reads the block YAML of API descriptions exactly as js-yaml does', () => {
  for (const [label, text] of Object.entries(READ)) assert.ok(sameAsJsYaml(text, label), `${label}: left to js-yaml`);
});

test('leaves anchors, tags, tabs, several documents and every error to js-yaml', () => {
  for (const [label, text] of Object.entries(LEFT)) assert.is(readBlockYaml(text, 512), undefined, label);
});

test('nesting deeper than half the limit is left to js-yaml', () => {
  const deep = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
  assert.ok(sameAsJsYaml(deep(20), 'depth 20'));
  assert.is(readBlockYaml(deep(300), 512), undefined);
  // Every way down: dashes on one line, compact mappings under dashes, sequences at their key's column.
  assert.is(readBlockYaml('- '.repeat(600) + '\n', 512), undefined);
  assert.is(readBlockYaml(Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * i)}- k:`).join('\n') + '\n', 512), undefined);
  assert.is(readBlockYaml(Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:\n${' '.repeat(i)}-`).join('\n') + '\n', 512), undefined);
  // A limit too small for the margin is js-yaml's alone.
  assert.is(readBlockYaml('- a\n', 4), undefined);
});

test('many quoted scalars on one long line stay linear', () => {
  const line = (n: number) => `a: [${Array.from({ length: n }, () => "'x'").join(',')}]\nb: {${Array.from({ length: n }, (_, i) => `"${i}": 1`).join(', ')}}\n`;
  assert.ok(sameAsJsYaml(line(10_000), 'long flow line'));
  // Each scalar once looked for the line's end: 300,000 of them took seconds, growing with the square.
  const text = line(300_000);
  const t0 = process.hrtime.bigint();
  assert.ok(readBlockYaml(text, 512));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < 1500, `${ms} ms`);
});

test('long runs without colons or hashes stay linear', () => {
  // Each line asks for the next `: ` and ` #`; searched once per stretch, not once per line.
  const text = 'a:\n' + '  - x\n'.repeat(200_000);
  const t0 = process.hrtime.bigint();
  const got = readBlockYaml(text, 512);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.is(((got!.value as { a: string[] }).a).length, 200_000);
  assert.ok(ms < 2000, `${ms} ms`);
});

test('agrees with js-yaml on mutated real descriptions', () => {
  const sources = [
    path.join(ROOT, 'specs/order-service.asyncapi.yaml'),
    ...readdirSync(path.join(ROOT, 'specs'))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(ROOT, 'specs', f)),
  ].map((f) => readFileSync(f, 'utf8').split('\n'));
  const snippets = [': ', ':', '#', ' #x', "'", '"', '- ', '|', '>-', '|2', '[', '{}', ',', '\\', ' ', '~', 'true', '0x1F', '-0', '.inf', '---', '?', '&a', '*a', '!x', '\\u00e9', 'k: v', '\n', '\n\n', '\n  more'];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  let read = 0;
  for (let k = 0; k < 1500; k++) {
    const lines = [...sources[k % sources.length]];
    for (let e = 0; e < 1 + Math.floor(rnd() * 3); e++) {
      const i = Math.floor(rnd() * lines.length);
      const r = rnd();
      if (r < 0.15) lines.splice(i, 1);
      else if (r < 0.25) lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)]);
      else if (r < 0.4) lines[i] = ' '.repeat(1 + Math.floor(rnd() * 3)) + lines[i];
      else if (r < 0.5) lines[i] = lines[i].replace(/^ {1,3}/, '');
      else {
        const at = Math.floor(rnd() * (lines[i].length + 1));
        lines[i] = lines[i].slice(0, at) + snippets[Math.floor(rnd() * snippets.length)] + lines[i].slice(at + (rnd() < 0.3 ? 1 : 0));
      }
    }
    if (sameAsJsYaml(lines.join('\n'), `mutation ${k}`)) read++;
  }
  assert.ok(read > 300, `only ${read} of 1500 mutations read`);
});

test('round trip: reads what js-yaml writes, in every style it writes', () => {
  // Random documents dumped with random indentation, line widths (folding), flow levels and quoting, then
  // read back by both readers.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  const atoms = ['a', 'b c', 'x: y', 'x #y', '#z', "it's", 'say "hi"', '- dash', '? q', ': c', '', ' lead', 'trail ', 'multi\nline', 'multi\n\nblank', 'end\n', 'ends\n\n', '\nstart', '  indented\nnext', 'true', 'null', '1.5', '0x1F', '~', '2022-01-01', 'é ü', '€', '\\back', 'long '.repeat(30), '{a}', '[b]', '&anchor', '*alias', '!tag', '%pct', '|pipe', '>gt', 'x,y', '\u2028', '😀'];
  const value = (d: number): unknown => {
    const r = rnd();
    if (d > 4 || r < 0.45) {
      const k = rnd();
      if (k < 0.6) return pick(atoms) + (rnd() < 0.3 ? pick(atoms) : '');
      if (k < 0.75) return Math.floor(rnd() * 2000) - 1000;
      if (k < 0.82) return rnd() * 100;
      return k < 0.9 ? rnd() < 0.5 : null;
    }
    if (r < 0.7) {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 5); i > 0; i--) o[(rnd() < 0.8 ? pick(['id', '/p/{id}', '200', 'a b', 'k:v', "q'", 'é']) : pick(atoms)) + i] = value(d + 1);
      return o;
    }
    return Array.from({ length: Math.floor(rnd() * 4) }, () => value(d + 1));
  };
  for (let k = 0; k < 800; k++) {
    const text = yaml.dump(
      { root: value(0), other: value(0) },
      {
        indent: pick([1, 2, 4]),
        lineWidth: pick([20, 40, 80, -1]),
        flowLevel: pick([-1, -1, 1, 2]),
        noArrayIndent: rnd() < 0.3,
        quotingType: pick(["'", '"'] as const),
        forceQuotes: rnd() < 0.2,
        schema: yaml.CORE_SCHEMA,
      },
    );
    assert.ok(sameAsJsYaml(text, `dump ${k}`), `dump ${k} left to js-yaml:\n${text}`);
  }
});

needs('corpus', existsSync(CORPUS), `${CORPUS} is absent`)('every YAML file of the corpus: read as js-yaml reads it, most of them by the line reader', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f)) files.push(p);
    }
  };
  walk(CORPUS);
  let read = 0;
  for (const f of files) if (sameAsJsYaml(readFileSync(f, 'utf8'), path.relative(CORPUS, f))) read++;
  assert.ok(read / files.length > 0.9, `${read} of ${files.length}`);
  const stripe = readdirSync(path.join(CORPUS, 'openapi/large')).filter((f) => f.startsWith('stripe'));
  for (const f of stripe) assert.ok(readBlockYaml(readFileSync(path.join(CORPUS, 'openapi/large', f), 'utf8'), 512), `${f} left to js-yaml`);
});

test.run();
