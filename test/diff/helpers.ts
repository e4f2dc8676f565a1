import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDiff, type DiffRunOptions } from '../../src/cli/diff.js';
import { diffLoaded, type DiffOptions } from '../../src/diff/index.js';
import type { LoadedSide } from '../../src/diff/load.js';
import type { DiffResult } from '../../src/diff/types.js';
import { Workspace } from '../../src/load/workspace.js';
import { buildModel } from '../../src/model/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => path.relative(process.cwd(), path.join(FIXTURES, name));

/** Load a spec from text (with optional other files by name), as the diff command would from disk. */
export async function sideFromText(file: string, text: string, others: Record<string, string> = {}): Promise<LoadedSide> {
  const ws = new Workspace({ overrides: new Map(Object.entries(others)) });
  const root = await ws.loadRootText(file, text);
  return { model: buildModel(ws, root), display: file };
}

export async function diffTexts(base: string, revision: string, options: DiffOptions = {}): Promise<DiffResult> {
  return diffLoaded(await sideFromText('base.yaml', base), await sideFromText('revision.yaml', revision), options);
}

/** An AsyncAPI 3 document whose payload schema is received on `orders.in` and sent on `orders.out`. */
export function bothWays(schema: unknown, version = '1.0.0'): string {
  const s = JSON.stringify(schema);
  return `asyncapi: 3.0.0
info: { title: Orders, version: '${version}' }
channels:
  in:
    address: orders.in
    messages:
      Order: { name: Order, payload: ${s} }
  out:
    address: orders.out
    messages:
      Order: { name: Order, payload: ${s} }
operations:
  acceptOrder: { action: receive, channel: { $ref: '#/channels/in' } }
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;
}

export function readFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** `rule level` of each change, sorted. */
export function summary(changes: DiffResult['changes']): string[] {
  return changes.map((c) => `${c.id} ${c.level}`).sort();
}

/** Run `specgate diff` in-process (in `cwd` when given); capture stdout and stderr. */
export async function runDiffCommand(args: string[], opts: Partial<DiffRunOptions> = {}, cwd?: string): Promise<{ code: number; out: string; err: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  let out = '';
  let err = '';
  const before = process.cwd();
  process.stdout.write = ((s: string, cb?: () => void) => ((out += s), cb?.(), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    if (cwd) process.chdir(cwd);
    const code = await runDiff(args, { format: 'json', failOn: 'breaking', mode: 'auto', extensions: 'patch', ...opts });
    return { code, out, err };
  } finally {
    process.chdir(before);
    process.stdout.write = write;
    process.stderr.write = ewrite;
  }
}
