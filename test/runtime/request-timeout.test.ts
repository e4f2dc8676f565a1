// A request's timeoutMs bounds the whole call, publish included, and a timeout while the publish is still
// pending never ends the process with an unhandled rejection. The scenario runs in a child process, since
// an unhandled rejection would end this one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');

test('request: a timeout during a slow publish is the caller\'s error, not a crash; the late reply is dropped and counted', () => {
  // Publish takes 1000 ms, the request allows 50 ms: the caller must hear about it long before 1000 ms.
  const r = spawnSync(process.execPath, ['--import', tsx, path.join(here, 'fixtures/slow-publish.ts'), '1000', '50'], { cwd: root, encoding: 'utf8', timeout: 20_000 });
  assert.is(r.stderr, '', 'nothing on stderr (no unhandled rejection)');
  assert.is(r.status, 0);
  const out = JSON.parse(r.stdout) as { error: { code: string; message: string }; elapsedMs: number; outstandingAfterTimeout: number; droppedReplies: number; droppedSeen: number };
  assert.is(out.error.code, 'REQUEST_TIMEOUT');
  assert.match(out.error.message, /^ask: no reply within 50 ms \(correlation id [0-9a-f-]{36}\)$/);
  assert.ok(out.elapsedMs >= 49 && out.elapsedMs < 500, `timed out after ${out.elapsedMs} ms, not at 50 ms`);
  assert.is(out.outstandingAfterTimeout, 0, 'the timed-out request no longer counts as outstanding');
  assert.is(out.droppedReplies, 1, 'the reply that came after the timeout is counted');
  assert.is(out.droppedSeen, 1, 'and given to onDroppedReply');
});

test.run();
