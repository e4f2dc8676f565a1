/**
 * The output folder belongs to specgate: a manifest lists what it wrote, each run rewrites those files
 * whole and removes the ones no longer generated, and a folder holding other files is refused (unless
 * forced, which writes anyway and leaves those files alone). `check` compares without writing.
 *
 * The folder's contents are untrusted (a pull request can commit anything there, manifest included), so
 * nothing here follows a link: a symbolic link on the way to --out or inside it, or anything but a regular
 * file where a file is to be written or removed, refuses the run before anything is written; files are
 * replaced by renaming a fresh temporary file over them, never written in place (so neither a hard link
 * nor a killed run can leave a file half-written or change another file); and no input of the run is
 * ever overwritten or removed.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './index.js';

export const MANIFEST = '.specgate-manifest.json';
/** Where a file is written before it is renamed into place; one left by a killed run is removed next time. */
const TEMP_PREFIX = '.specgate-tmp-';
/** Far above any real manifest; a larger one is not ours. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export class OutputFolderError extends Error {
  constructor(
    message: string,
    readonly foreign: string[] = [],
  ) {
    super(message);
  }
}

interface Manifest {
  generator: 'specgate';
  files: string[];
}

function manifestText(paths: string[]): string {
  const m: Manifest = { generator: 'specgate', files: [...paths].sort() };
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** A plain relative path (`a/b.ts`): no absolute path, `..`, `.`, empty segment or backslash. */
function isInsidePath(p: unknown): p is string {
  if (typeof p !== 'string' || p.includes('\\') || p.includes('\0') || path.posix.isAbsolute(p)) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

const linkRefused = (shown: string) => new OutputFolderError(`${shown}: is a symbolic link; generate does not write through links, remove it or choose another --out`);

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return await lstat(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Check (and with `create`, make) the folder `abs`, one level at a time: Node's `mkdir({ recursive })`
 * loops forever where mkdir answers ENOENT for a parent that exists (`/proc/x`), and each level has to
 * be lstat-ed anyway. Levels at or below `guard` must not be symbolic links; those above it are the
 * user's own file system and are followed. Returns false when the folder is missing and not created.
 */
async function ensureFolder(abs: string, guard: string, shown: (p: string) => string, create: boolean): Promise<boolean> {
  const { root } = path.parse(abs);
  const levels = abs.slice(root.length).split(path.sep).filter(Boolean);
  let p = root;
  for (const level of levels) {
    p = path.join(p, level);
    const guarded = p === guard || p.startsWith(guard + path.sep);
    let st = await lstatOrUndefined(p).catch((e) => {
      throw new OutputFolderError(`${shown(p)}: cannot read this folder (${code(e)})`);
    });
    if (!st) {
      if (!create) return false;
      try {
        await mkdir(p);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputFolderError(`${shown(p)}: cannot create this folder (${code(e)})`);
      }
      st = await lstat(p).catch((e) => {
        throw new OutputFolderError(`${shown(p)}: cannot create this folder (${code(e)})`);
      });
    }
    if (st.isSymbolicLink()) {
      if (guarded) throw linkRefused(shown(p));
      st = await stat(p).catch(() => st!);
    }
    if (!st.isDirectory()) throw new OutputFolderError(`${shown(p)}: is not a folder; --out must name a folder`);
  }
  return true;
}

interface Entry {
  path: string;
  regular: boolean;
}

/** Everything inside the folder, without following links (a link is listed, never entered). */
async function listEntries(dir: string, base = ''): Promise<Entry[]> {
  const entries = await readdir(path.join(dir, base), { withFileTypes: true });
  const out: Entry[] = [];
  for (const e of entries) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listEntries(dir, rel)));
    else out.push({ path: rel, regular: e.isFile() });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Read a regular file without following a link (O_NOFOLLOW) or waiting on a FIFO (O_NONBLOCK), up to
 * `max` bytes; undefined when it is missing, not a regular file, or larger.
 */
async function readRegular(file: string, max = Infinity): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.size > max) return undefined;
    return await handle.readFile('utf8');
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  const text = await readRegular(path.join(dir, MANIFEST), MAX_MANIFEST_BYTES);
  if (text === undefined) return undefined;
  try {
    const m = JSON.parse(text) as Manifest;
    return m && m.generator === 'specgate' && Array.isArray(m.files) ? m : undefined;
  } catch {
    return undefined;
  }
}

interface Folder {
  abs: string;
  entries: Map<string, Entry>;
  /** What the manifest says specgate wrote: only plain paths inside the folder. */
  owned: Set<string>;
  /** Levels at or below this one must not be links (see `inspect`). */
  guard: string;
  /** A path as the user would write it: under --out as given, elsewhere relative to the working directory. */
  shown: (abs: string) => string;
}

/** Look at the folder without changing it; refuses when --out, or a folder on the way, is a link or a file. */
async function inspect(dir: string): Promise<Folder> {
  const abs = path.resolve(dir);
  const cwd = process.cwd();
  const under = (p: string, base: string) => {
    const r = path.relative(base, p);
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r)) ? r : undefined;
  };
  const shown = (p: string) => {
    const inOut = under(p, abs);
    if (inOut !== undefined) return inOut ? path.join(dir, inOut) : dir;
    return under(p, cwd) || p;
  };
  // A repository can commit `src -> /elsewhere` as well as `src/generated -> /elsewhere`: inside the
  // working directory every level is guarded; outside it, --out and what it holds.
  const rel = under(abs, cwd);
  const guard = rel ? path.join(cwd, rel.split(path.sep)[0]) : abs;
  const folder: Folder = { abs, entries: new Map(), owned: new Set(), guard, shown };
  if (!(await ensureFolder(abs, guard, shown, false))) return folder;
  const list = await listEntries(abs).catch((e) => {
    throw new OutputFolderError(`${dir}: cannot read this folder (${code(e)})`);
  });
  for (const e of list) folder.entries.set(e.path, e);
  folder.owned = new Set((await readManifest(abs))?.files.filter(isInsidePath) ?? []);
  return folder;
}

/**
 * Refuse, before anything is written, when a path to write or remove is not a plain file (a link, a
 * folder, a FIFO), lies under a link, or is one of the run's inputs (`inputs`: same device and inode,
 * so a hard link or another spelling of the same file counts too).
 */
async function preflight(folder: Folder, paths: string[], inputs: ReadonlySet<string>): Promise<void> {
  for (const rel of paths) {
    const segments = rel.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const sub = segments.slice(0, i).join('/');
      const at = path.join(folder.abs, sub);
      const st = await lstatOrUndefined(at).catch(() => undefined);
      if (!st) break;
      const last = i === segments.length;
      if (st.isSymbolicLink())
        throw linkRefused(folder.shown(at));
      if (!last && !st.isDirectory()) throw new OutputFolderError(`${folder.shown(at)}: is not a folder; remove it or choose another --out`);
      if (last && !st.isFile()) throw new OutputFolderError(`${folder.shown(at)}: is not a regular file; remove it or choose another --out`);
      if (last && inputs.has(`${st.dev}:${st.ino}`))
        throw new OutputFolderError(`${folder.shown(at)}: is an input of this run; generate never overwrites or removes what it reads, choose another --out`);
    }
  }
}

/** Identities (device:inode) of the local files a run read; URLs and stdin have none. */
async function identities(files: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const f of files) {
    if (f === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(f)) continue;
    const st = await stat(f).catch(() => undefined);
    if (st) out.add(`${st.dev}:${st.ino}`);
  }
  return out;
}

let tempCount = 0;
/** Write a temporary file beside `target` and rename it over: whole or not at all, and never in place. */
async function replaceFile(target: string, content: string): Promise<void> {
  const temp = path.join(path.dirname(target), `${TEMP_PREFIX}${process.pid}-${tempCount++}`);
  try {
    await writeFile(temp, content, { flag: 'wx' }); // O_EXCL: a link planted at the temporary name is not followed
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}

const isTemp = (e: Entry) => e.regular && path.posix.basename(e.path).startsWith(TEMP_PREFIX);

export interface WriteResult {
  written: string[];
  removed: string[];
  /** Files specgate did not write, left alone (only with `force`). */
  foreign: string[];
  /** Files specgate did not write at a path it generates, replaced (only with `force`). */
  replaced: string[];
}

export interface WriteOptions {
  force?: boolean;
  /** Every file the run read (`model.workspace.files`): never overwritten or removed. */
  inputs?: readonly string[];
}

export async function writeOutput(dir: string, files: GeneratedFile[], options: WriteOptions = {}): Promise<WriteResult> {
  for (const f of files) if (!isInsidePath(f.path) || f.path === MANIFEST) throw new Error(`generator bug: output path ${JSON.stringify(f.path)}`);
  const folder = await inspect(dir);
  const existing = [...folder.entries.values()];
  const leftovers = existing.filter(isTemp).map((e) => e.path);
  const foreign = existing.filter((e) => e.path !== MANIFEST && !folder.owned.has(e.path) && !isTemp(e)).map((e) => e.path);
  if (foreign.length && !options.force)
    throw new OutputFolderError(
      `${dir} holds files specgate did not write (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? `, +${foreign.length - 5} more` : ''}); choose an empty folder, or pass --force to write there anyway`,
      foreign,
    );
  const next = new Set(files.map((f) => f.path));
  const obsolete = [...folder.owned].filter((f) => !next.has(f) && folder.entries.has(f));
  await preflight(folder, [...next, MANIFEST, ...obsolete, ...leftovers], await identities(options.inputs ?? []));

  const { abs, guard, shown } = folder;
  const attempt = async (rel: string, what: string, op: () => Promise<unknown>) => {
    try {
      await op();
    } catch (e) {
      throw e instanceof OutputFolderError ? e : new OutputFolderError(`${shown(path.join(abs, rel))}: cannot ${what} (${code(e)})`);
    }
  };
  await ensureFolder(abs, guard, shown, true);
  for (const f of leftovers) await attempt(f, 'remove', () => rm(path.join(abs, f), { force: true }));
  // A run killed half-way must not leave files the next run takes for someone else's: the manifest
  // names every file about to be written before the first one is.
  if ([...next].some((f) => !folder.owned.has(f)))
    await attempt(MANIFEST, 'write', () => replaceFile(path.join(abs, MANIFEST), manifestText([...new Set([...folder.owned, ...next])])));
  for (const f of files) {
    const target = path.join(abs, f.path);
    await attempt(f.path, 'write', async () => {
      if (path.dirname(target) !== abs) await ensureFolder(path.dirname(target), guard, shown, true);
      await replaceFile(target, f.content);
    });
  }
  for (const f of obsolete) await attempt(f, 'remove', () => rm(path.join(abs, f), { force: true }));
  await attempt(MANIFEST, 'write', () => replaceFile(path.join(abs, MANIFEST), manifestText([...next])));
  return {
    written: files.map((f) => f.path),
    removed: obsolete,
    foreign: foreign.filter((f) => !next.has(f)),
    replaced: foreign.filter((f) => next.has(f)),
  };
}

export interface CheckResult {
  upToDate: boolean;
  /** Generated files missing or different, and files the previous run wrote that would be removed. */
  stale: { path: string; reason: 'missing' | 'changed' | 'obsolete' }[];
}

/** Compare without writing; refuses what `writeOutput` would refuse, so a passing check means a run would pass. */
export async function checkOutput(dir: string, files: GeneratedFile[]): Promise<CheckResult> {
  const folder = await inspect(dir);
  const next = new Set(files.map((f) => f.path));
  const obsolete = [...folder.owned].filter((f) => !next.has(f) && folder.entries.has(f));
  await preflight(folder, [...next, MANIFEST, ...obsolete], new Set());
  const stale: CheckResult['stale'] = [];
  const want = [...files, { path: MANIFEST, content: manifestText([...next]) }];
  for (const f of want) {
    const text = folder.entries.has(f.path) ? await readRegular(path.join(folder.abs, f.path)) : undefined;
    if (text === undefined) stale.push({ path: f.path, reason: 'missing' });
    else if (text !== f.content) stale.push({ path: f.path, reason: 'changed' });
  }
  for (const f of obsolete) stale.push({ path: f, reason: 'obsolete' });
  return { upToDate: stale.length === 0, stale };
}
