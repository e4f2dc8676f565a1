import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Locator, prepareLocator } from '../../src/load/locate.js';
import { appendPointer } from '../../src/load/pointer.js';
import { CORPUS, ROOT } from '../helpers.js';

// The fast block-YAML locator must agree with the full-parse locator on every node of real documents.

await prepareLocator();

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

function pointers(value: unknown, limit: number): string[] {
  const out: string[] = [''];
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length && out.length < limit) {
    const [v, p] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    for (const [k, c] of Object.entries(v)) {
      const q = appendPointer(p, k);
      out.push(q, `${q}/not-there`);
      stack.push([c, q]);
    }
  }
  return out;
}

const files = [
  ...walk(path.join(ROOT, 'specs')),
  ...(existsSync(CORPUS) ? [...walk(path.join(CORPUS, 'asyncapi/spec-examples')), ...walk(path.join(CORPUS, 'asyncapi/real-world')).filter((f) => !f.includes('/history/')), ...walk(path.join(CORPUS, 'asyncapi/tck/tests')).slice(0, 150), path.join(CORPUS, 'openapi/large/stripe-spec3-2023-09-12-63a67463.yaml')] : []),
];

test(`fast and full YAML locators agree on every node (${files.length} files)`, () => {
  let compared = 0;
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    let value: unknown;
    try {
      value = load(text);
    } catch {
      continue;
    }
    const ps = pointers(value, 4000);
    const fast = new Locator(text, 'yaml').locateAll(ps);
    const full = new Locator(text, 'yaml', false).locateAll(ps);
    for (let i = 0; i < ps.length; i++) {
      const a = fast[i];
      const b = full[i];
      if (a.start.line !== b.start.line || a.start.column !== b.start.column || a.end.line !== b.end.line || a.end.column !== b.end.column)
        assert.unreachable(`${path.relative(ROOT, f)} ${ps[i]}: fast ${JSON.stringify(a)} full ${JSON.stringify(b)}`);
      compared++;
    }
  }
  assert.ok(compared > 1000, `${compared} pointers compared`);
});

test.run();
