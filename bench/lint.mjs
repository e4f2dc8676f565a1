#!/usr/bin/env node
// `specgate lint` against the linters users run today, whole-process time, in one run:
//   - Stripe (4 MB YAML) and GitHub (13 MB JSON): `redocly lint`, `spectral lint` (spectral:oas)
//   - Stripe and GitHub with a Spectral ruleset of 20 custom rules: `spectral lint -r` that file
//   - an AsyncAPI 3.0 specification example: `asyncapi validate` (which lints with its own
//     ruleset), `spectral lint` (spectral:asyncapi)
//   - with --full: Spectral on GitHub (~100 s a run), and every AsyncAPI 3.0.0 specification
//     example, one process per file for every tool
//
//   node bench/lint.mjs [--runs N] [--quick] [--full] [--json FILE] [--only REGEX]

import path from 'node:path';
import {
  caseAdder,
  CORPUS,
  filesUnder,
  GITHUB,
  parseFlags,
  REDOCLY_DONE,
  REDOCLY_LINT_NOTE,
  report,
  ROOT,
  size,
  SPECTRAL_ASYNCAPI_RULESET,
  SPECTRAL_DONE,
  SPECTRAL_OAS_RULESET,
  STRIPE,
} from './lib.mjs';

const flags = parseFlags();
const rows = [];
const add = caseAdder(rows, flags);

// specgate lint exits 1 when it reports errors; either way the run is complete.
const SPECGATE_LINT = { expectExit: [0, 1] };
// `asyncapi validate` exits 1 when its ruleset reports an error (some examples $ref remote files,
// which cannot be fetched offline); it has done the work when it says valid or invalid.
const ASYNCAPI_DONE = { expectExit: [0, 1], expectOutput: /is valid|is invalid|\d+ problems? \(/ };
const SPECTRAL_OAS = { ...SPECTRAL_DONE, display: 'spectral lint -r spectral:oas' };
const SPECTRAL_ASYNCAPI = { ...SPECTRAL_DONE, display: 'spectral lint -r spectral:asyncapi' };

const STRIPE_TASK = `lint Stripe, ${size(STRIPE)} YAML`;
await add(STRIPE_TASK, 'specgate', ['lint', STRIPE], SPECGATE_LINT);
await add(STRIPE_TASK, 'redocly', ['lint', STRIPE], { ...REDOCLY_DONE, note: REDOCLY_LINT_NOTE });
await add(STRIPE_TASK, 'spectral', ['lint', '-r', SPECTRAL_OAS_RULESET, STRIPE], SPECTRAL_OAS);

const GITHUB_TASK = `lint GitHub, ${size(GITHUB)} JSON`;
await add(GITHUB_TASK, 'specgate', ['lint', GITHUB], SPECGATE_LINT);
await add(GITHUB_TASK, 'redocly', ['lint', GITHUB], REDOCLY_DONE);
await add(GITHUB_TASK, 'spectral', ['lint', '-r', SPECTRAL_OAS_RULESET, GITHUB], {
  ...SPECTRAL_OAS,
  skip: flags.full ? undefined : 'about 100 s a run; run with --full',
});

// The same Spectral ruleset file for both tools: twenty custom rules (given/then with Spectral's core
// functions; the conformance test checks that both report the same 14,586 findings on Stripe).
const CUSTOM_RULESET = path.join(ROOT, 'test', 'lint', 'fixtures', 'spectral', 'stripe.spectral.yaml');
const SPECTRAL_CUSTOM = { ...SPECTRAL_DONE, display: 'spectral lint -r stripe.spectral.yaml' };
const SPECGATE_CUSTOM = { ...SPECGATE_LINT, display: 'specgate lint --ruleset stripe.spectral.yaml' };
const CUSTOM_NOTE = 'Both read test/lint/fixtures/spectral/stripe.spectral.yaml: 20 custom rules, Spectral\'s own rules off.';

const STRIPE_CUSTOM_TASK = `lint Stripe with the 20-rule custom Spectral ruleset`;
await add(STRIPE_CUSTOM_TASK, 'specgate', ['lint', '--ruleset', CUSTOM_RULESET, STRIPE], { ...SPECGATE_CUSTOM, note: CUSTOM_NOTE });
await add(STRIPE_CUSTOM_TASK, 'spectral', ['lint', '-r', CUSTOM_RULESET, STRIPE], SPECTRAL_CUSTOM);

const GITHUB_CUSTOM_TASK = `lint GitHub with the 20-rule custom Spectral ruleset`;
await add(GITHUB_CUSTOM_TASK, 'specgate', ['lint', '--ruleset', CUSTOM_RULESET, GITHUB], { ...SPECGATE_CUSTOM, note: CUSTOM_NOTE });
// About 9 minutes a run: one run, no warm-up (the ratio is two orders of magnitude, far beyond run-to-run noise).
await add(GITHUB_CUSTOM_TASK, 'spectral', ['lint', '-r', CUSTOM_RULESET, GITHUB], { ...SPECTRAL_CUSTOM, runs: 1, warmup: 0, timeoutMs: 30 * 60 * 1000, note: 'one run (about 9 minutes or more)' });

const EXAMPLES = path.join(CORPUS, 'asyncapi', 'spec-examples', '3.0.0');
const example = path.join(EXAMPLES, 'streetlights-kafka-asyncapi.yml');
const EXAMPLE_TASK = `lint AsyncAPI 3.0 example, ${size(example)} (${path.basename(example)})`;
await add(EXAMPLE_TASK, 'specgate', ['lint', example], SPECGATE_LINT);
await add(EXAMPLE_TASK, 'asyncapi', ['validate', example], ASYNCAPI_DONE);
await add(EXAMPLE_TASK, 'spectral', ['lint', '-r', SPECTRAL_ASYNCAPI_RULESET, example], SPECTRAL_ASYNCAPI);

// Every top-level 3.0.0 example, one process per file for each tool: what a pre-commit hook or a
// CI step over a folder of contracts costs.
const all = filesUnder(EXAMPLES, /\.ya?ml$/).filter((f) => path.dirname(f) === EXAMPLES);
const ALL_TASK = `lint ${all.length} AsyncAPI 3.0 examples, one process each`;
const skipAll = flags.full ? (all.length ? undefined : `no examples under ${EXAMPLES}`) : 'about a minute a run; run with --full';
const each = (prefix) => all.map((f) => [[...prefix, f]]);
await add(ALL_TASK, 'specgate', each(['lint']), { ...SPECGATE_LINT, display: 'specgate lint', skip: skipAll });
await add(ALL_TASK, 'asyncapi', each(['validate']), { ...ASYNCAPI_DONE, display: 'asyncapi validate', skip: skipAll });
await add(ALL_TASK, 'spectral', each(['lint', '-r', SPECTRAL_ASYNCAPI_RULESET]), {
  ...SPECTRAL_ASYNCAPI,
  skip: skipAll,
});

await add.flush();
report(rows, flags);
