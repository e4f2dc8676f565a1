#!/usr/bin/env node
// specgate entry point. The command line is one bundled script (scripts/bundle.mjs), compiled through
// V8's code cache when the build made one (src/support/script-cache.ts). Errors that reach here (unknown flag,
// missing argument, bad option value) print one line and exit 2; oclif's own handler would print the
// command's usage after them.
import { fileURLToPath } from 'node:url';
import { requireCached } from '../dist/support/script-cache.js';

const { run } = /** @type {{ run: (argv: string[], dir: string) => Promise<unknown> }} */ (requireCached(fileURLToPath(new URL('../dist/bundle/specgate.js', import.meta.url))));

try {
  await run(process.argv.slice(2), import.meta.url);
} catch (e) {
  const err = /** @type {any} */ (e);
  const exit = typeof err?.oclif?.exit === 'number' ? err.oclif.exit : 2;
  if (exit !== 0 && err?.code !== 'EEXIT') process.stderr.write(`specgate: ${oneLine(String(err?.message ?? err))}\n`);
  process.exitCode = exit === 1 ? 2 : exit;
}

// The work is done and written: leave once the output has drained, instead of letting V8 spend the
// idle time collecting a heap that is about to be freed (about 15 ms after linting Stripe).
process.stdout.write('', () => process.stderr.write('', () => process.exit()));

/** oclif's parse errors span lines ("Missing 1 required arg:\nspecs  …\nSee more help with --help"). */
function oneLine(message) {
  const arg = process.argv[2];
  // With a space as topic separator oclif names the unknown command after the arguments too (`x:y.yaml`).
  if (/^command \S+ not found/.test(message)) return `unknown command \`${arg}\` (see specgate --help)`;
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l && !/^See more help with/.test(l));
  const cmd = arg && !arg.startsWith('-') ? ` ${arg}` : '';
  return `${lines.join(' ')} (see specgate${cmd} --help)`;
}
