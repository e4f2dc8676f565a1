import path from 'node:path';
import semver from 'semver';
import { InputError } from '../load/errors.js';
import { expandInputs } from '../load/read.js';
import { diffLoaded, type DiffOptions } from './index.js';
import { loadSide, type LoadedSide } from './load.js';
import { parseVersion } from './semver.js';
import type { DiffResult, Mode, ModeFlag } from './types.js';

/** The non-transitive mode of a `--mode` flag, and whether it asks for every earlier version. */
export function splitMode(flag: ModeFlag): { mode: Mode; transitive: boolean } {
  const m = /^(backward|forward|full)_transitive$/.exec(flag);
  return m ? { mode: m[1] as Mode, transitive: true } : { mode: flag as Mode, transitive: false };
}

/** One earlier version in `--history`: loaded, or the input error that kept it from being read. */
type Entry = { file: string; side: LoadedSide; version: string } | { file: string; error: InputError };

/**
 * Order of the registry's versions: by `info.version` as semver, ties (and versions semver cannot
 * order, which come first) by file name.
 */
function compareEntries(a: Entry, b: Entry): number {
  const va = 'side' in a ? parseVersion(a.version) : undefined;
  const vb = 'side' in b ? parseVersion(b.version) : undefined;
  if (va && vb && semver.compare(va, vb) !== 0) return semver.compare(va, vb);
  if (!va !== !vb) return va ? 1 : -1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/**
 * Compare `revision` with the earlier versions in `folder`: every one of them under a transitive mode,
 * the latest only otherwise (as Confluent Schema Registry does). A history file that cannot be read is
 * reported in its place; the others are still compared.
 */
export async function diffHistory(folder: string, revision: string, flag: ModeFlag, options: DiffOptions): Promise<DiffResult[]> {
  const { mode, transitive } = splitMode(flag);
  const rev = await loadSide(revision, options);
  const own = path.resolve(revision);
  const files = (await expandInputs([folder])).filter((f) => path.resolve(f) !== own);
  if (files.length === 0) throw new InputError('--history holds no earlier version of the spec', folder);
  const entries: Entry[] = [];
  for (const file of files) {
    try {
      const side = await loadSide(file, options);
      entries.push({ file, side, version: side.model.info.version });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      entries.push({ file, error: e });
    }
  }
  entries.sort(compareEntries);
  const readable = entries.filter((e) => 'side' in e);
  const chosen = transitive ? entries : [...entries.filter((e) => 'error' in e), ...readable.slice(-1)];
  const results: DiffResult[] = [];
  for (const entry of chosen) {
    let result: DiffResult;
    try {
      if ('error' in entry) throw entry.error;
      result = await diffLoaded(entry.side, rev, { ...options, mode });
      const against = { version: entry.version, file: entry.side.display };
      for (const c of result.changes) c.against = against;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      result = {
        base: { file: entry.file, version: '' },
        revision: { file: rev.display, version: rev.model.info.version },
        bump: 'none',
        changes: [],
        error: { file: e.file ?? entry.file, line: e.line ?? null, column: e.column ?? null, message: e.message },
      };
    }
    results.push(result);
  }
  return results;
}
