#!/usr/bin/env node
// The system pass, whole-process time: `specgate graph` and `specgate lint` over a generated system of
// 200 services and 2,000 flows (bench/system-gen.mjs, seeded), side by side with `specgate lint
// --no-system` of the same folder — what the system rules add to a lint run. No other tool reads a set of
// documents as a system, so the anchor is specgate's own per-document lint. Memory: peak RSS of `graph`
// at 100, 200 and 400 services (it should grow with the input, no faster).
//
//   node bench/graph.mjs [--runs N] [--quick] [--json FILE]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { budgetLine, caseAdder, parseFlags, progress, report, SPECGATE_BIN } from './lib.mjs';
import { writeSystem } from './system-gen.mjs';

const flags = parseFlags();
const rows = [];
const add = caseAdder(rows, flags);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'specgate-graph-'));
const dir = (n) => path.join(tmp, `system-${n}`);
const sizes = [100, 200, 400];
for (const n of sizes) writeSystem(dir(n), { services: n });

// The generated consumers include some that require a field their producer may omit: exit 1, complete.
const DONE = { expectExit: [0, 1] };
const TASK = 'system of 200 services, 2,000 flows (AsyncAPI 3, 1.9 MB)';
await add(TASK, 'specgate', ['lint', dir(200), '--no-system', '-q'], { ...DONE, display: 'specgate lint --no-system' });
await add(TASK, 'specgate', ['lint', dir(200), '-q'], { ...DONE, display: 'specgate lint (with the system rules)' });
await add(TASK, 'specgate', ['graph', dir(200)], { ...DONE, expectOutput: /200 services, \d+ channels, 2000 flows/, display: 'specgate graph' });
await add.flush();

/** Peak resident memory of one run, from GNU time (`%M`, KiB). */
function peakRss(args) {
  // stdout is not read (a large graph would overflow spawnSync's buffer); GNU time writes to stderr.
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, SPECGATE_BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kib = /^(\d+)$/m.exec(r.stderr)?.[1];
  return kib ? Number(kib) / 1024 : undefined;
}
progress('peak memory of `specgate graph` at 100, 200, 400 services');
const rss = sizes.map((n) => [n, peakRss(['graph', dir(n), '-f', 'json'])]);
rmSync(tmp, { recursive: true, force: true });

const base = rows.find((r) => r.display === 'specgate lint --no-system');
const withSystem = rows.find((r) => r.display === 'specgate lint (with the system rules)');
const added = base?.status === 'ok' && withSystem?.status === 'ok' ? (withSystem.median / base.median - 1) * 100 : undefined;
const footer = [
  added === undefined ? 'Target: the system rules add under 30% to lint: not measured.' : `Target: the system rules add under 30% to lint: measured +${added.toFixed(0)}% — ${added < 30 ? 'met' : '**not met**'}.`,
  budgetLine(
    rows.filter((r) => r.display !== 'specgate lint --no-system' && r.display !== 'specgate graph'),
    { task: TASK, ms: 2000, text: 'the whole `lint` run with the system rules under 2 s' },
  ),
  `Peak memory of \`specgate graph\` (RSS): ${rss.map(([n, mb]) => `${n} services ${mb === undefined ? '–' : `${mb.toFixed(0)} MB`}`).join(', ')}.`,
];
report(rows, flags, { footer });
