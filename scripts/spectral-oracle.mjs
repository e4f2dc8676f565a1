#!/usr/bin/env node
// Real Spectral (@stoplight/spectral-core with its own core functions) as the oracle for the custom rules
// of a Spectral ruleset. Spectral needs more than a minute on the Stripe description, too long for the
// test suite, so this script runs it once and writes what it found to a committed fixture; the test
// compares specgate with that fixture and fails when the fixture was made from another ruleset, corpus
// file or Spectral version (the stamp).
//
//   node scripts/spectral-oracle.mjs            rewrite test/lint/fixtures/spectral/stripe.findings.json.gz
//   node scripts/spectral-oracle.mjs --check    exit 1 when that fixture is stale
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEVERITY = ['error', 'warning', 'info', 'hint'];
const PACKAGES = ['@stoplight/spectral-core', '@stoplight/spectral-functions', '@stoplight/spectral-parsers', '@stoplight/spectral-formats'];

export const STRIPE_RULESET = path.join(root, 'test/lint/fixtures/spectral/stripe.spectral.yaml');
export const STRIPE_SPEC = path.join(root, '../shared/corpus/openapi/large/stripe-spec3-2023-09-12-63a67463.yaml');
export const STRIPE_FINDINGS = path.join(root, 'test/lint/fixtures/spectral/stripe.findings.json.gz');

// RFC 6901, as src/load/pointer.ts writes pointers (this script runs without the TypeScript loader).
const pointer = (p) => p.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

/** Spectral's findings for the custom rules `rules` (as a ruleset writes them) on `file`. */
export async function runSpectral(rules, file) {
  const { Spectral, Document } = require('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers');
  const F = require('@stoplight/spectral-functions');
  const formats = require('@stoplight/spectral-formats');
  const defs = {};
  for (const [name, r] of Object.entries(rules)) {
    const then = (Array.isArray(r.then) ? r.then : [r.then]).map((t) => ({ ...t, function: F[t.function] }));
    defs[name] = { ...r, then, ...(r.formats ? { formats: r.formats.map((f) => formats[f]) } : {}) };
  }
  const s = new Spectral();
  s.setRuleset({ rules: defs });
  const results = await s.run(new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file));
  return results.map((x) => ({ rule: x.code, severity: SEVERITY[x.severity], pointer: pointer(x.path), line: x.range.start.line + 1, message: x.message }));
}

// Read from the file: these packages do not export their package.json.
const version = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** What a fixture's findings depend on: the ruleset's and the document's bytes, and Spectral's versions. */
export function stamp(rulesetFile, specFile) {
  return {
    ruleset: { file: path.relative(root, rulesetFile), sha256: sha256(rulesetFile) },
    document: { file: path.basename(specFile), sha256: sha256(specFile) },
    spectral: Object.fromEntries(PACKAGES.map((p) => [p, version(p)])),
  };
}

/** The fixture: `{ stamp, findings }`, findings sorted so that the file changes only when they do. */
export function readFindings(file = STRIPE_FINDINGS) {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
}

async function main() {
  const check = process.argv.includes('--check');
  const want = stamp(STRIPE_RULESET, STRIPE_SPEC);
  if (check) {
    const have = readFindings().stamp;
    const same = JSON.stringify(have) === JSON.stringify(want);
    console.log(same ? 'fixture is current' : `fixture is stale: it was made for ${JSON.stringify(have)}, now ${JSON.stringify(want)}`);
    process.exit(same ? 0 : 1);
  }
  const started = Date.now();
  const findings = await runSpectral(parse(readFileSync(STRIPE_RULESET, 'utf8')).rules, STRIPE_SPEC);
  const key = (f) => `${f.rule}\0${f.pointer}\0${f.message}\0${f.line}`;
  findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  // One finding per line so that a diff of the unzipped fixture reads.
  const text = `{"stamp":${JSON.stringify(want)},"findings":[\n${findings.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(STRIPE_FINDINGS, gzipSync(text, { level: 9 }));
  console.log(`${path.relative(process.cwd(), STRIPE_FINDINGS)}: ${findings.length} findings of Spectral ${want.spectral['@stoplight/spectral-core']} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
