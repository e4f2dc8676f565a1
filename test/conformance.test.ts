// Conformance over the shared corpus (skipped when it is absent): every AsyncAPI spec example and every OAI
// 3.0/3.1 test document gets the expected verdict, and at least 95% of the AsyncAPI TCK does.
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { needs } from './helpers.js';
// @ts-expect-error plain ESM script without type declarations
import { DEFAULT_CORPUS, runConformance, summarize } from '../scripts/conformance.mjs';

type Row = { name: string; hits: number; total: number; misses: { file: string; expected: string; got: string; errors: string[] }[] };

const present = existsSync(DEFAULT_CORPUS);
const corpusTest = needs('corpus', present, `${DEFAULT_CORPUS} is absent`);
let rows: Row[] = [];

test.before(async () => {
  if (!present) return;
  const result = await runConformance(DEFAULT_CORPUS);
  rows = summarize(result);
});

const row = (prefix: string) => rows.find((r) => r.name.startsWith(prefix));
const describeMisses = (r: Row) => r.misses.map((m) => `${m.file}: expected ${m.expected}, got ${m.got} (${m.errors[0] ?? ''})`).join('\n');

corpusTest('every AsyncAPI specification example gets the expected verdict', () => {
  for (const version of ['2.0.0', '2.6.0', '3.0.0', '3.1.0-master']) {
    const r = row(`AsyncAPI spec examples ${version}`);
    assert.ok(r, `suite for ${version}`);
    assert.ok(r!.total > 0);
    assert.is(r!.hits, r!.total, describeMisses(r!));
  }
});

corpusTest('every OAI 3.0 and 3.1 schema test document gets the expected verdict; 3.2 is refused', () => {
  for (const name of ['OAI v3.0 pass', 'OAI v3.1 pass', 'OAI v3.1 fail', 'OAI v3.2 pass', 'OAI v3.2 fail']) {
    const r = row(name);
    assert.ok(r, name);
    assert.is(r!.hits, r!.total, describeMisses(r!));
  }
});

corpusTest('at least 95% of the AsyncAPI TCK, better than @asyncapi/parser 3.6.6', () => {
  const core = row('AsyncAPI TCK: core')!;
  const bindings = row('AsyncAPI TCK: bindings')!;
  assert.is(core.total, 305);
  assert.is(bindings.total, 110);
  const hits = core.hits + bindings.hits;
  assert.ok(hits / (core.total + bindings.total) >= 0.95, `${hits}/${core.total + bindings.total}\n${describeMisses(core)}\n${describeMisses(bindings)}`);
  assert.ok(core.hits > 273, `core ${core.hits}/305`);
  assert.ok(bindings.hits > 15, `bindings ${bindings.hits}/110`);
});

test.run();
