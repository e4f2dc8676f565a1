// A listener on the NATS URL is not proof of a JetStream server: nats.test.ts must skip cleanly (one
// counted server skip that says why), never crash, when something else answers there.
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers.js';

test('a listener that is not a JetStream nats-server: the NATS tests are one server skip, exit 0', async () => {
  const fake = net.createServer((s) => {
    s.on('error', () => undefined);
    s.end('hello\r\n');
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const url = `nats://127.0.0.1:${(fake.address() as net.AddressInfo).port}`;
  const { CI: _ci, ...env } = process.env;
  const r = await new Promise<{ code: number; out: string }>((resolve) =>
    execFile(process.execPath, [path.join(ROOT, 'test/run.mjs'), 'test/brokers/nats.test.ts'], { cwd: ROOT, env: { ...env, SPECGATE_NATS_URL: url } }, (e, out) =>
      resolve({ code: e ? Number(e.code) : 0, out }),
    ),
  );
  fake.close();
  const lines = r.out.trim().split('\n');
  assert.is(lines[lines.length - 1], '0 passed, 0 failed, 1 skipped', r.out);
  assert.is(r.code, 0);
  assert.match(r.out, `  SKIP server test/brokers/nats.test.ts: the NATS tests: SPECGATE_NATS_URL (${url}) is not a nats-server with JetStream (unexpected response from server);`);
});

test.run();
