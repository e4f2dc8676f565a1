import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../../src/load/errors.js';
import { parsePair, parseText } from '../../src/load/parse.js';
import { CORPUS, needs, ROOT } from '../helpers.js';

// Two versions parsed together (diff) must give exactly what parsing each alone gives, errors included.

type Outcome = { value: unknown } | { error: string };

function alone(text: string, file: string): Outcome {
  try {
    return { value: parseText(text, file).value };
  } catch (e) {
    if (e instanceof InputError) return { error: e.toLine() };
    throw e;
  }
}

function together(a: string, b: string): { outcomes: [Outcome, Outcome]; paired: boolean } {
  try {
    const [pa, pb] = parsePair({ text: a, file: 'a.yaml' }, { text: b, file: 'b.yaml' });
    return { outcomes: [{ value: pa.value }, { value: pb.value }], paired: pa.lines !== undefined };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // The first side that fails is reported, as when each is parsed alone.
    const first = alone(a, 'a.yaml');
    return { outcomes: 'error' in first ? [{ error: e.toLine() }, alone(b, 'b.yaml')] : [first, { error: e.toLine() }], paired: false };
  }
}

function agrees(a: string, b: string, label: string): boolean {
  const { outcomes, paired } = together(a, b);
  assert.equal(outcomes[0], alone(a, 'a.yaml'), `${label}: first side`);
  assert.equal(outcomes[1], alone(b, 'b.yaml'), `${label}: second side`);
  return paired;
}

const BASE = `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    get:
      responses:
        '200':
          description: ok
components:
  schemas:
    Order:
      type: object
      properties:
        id:
          type: string
        total:
          type: number
    Customer:
      type: object
      properties:
        id:
          type: string
${Array.from({ length: 30 }, (_, i) => `        field${i}:\n          type: string\n`).join('')}`;

test('entries written identically are one object on both sides; changed ones are not', () => {
  const rev = BASE.replace('title: Orders', 'title: Orders API').replace('        total:\n          type: number\n', '        total:\n          type: integer\n');
  const [a, b] = parsePair({ text: BASE, file: 'a.yaml' }, { text: rev, file: 'b.yaml' });
  assert.ok(a.lines && b.lines, 'read entry by entry');
  const sa = (a.value as any).components.schemas;
  const sb = (b.value as any).components.schemas;
  assert.is(sa.Customer, sb.Customer);
  assert.is.not(sa.Order, sb.Order);
  assert.is((a.value as any).paths, (b.value as any).paths);
  assert.equal(b.value, parseText(rev, 'b.yaml').value);
});

test('within one document, identical entries at two places stay distinct objects', () => {
  const [a, b] = parsePair({ text: BASE, file: 'a.yaml' }, { text: BASE, file: 'b.yaml' });
  const sa = (a.value as any).components.schemas;
  assert.equal(sa.Order.properties.id, sa.Customer.properties.id);
  assert.is.not(sa.Order.properties.id, sa.Customer.properties.id);
  for (const k of Object.keys(a.value as object)) assert.is((a.value as any)[k], (b.value as any)[k], `${k} shared`);
});

test('what entries cannot be read alone is parsed whole, with the same result or error', () => {
  const cases: Record<string, string> = {
    'anchors and aliases': BASE + 'x-a: &a {k: 1}\nx-b: *a\n',
    'sequence at its key column': BASE + 'tags:\n- name: a\n- name: b\nsecurity: []\n',
    'flow mapping over several lines': BASE + 'x-flow: {a: 1,\nb: 2}\n',
    'multi-line quoted scalar at key column': BASE + 'x-q: "one\ntwo"\n',
    'comment lines at column 0 inside blocks': BASE.replace('      type: object\n', '# a comment\n      type: object\n'),
    'block scalars': BASE + 'x-text: |\n  line one\n\n  line three\nx-folded: >-\n  folded\n  text\n',
    'quoted keys with colons': BASE + '"a: b":\n  c: 1\n\'it\'\'s\': 2\n',
    'merge key': BASE + 'x-m:\n  <<: {a: 1}\n  b: 2\n',
    '__proto__ key': BASE + '__proto__:\n  polluted: true\n',
    'duplicate key': BASE + 'info:\n  title: again\n',
    'document markers': '---\n' + BASE + '...\n',
    'two documents': BASE + '---\nopenapi: 3.0.0\n',
    'tab indentation': BASE + 'x-tab:\n\tk: 1\n',
    'explicit key': BASE + '? x-explicit\n: 1\n',
    'byte order mark': '\ufeff' + BASE,
    'CRLF line ends': BASE.replace(/\n/g, '\r\n'),
    'continuation at key column': BASE + 'x-plain: one\ntwo\n',
    'empty value then deeper line': BASE + 'x-empty: ~\n  k: 1\n',
    'NUL byte in a comment before the first key': '# \0\n' + BASE,
    'lone CR in a comment line': '#\r' + BASE,
    'lone CR between a key and its block': BASE.replace('  schemas:\n', '  schemas:\n#\r    x-hidden: 1\n'),
    'JSON': JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' } }),
    'empty': '',
  };
  for (const [label, text] of Object.entries(cases)) {
    agrees(BASE, text, `${label} (revision)`);
    agrees(text, BASE, `${label} (base)`);
  }
});

test('a long run of spaces before a key colon, on an entry read entry by entry', () => {
  const head = 'a' + ' '.repeat(40_000) + 'b:';
  const body = (v: string) => Array.from({ length: 42 }, (_, i) => `  p${i}: ${i === 41 ? v : 1}`).join('\n');
  assert.ok(agrees(`${head}\n${body('1')}\n`, `${head}\n${body('2')}\n`, 'spaces'), 'read entry by entry');
});

test('random line edits: paired and alone agree, errors included', () => {
  const lines = readFileSync(path.join(ROOT, 'specs/order-service.asyncapi.yaml'), 'utf8').split('\n');
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const edits = [
    (l: string[], i: number) => l.splice(i, 1),
    (l: string[], i: number) => l.splice(i, 0, l[i]),
    (l: string[], i: number) => (l[i] = ' ' + l[i]),
    (l: string[], i: number) => (l[i] = l[i].replace(/^ {2}/, '')),
    (l: string[], i: number) => l.splice(i, 0, l[i].replace(/\S.*/, '- x')),
    (l: string[], i: number) => (l[i] = l[i].replace(/:( |$)/, ' $1')),
    (l: string[], i: number) => (l[i] = l[i] + ' # note'),
  ];
  let paired = 0;
  for (let n = 0; n < 400; n++) {
    const copy = [...lines];
    for (let k = 1 + rnd(3); k > 0; k--) edits[rnd(edits.length)](copy, rnd(copy.length));
    if (agrees(lines.join('\n'), copy.join('\n'), `edit ${n}`)) paired++;
  }
  assert.ok(paired > 50, `many edited documents are still read entry by entry (${paired}/400); the rest fail or are read whole, and agree too`);
});

const history = path.join(CORPUS, 'asyncapi/real-world');
needs('corpus', existsSync(history), `${history} is absent`)('consecutive versions of real-world AsyncAPI documents', () => {
  let pairs = 0;
  let paired = 0;
  for (const name of readdirSync(history)) {
    const dir = path.join(history, name, 'history');
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    for (let i = 1; i < versions.length; i++) {
      pairs++;
      if (agrees(readFileSync(path.join(dir, versions[i - 1]), 'utf8'), readFileSync(path.join(dir, versions[i]), 'utf8'), `${name} ${versions[i]}`)) paired++;
    }
  }
  assert.ok(pairs > 100, `${pairs} pairs`);
  assert.ok(paired > pairs / 2, `${paired}/${pairs} read entry by entry`);
});

const large = path.join(CORPUS, 'openapi/large');
needs('corpus', existsSync(large), `${large} is absent`)('Stripe 2023-06-09 → 2023-09-12: same values, most schemas shared', () => {
  const a = readFileSync(path.join(large, 'stripe-spec3-2023-06-09-40626f02.yaml'), 'utf8');
  const b = readFileSync(path.join(large, 'stripe-spec3-2023-09-12-63a67463.yaml'), 'utf8');
  assert.ok(agrees(a, b, 'Stripe'));
  const [pa, pb] = parsePair({ text: a, file: 'a.yaml' }, { text: b, file: 'b.yaml' });
  const sa = (pa.value as any).components.schemas;
  const sb = (pb.value as any).components.schemas;
  const shared = Object.keys(sb).filter((k) => sa[k] === sb[k]).length;
  assert.ok(shared > Object.keys(sb).length / 2, `${shared} of ${Object.keys(sb).length} schemas shared`);
});

test.run();
