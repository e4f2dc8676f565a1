#!/usr/bin/env node
// Runs every test/**/*.test.ts file with uvu (through tsx), two files at a time, and ends with one line
// `N passed, N failed, N skipped`. Usage: node test/run.mjs [substring-filter ... | test file ...]
// A test that did not run is counted from the line `SKIP <server|corpus> <file>: <name>: <reason>` that
// test/helpers.ts `skipped()` prints; with CI=true a `server` skip counts as a failure, since there
// .ci/services.sh must have started every broker and database.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);

if (!existsSync(path.join(root, 'dist/commands'))) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

// An argument naming a test file runs that file even under fixtures/ (how test/runner.test.ts checks the counts).
const named = filters.filter((x) => x.endsWith('.test.ts') && existsSync(path.resolve(root, x))).map((x) => path.resolve(root, x));
const files = named.length
  ? named
  : find(path.join(root, 'test'))
      .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
      .sort();
const concurrency = Math.max(1, Math.min(files.length, os.availableParallelism?.() ?? 2));
const tsx = path.join(root, 'node_modules/tsx/dist/esm/index.mjs');

let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();
const ci = process.env.CI === 'true';
const skipLines = [];

function runFile(file) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', tsx, file], { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const num = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(out)?.[1] ?? NaN);
      const total = num('Total');
      const ok = num('Passed');
      const skips = out.split('\n').filter((l) => /^SKIP (server|corpus) /.test(l));
      const ciFailures = ci ? skips.filter((l) => l.startsWith('SKIP server ')).length : 0;
      const skip = (num('Skipped') || 0) + skips.length - ciFailures;
      for (const l of skips) skipLines.push(ci && l.startsWith('SKIP server ') ? `${l} (a failure: CI=true needs every server)` : l);
      const rel = path.relative(root, file);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (Number.isNaN(total)) {
        failed += 1;
        process.stdout.write(`✘ ${rel} crashed (exit ${code}) ${secs}s\n${out}\n`);
      } else {
        passed += ok;
        skipped += skip;
        // uvu's Total counts the tests that ran; skipped ones are reported apart.
        const bad = Math.max(0, total - ok);
        failed += bad + (code !== 0 && bad === 0 ? 1 : 0) + ciFailures;
        const mark = bad || code || ciFailures ? '✘' : '✔';
        process.stdout.write(`${mark} ${rel}: ${ok}/${total} passed${skip ? `, ${skip} skipped` : ''}${ciFailures ? `, ${ciFailures} failed (server skipped with CI=true)` : ''} ${secs}s\n`);
        if (bad || code) process.stdout.write(out + '\n');
        else process.stdout.write(skips.map((l) => `    ${l}\n`).join(''));
      }
      resolve();
    });
  });
}

const queue = [...files];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (queue.length) await runFile(queue.shift());
  }),
);
if (skipLines.length) process.stdout.write(`\nNot run:\n${skipLines.map((l) => `  ${l}\n`).join('')}`);
process.stdout.write(`\n${files.length} test files in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
