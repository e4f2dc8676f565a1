import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const LOADER = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/support/script-cache.ts')).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-script-cache-'));
const script = path.join(dir, 'answer.js');
writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
writeFileSync(script, "const path = require('node:path');\nmodule.exports = { answer: () => 41 + 1, name: path.basename(__filename) };\n");

/** Load `script` in a fresh process (the cache is written at exit); returns what it reported. */
function load(write: boolean): { value: number; name: string; info: { cached: boolean; rejected: boolean }; same: boolean } {
  const code = `
    import { createRequire } from 'node:module';
    const { requireCached, loadInfo } = await import(${JSON.stringify(LOADER)});
    const m = requireCached(${JSON.stringify(script)});
    const same = createRequire(import.meta.url)(${JSON.stringify(script)}) === m;
    console.log(JSON.stringify({ value: m.answer(), name: m.name, info: loadInfo.get(${JSON.stringify(script)}), same }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, SPECGATE_WRITE_CODE_CACHE: write ? '1' : '' },
  });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('no cache yet: compiled as usual, and registered with require', () => {
  const r = load(false);
  assert.equal(r, { value: 42, name: 'answer.js', info: { cached: false, rejected: false }, same: true });
  assert.not.ok(existsSync(`${script}.v8cache`));
});

test('a build run writes the cache; later runs use it', () => {
  load(true);
  const head = readFileSync(`${script}.v8cache`).subarray(0, 40).toString('latin1').split('\n')[0];
  const s = statSync(script);
  assert.is(head, `${s.size}:${Math.round(s.mtimeMs)}`);
  assert.equal(load(false).info, { cached: true, rejected: false });
});

test('a changed script of the same length does not get the old cache', () => {
  const before = readFileSync(script, 'utf8');
  const after = before.replace('41 + 1', '40 + 3');
  assert.is(after.length, before.length);
  writeFileSync(script, after);
  // A different time stamp even when the write lands in the same millisecond.
  const t = statSync(script).mtime;
  utimesSync(script, t, new Date(t.getTime() + 5000));
  const r = load(false);
  assert.is(r.value, 43);
  assert.equal(r.info, { cached: false, rejected: false });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
