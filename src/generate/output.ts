/**
 * The output folder belongs to specgate: a manifest lists what it wrote, each run rewrites those files
 * whole and removes the ones no longer generated, and a folder holding other files is refused (unless
 * forced, which writes anyway and leaves those files alone). `check` compares without writing.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './index.js';

export const MANIFEST = '.specgate-manifest.json';

export class OutputFolderError extends Error {
  constructor(
    message: string,
    readonly foreign: string[],
  ) {
    super(message);
  }
}

interface Manifest {
  generator: 'specgate';
  files: string[];
}

function manifestText(files: GeneratedFile[]): string {
  const m: Manifest = { generator: 'specgate', files: files.map((f) => f.path).sort() };
  return `${JSON.stringify(m, null, 2)}\n`;
}

async function listFiles(dir: string, base = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(path.join(dir, base), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    return m && m.generator === 'specgate' && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

export interface WriteResult {
  written: string[];
  removed: string[];
  /** Files specgate did not write, left alone (only with `force`). */
  foreign: string[];
}

export async function writeOutput(dir: string, files: GeneratedFile[], options: { force?: boolean } = {}): Promise<WriteResult> {
  const existing = await listFiles(dir);
  const manifest = await readManifest(dir);
  const owned = new Set(manifest?.files ?? []);
  const foreign = existing.filter((f) => f !== MANIFEST && !owned.has(f));
  if (foreign.length && !options.force)
    throw new OutputFolderError(
      `${dir} holds files specgate did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? `, +${foreign.length - 5} more` : ''}); choose an empty folder, or pass --force to write there anyway`,
      foreign,
    );
  await mkdir(dir, { recursive: true });
  const next = new Set(files.map((f) => f.path));
  const removed: string[] = [];
  for (const f of owned)
    if (!next.has(f) && existing.includes(f)) {
      await rm(path.join(dir, f), { force: true });
      removed.push(f);
    }
  for (const f of files) {
    const target = path.join(dir, f.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.content);
  }
  await writeFile(path.join(dir, MANIFEST), manifestText(files));
  return { written: files.map((f) => f.path), removed, foreign };
}

export interface CheckResult {
  upToDate: boolean;
  /** Generated files missing or different, and files the previous run wrote that would be removed. */
  stale: { path: string; reason: 'missing' | 'changed' | 'obsolete' }[];
}

export async function checkOutput(dir: string, files: GeneratedFile[]): Promise<CheckResult> {
  const stale: CheckResult['stale'] = [];
  const want = [...files, { path: MANIFEST, content: manifestText(files) }];
  for (const f of want) {
    let text: string | undefined;
    try {
      text = await readFile(path.join(dir, f.path), 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined) stale.push({ path: f.path, reason: 'missing' });
    else if (text !== f.content) stale.push({ path: f.path, reason: 'changed' });
  }
  const manifest = await readManifest(dir);
  const existing = new Set(await listFiles(dir));
  const next = new Set(files.map((f) => f.path));
  for (const f of manifest?.files ?? []) if (!next.has(f) && existing.has(f)) stale.push({ path: f, reason: 'obsolete' });
  return { upToDate: stale.length === 0, stale };
}
