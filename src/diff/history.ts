import { existsSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { InputError } from '../load/errors.js';
import { git, gitRevision, parseRevSpec } from '../load/git.js';
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

/** `A..B` (not a folder): a git revision range. */
export function gitRange(history: string): [string, string] | undefined {
  if (existsSync(history)) return undefined;
  const m = /^([^.].*?)\.\.([^.].*)$/.exec(history);
  return m && !m[2].includes('..') ? [gitRevision(m[1], history), gitRevision(m[2], history)] : undefined;
}

/** The revision file at every commit in `A..B` that changed it (and did not delete it), oldest first. */
async function rangeSpecs([from, to]: [string, string], revision: string, history: string): Promise<string[]> {
  const file = parseRevSpec(revision)?.file ?? revision;
  // Added, copied, modified, renamed or retyped: a commit deleting the file leaves nothing to compare with.
  const log = await git(['log', '--format=%h', '--reverse', '--diff-filter=ACMRT', '--end-of-options', `${from}..${to}`, '--', file]).catch(() => {
    throw new InputError(`not a git revision range: ${history}`);
  });
  return log.split('\n').filter(Boolean).map((h) => `${h}:${file}`);
}

/**
 * Compare `revision` with its earlier versions: the specs in the `history` folder, or the revision's file
 * at each commit of a git range `A..B`. Every one of them under a transitive mode, the latest only
 * otherwise (as Confluent Schema Registry does). A history file that cannot be read is reported in its
 * place; the others are still compared.
 */
export async function diffHistory(history: string, revision: string, flag: ModeFlag, options: DiffOptions): Promise<DiffResult[]> {
  const { mode, transitive } = splitMode(flag);
  const rev = await loadSide(revision, options);
  const own = path.resolve(revision);
  const range = gitRange(history);
  const files = range ? await rangeSpecs(range, revision, history) : (await expandInputs([history])).filter((f) => path.resolve(f) !== own);
  if (files.length === 0) throw new InputError(range ? 'no commit in the range changed the spec' : '--history holds no earlier version of the spec', history);
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
  // Commits are in the order they were made, which is the registry's order.
  if (!range) entries.sort(compareEntries);
  const readable = entries.filter((e) => 'side' in e);
  const chosen = transitive ? entries : [...entries.filter((e) => 'error' in e), ...readable.slice(-1)];
  const results: DiffResult[] = [];
  for (const entry of chosen) {
    let result: DiffResult;
    try {
      if ('error' in entry) throw entry.error;
      result = await diffLoaded(entry.side, rev, { ...options, mode });
      // The next version follows the latest one: `--check-version` does not hold 1.2.0 to a bump from 1.0.0.
      if (entry !== readable[readable.length - 1]) delete result.versionCheck;
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
