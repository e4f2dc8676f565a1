#!/usr/bin/env node
// `specgate validate` against the validators users run today, whole-process time, in one run:
//   - start-up: `specgate --help` (target < 200 ms), the anchors' --help for reference
//   - the largest real-world AsyncAPI 3.0 document (~234 KB) vs `asyncapi validate`
//   - Stripe (4 MB YAML) vs `redocly lint` (and Spectral's oas ruleset for reference)
//   - GitHub (13 MB JSON) vs `redocly lint`; Spectral on it (~100 s a run) only with --full
//
//   node bench/validate.mjs [--runs N] [--quick] [--full] [--json FILE]

import path from 'node:path';
import {
  ASYNCAPI_VALID,
  caseAdder,
  budgetLine,
  CORPUS,
  GITHUB,
  largestAsyncapi3,
  parseFlags,
  progress,
  REDOCLY_DONE,
  REDOCLY_LINT_NOTE,
  report,
  size,
  SPECTRAL_ASYNCAPI_RULESET,
  SPECTRAL_DONE,
  SPECTRAL_OAS_RULESET,
  STRIPE,
  targetLine,
} from './lib.mjs';

const flags = parseFlags();
const rows = [];
const add = caseAdder(rows, flags);

const STARTUP = 'start-up (`--help`)';
await add(STARTUP, 'specgate', ['--help'], { expectExit: 0 });
await add(STARTUP, 'asyncapi', ['--help'], { expectExit: 0 });
await add(STARTUP, 'redocly', ['--help'], { expectExit: 0 });
await add(STARTUP, 'spectral', ['--help'], { expectExit: 0 });

const doc = largestAsyncapi3();
const ASYNC_TASK = doc ? `validate AsyncAPI 3.0, ${size(doc.file)} (${path.relative(path.join(CORPUS, 'asyncapi', 'real-world'), doc.file)})` : 'validate AsyncAPI 3.0';
if (!doc) {
  const skip = `no AsyncAPI 3.0 document under ${path.join(CORPUS, 'asyncapi', 'real-world')}`;
  rows.push({ task: ASYNC_TASK, tool: 'specgate', display: 'specgate validate', status: 'skipped', reason: skip });
} else {
  progress(`largest AsyncAPI 3.0 document: ${doc.file} (${doc.size} bytes)`);
  await add(ASYNC_TASK, 'specgate', ['validate', doc.file], { expectExit: 0 });
  await add(ASYNC_TASK, 'asyncapi', ['validate', doc.file], ASYNCAPI_VALID);
  await add(ASYNC_TASK, 'spectral', ['lint', '-r', SPECTRAL_ASYNCAPI_RULESET, doc.file], {
    ...SPECTRAL_DONE,
    display: 'spectral lint -r spectral:asyncapi',
  });
}

const STRIPE_TASK = `validate Stripe, ${size(STRIPE)} YAML`;
await add(STRIPE_TASK, 'specgate', ['validate', STRIPE], { expectExit: 0 });
await add(STRIPE_TASK, 'redocly', ['lint', STRIPE], {
  ...REDOCLY_DONE,
  note: REDOCLY_LINT_NOTE,
});
await add(STRIPE_TASK, 'spectral', ['lint', '-r', SPECTRAL_OAS_RULESET, STRIPE], {
  ...SPECTRAL_DONE,
  display: 'spectral lint -r spectral:oas',
});

const GITHUB_TASK = `validate GitHub, ${size(GITHUB)} JSON`;
// GitHub's description has templated paths that differ only in parameter names, which OpenAPI
// forbids: specgate reports them and exits 1. The run is complete; the table notes the exit.
await add(GITHUB_TASK, 'specgate', ['validate', GITHUB], { expectExit: [0, 1] });
await add(GITHUB_TASK, 'redocly', ['lint', GITHUB], REDOCLY_DONE);
await add(GITHUB_TASK, 'spectral', ['lint', '-r', SPECTRAL_OAS_RULESET, GITHUB], {
  ...SPECTRAL_DONE,
  display: 'spectral lint -r spectral:oas',
  skip: flags.full ? undefined : 'about 100 s a run; run with --full',
});

await add.flush();
report(rows, flags, {
  footer: [
    budgetLine(rows, { task: STARTUP, ms: 200, text: '`specgate --help` under 200 ms' }),
    targetLine(rows, {
      task: ASYNC_TASK,
      anchor: 'asyncapi',
      times: 10,
      text: '`specgate validate` ≥10× faster than `asyncapi validate` on one AsyncAPI 3.0 document',
    }),
    targetLine(rows, {
      task: STRIPE_TASK,
      anchor: 'redocly',
      times: 2,
      text: '`specgate validate` ≥2× faster than `redocly lint` on Stripe',
    }),
  ],
});

