#!/usr/bin/env node
// `specgate diff old new` against the diff tools users run today, whole-process time, in one run:
//   - Stripe 2023-06-09 (40626f02) → 2023-09-12 (63a67463), 4 MB YAML each: `redocly diff`
//   - GitHub 22.0.0 → 23.0.2, 12–13 MB JSON each: `redocly diff`
//   - consecutive versions of the largest real-world AsyncAPI 3.0 document: `asyncapi diff`
//
//   node bench/diff.mjs [--runs N] [--quick] [--full] [--json FILE]

import { readdirSync } from 'node:fs';
import path from 'node:path';
import {
  caseAdder,
  CORPUS,
  declaredAsyncapiVersion,
  GITHUB,
  GITHUB_OLD,
  largestAsyncapi3,
  parseFlags,
  progress,
  report,
  size,
  STRIPE,
  STRIPE_OLD,
} from './lib.mjs';

const flags = parseFlags();
const rows = [];
const add = caseAdder(rows, flags);

// specgate diff exits 1 when it finds breaking changes; either way the run is complete.
const SPECGATE_DIFF = { expectExit: [0, 1] };
// redocly diff fails on major changes by default; --fail-on none makes exit 0 mean "done".
const REDOCLY_DIFF = {
  expectExit: 0,
  expectOutput: /diff processed in \d+ms/,
  display: 'redocly diff --fail-on none',
};
// asyncapi diff prints its change list (YAML by default); --no-error keeps breaking changes from
// turning into a non-zero exit.
const ASYNCAPI_DIFF = { expectExit: 0, expectOutput: /^changes:/m, display: 'asyncapi diff --no-error' };

const STRIPE_TASK = `diff Stripe 40626f02 → 63a67463, ${size(STRIPE)} YAML`;
await add(STRIPE_TASK, 'specgate', ['diff', STRIPE_OLD, STRIPE], SPECGATE_DIFF);
await add(STRIPE_TASK, 'redocly', ['diff', '--fail-on', 'none', STRIPE_OLD, STRIPE], REDOCLY_DIFF);

const GITHUB_TASK = `diff GitHub 22.0.0 → 23.0.2, ${size(GITHUB)} JSON`;
await add(GITHUB_TASK, 'specgate', ['diff', GITHUB_OLD, GITHUB], SPECGATE_DIFF);
await add(GITHUB_TASK, 'redocly', ['diff', '--fail-on', 'none', GITHUB_OLD, GITHUB], REDOCLY_DIFF);

const pair = asyncapiPair();
if (pair) {
  const rel = (f) => path.relative(path.join(CORPUS, 'asyncapi', 'real-world'), f);
  progress(`AsyncAPI pair: ${rel(pair.old)} → ${path.basename(pair.new)}`);
  const TASK = `diff AsyncAPI 3.0, ${size(pair.old)} (${rel(pair.old)} → ${path.basename(pair.new).slice(0, 3)})`;
  await add(TASK, 'specgate', ['diff', pair.old, pair.new], SPECGATE_DIFF);
  await add(TASK, 'asyncapi', ['diff', pair.old, pair.new, '--no-error'], ASYNCAPI_DIFF);
} else {
  rows.push({
    task: 'diff AsyncAPI 3.0',
    tool: 'specgate',
    display: 'specgate diff',
    status: 'skipped',
    reason: `no pair of consecutive AsyncAPI 3.0 versions under ${path.join(CORPUS, 'asyncapi', 'real-world')}`,
  });
}

await add.flush();
report(rows, flags);

/**
 * The largest real-world AsyncAPI 3.0 document and the version that follows it in its history:
 * a real before/after pair of the size users diff in CI.
 */
function asyncapiPair() {
  const largest = largestAsyncapi3();
  if (!largest) return undefined;
  const dir = path.dirname(largest.file);
  const names = readdirSync(dir)
    .filter((n) => /^\d{3}_.*\.(ya?ml|json)$/.test(n))
    .sort();
  const i = names.indexOf(path.basename(largest.file));
  for (const [a, b] of [
    [i, i + 1],
    [i - 1, i],
  ]) {
    if (a < 0 || b >= names.length || i < 0) continue;
    const oldFile = path.join(dir, names[a]);
    const newFile = path.join(dir, names[b]);
    if (declaredAsyncapiVersion(oldFile)?.startsWith('3.0.') && declaredAsyncapiVersion(newFile)?.startsWith('3.0.')) {
      return { old: oldFile, new: newFile };
    }
  }
  return undefined;
}
