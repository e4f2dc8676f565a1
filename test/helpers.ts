import { test } from 'uvu';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(ROOT, '../shared/corpus');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (dist/) as a user would. */
export function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 20_000,
    env: { ...withoutColor(process.env), NO_COLOR: '1', ...options.env },
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A temporary folder with the given files; returns its path and a cleanup function. */
export function tempFiles(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-test-'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function withoutColor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _f, ...rest } = env;
  return rest;
}

/**
 * Why a test did not run. `server`: a broker or database is missing (a failure when CI=true, where
 * .ci/services.sh must have started it); `corpus`: ../shared/corpus is absent (always just a skip).
 */
export type SkipKind = 'server' | 'corpus';

/**
 * Record that test `name` was skipped. uvu has no conditional skip that it counts, so the file prints one
 * machine-readable line `SKIP <kind> <file>: <name>: <reason>` that test/run.mjs counts and reports.
 */
export function skipped(kind: SkipKind, name: string, reason: string): void {
  const file = path.relative(ROOT, process.argv[1] ?? '?');
  console.log(`SKIP ${kind} ${file}: ${name}: ${reason.replace(/\s+/g, ' ')}`);
}

/** `needs(kind, ok, reason)(name, fn)`: registers the uvu test when `ok`, else records it as skipped. */
export function needs(kind: SkipKind, ok: boolean, reason: string): (name: string, fn: Parameters<typeof test>[1]) => void {
  return (name, fn) => (ok ? test(name, fn) : skipped(kind, name, reason));
}
