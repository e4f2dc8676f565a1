#!/usr/bin/env node
// specgate entry point. Errors from oclif (unknown flag, missing argument) exit 2 with one line.
import { execute } from '@oclif/core/execute';

try {
  await execute({ dir: import.meta.url });
} catch (e) {
  const err = /** @type {any} */ (e);
  const exit = typeof err?.oclif?.exit === 'number' ? err.oclif.exit : 2;
  if (exit !== 0) process.stderr.write(`specgate: ${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exitCode = exit === 1 ? 2 : exit;
}
