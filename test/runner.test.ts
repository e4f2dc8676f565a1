// test/run.mjs counts what did not run: a skipped test is neither a pass nor silent, and with CI=true a
// test skipped for a missing server is a failure (corpus skips stay skips).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from './helpers.js';

function run(file: string, ci: boolean) {
  const { CI: _ci, ...env } = process.env;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'test/run.mjs'), `test/fixtures/runner/${file}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: ci ? { ...env, CI: 'true' } : env,
  });
  const lines = r.stdout.trim().split('\n');
  return { status: r.status, last: lines[lines.length - 1], out: r.stdout };
}

test('a pass/fail/skip mix: skipped tests are counted apart from passes and listed in the summary', () => {
  const r = run('mix.test.ts', false);
  assert.is(r.last, '2 passed, 1 failed, 2 skipped', r.out);
  assert.is(r.status, 1);
  assert.match(r.out, '\nNot run:\n  SKIP corpus test/fixtures/runner/mix.test.ts: needs the corpus: corpus absent\n  SKIP server test/fixtures/runner/mix.test.ts: needs a broker: SPECGATE_NATS_URL is not set\n');
});

test('CI=true: a server skip is a failure that says why; a corpus skip stays a skip', () => {
  const r = run('mix.test.ts', true);
  assert.is(r.last, '2 passed, 2 failed, 1 skipped', r.out);
  assert.match(r.out, '  SKIP server test/fixtures/runner/mix.test.ts: needs a broker: SPECGATE_NATS_URL is not set (a failure: CI=true needs every server)\n');
});

test('a missing server: exit 0 with the skip counted locally, exit 1 with CI=true', () => {
  const local = run('skip-server.test.ts', false);
  assert.is(local.last, '2 passed, 0 failed, 1 skipped', local.out);
  assert.is(local.status, 0);
  const ci = run('skip-server.test.ts', true);
  assert.is(ci.last, '2 passed, 1 failed, 0 skipped', ci.out);
  assert.is(ci.status, 1);
});

test.run();
