import path from 'node:path';
import { InputError } from '../load/errors.js';
import { expandInputs, looksLikeSpecText, SPEC_EXTENSIONS } from '../load/read.js';
import { colorWanted } from '../report/color.js';
import { readAcceptFile, type AcceptEntry } from '../diff/accept.js';
import { diffLoaded, diffSpecs, wholeSpec, type DiffOptions } from '../diff/index.js';
import { isLibrary, LibraryIndex } from '../diff/library.js';
import { loadPair, loadSide, type LoadedSide } from '../diff/load.js';
import type { ApiModel } from '../model/types.js';
import { forgetRevision, git, gitRevision, gitShow, preloadRevision } from '../load/git.js';
import { refOptions, type RefFlags } from '../load/scope.js';
import { formatDiff, type DiffFormat } from '../diff/report/index.js';
import { diffHistory, splitMode } from '../diff/history.js';
import { levelRank, type DiffResult, type Level, type ModeFlag } from '../diff/types.js';
import { EXIT, notice, writeFileAtomic, writeStdout } from './output.js';
import { printable } from '../report/escape.js';
import { overall } from '../diff/report/json.js';

export type FailOn = 'breaking' | 'warning' | 'minor' | 'patch' | 'none';

export interface DiffRunOptions extends RefFlags {
  format: DiffFormat;
  failOn: FailOn;
  checkVersion?: boolean;
  accept?: string;
  mode: ModeFlag;
  /** `--history <folder>`: earlier versions the revision is compared with (all of them under a transitive mode). */
  history?: string;
  extensions: 'patch' | 'ignore';
  /** `--base <ref>`: compare folders (or files) with that git revision. */
  baseRef?: string;
  /** `--max-bytes`: markdown only; 0 is no limit. */
  maxBytes?: number;
  /** Write the report to this file; stdout gets one summary line. */
  output?: string;
}

/** GitHub refuses a pull-request comment longer than 65,536 characters. */
export const MARKDOWN_MAX_BYTES = 65536;

/** The lowest level that fails the run: `minor` means any change needing a minor bump or more. */
const THRESHOLD: Record<Exclude<FailOn, 'none'>, Level> = { breaking: 'breaking', warning: 'warning', minor: 'non-breaking', patch: 'patch' };

/** `specgate diff`: returns the exit code. */
export async function runDiff(args: string[], options: DiffRunOptions): Promise<number> {
  try {
    if (options.maxBytes !== undefined && options.format !== 'markdown') throw new InputError(`--max-bytes limits --format markdown only, not ${options.format}`);
    const accept = options.accept ? await readAcceptFile(options.accept) : undefined;
    const roots = options.baseRef && args.length === 0 ? ['.'] : args;
    const { mode, transitive } = splitMode(options.mode);
    if (transitive && !options.history) throw new InputError(`--mode ${options.mode} needs --history <folder> with the earlier versions`);
    if (options.history && options.baseRef) throw new InputError('--history and --base cannot be used together');
    const diffOptions: DiffOptions = { mode, extensions: options.extensions, ...refOptions(roots, options), accept };
    let results: DiffResult[];
    if (options.baseRef) results = await diffFolder(options.baseRef, args, diffOptions, accept);
    else if (options.history) {
      if (args.length !== 1) throw new InputError(`expected one spec (the revision) with --history, got ${args.length}`);
      results = await diffHistory(options.history, args[0], options.mode, diffOptions);
    } else {
      if (args.length !== 2) throw new InputError(`expected two specs (base and revision), got ${args.length}; or use --base <git-ref> <dir>`);
      results = [await diffSpecs(args[0], args[1], diffOptions)];
    }
    const report = await formatDiff(options.format, results, { color: options.output === undefined && colorWanted(), checkVersion: options.checkVersion, mode, maxBytes: options.maxBytes ?? MARKDOWN_MAX_BYTES });
    if (options.output === undefined) await writeStdout(report);
    else {
      writeFileAtomic(options.output, report);
      await writeStdout(`wrote ${printable(options.output)}: ${summaryLine(results)}\n`);
    }
    if (options.format !== 'json' && options.format !== 'text')
      for (const r of results) for (const s of r.staleAccepts ?? []) notice(`specgate: accept entry ${s.fingerprint} matches no change (${s.reason})`);
    return outcome(results, options);
  } catch (e) {
    if (e instanceof InputError) {
      notice(`specgate: ${e.toLine()}`);
      return EXIT.input;
    }
    throw e;
  }
}

/** `3 changes (1 breaking, 2 patch) in 2 pairs → major bump`: what `--output` wrote, on stdout. */
export function summaryLine(results: DiffResult[]): string {
  const changes = results.flatMap((r) => r.changes);
  const levels = (['breaking', 'warning', 'non-breaking', 'patch'] as const)
    .map((l) => [l, changes.filter((c) => c.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${n} ${l}`);
  const bump = overall(results);
  const failed = results.filter((r) => r.error).length;
  return [
    `${changes.length} ${changes.length === 1 ? 'change' : 'changes'}${levels.length ? ` (${levels.join(', ')})` : ''}`,
    results.length === 1 ? '' : ` in ${results.length} pairs`,
    failed ? `, ${failed} not compared` : '',
    ` → ${bump === 'none' ? 'no version bump needed' : `${bump} bump`}`,
  ].join('');
}

/** Exit 2 when a pair could not be compared; else 1 when a change that is not accepted reaches `--fail-on`, or `--check-version` fails. */
export function outcome(results: DiffResult[], options: Pick<DiffRunOptions, 'failOn' | 'checkVersion'>): number {
  if (results.some((r) => r.error)) return EXIT.input;
  for (const r of results) {
    if (options.checkVersion && r.versionCheck && !r.versionCheck.ok) return EXIT.findings;
    if (options.failOn === 'none') continue;
    const min = levelRank[THRESHOLD[options.failOn]];
    if (r.changes.some((c) => !c.accepted && levelRank[c.level] >= min)) return EXIT.findings;
  }
  return EXIT.ok;
}

/** Every spec under the inputs, now and at `ref`: diffs for those in both, a change for those added or removed. */
async function diffFolder(ref: string, inputs: string[], options: DiffOptions, accept?: AcceptEntry[]): Promise<DiffResult[]> {
  if (inputs.length === 0) inputs = ['.'];
  gitRevision(ref, `--base ${ref}`);
  await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => {
    throw new InputError(`not a git revision: ${ref}`);
  });
  const now = new Set(
    (
      await Promise.all(
        inputs.map((i) =>
          expandInputs([i]).catch((e) => {
            // A folder that no longer holds any spec: everything in it was removed.
            if (e instanceof InputError) return [] as string[];
            throw e;
          }),
        ),
      )
    ).flat(),
  );
  const before = new Set<string>();
  for (const input of inputs) {
    const listed = await git(['ls-tree', '-r', '--name-only', '--end-of-options', ref, '--', input]).catch(() => '');
    const candidates = listed.split('\n').filter((f) => f && SPEC_EXTENSIONS.includes(path.extname(f)) && !/(^|\/)(node_modules|\.[^/]+)\//.test(f));
    // ls-tree paths are relative to the repository root's view of cwd, as gitShow takes them.
    const texts = await preloadRevision(ref, candidates);
    for (const f of candidates) {
      const text = texts.get(f) ?? (await gitShow(ref, f).catch(() => ''));
      if (looksLikeSpecText(text)) before.add(path.normalize(f));
    }
  }
  try {
    return await diffFolderPairs(ref, now, before, options, accept);
  } finally {
    forgetRevision(ref);
  }
}

async function diffFolderPairs(ref: string, now: Set<string>, before: Set<string>, options: DiffOptions, accept?: AcceptEntry[]): Promise<DiffResult[]> {
  const results: DiffResult[] = [];
  const impact: { base?: ApiModel; revision?: ApiModel; changes: DiffResult['changes'] }[] = [];
  const files = [...new Set([...now, ...before])].sort();
  // Every pair is read first: a schema library's changes are judged by the specs that use it.
  const pairs = new Map<string, [LoadedSide, LoadedSide] | { error: unknown }>();
  for (const f of files)
    if (now.has(f) && before.has(f))
      pairs.set(f, await loadPair(`${ref}:${f}`, f, options).catch((error: unknown) => ({ error })));
  const specs = [...pairs.values()].flatMap((p) => (Array.isArray(p) ? [p[1]] : []));
  // Built on the first library met, then shared: each spec is walked once, however many libraries there are.
  const libraries = new LibraryIndex(specs);
  for (const f of files) {
    const old = `${ref}:${f}`;
    if (now.has(f) && before.has(f)) {
      let sides: [LoadedSide, LoadedSide] | undefined;
      let result: DiffResult;
      try {
        const loaded = pairs.get(f)!;
        if (!Array.isArray(loaded)) throw loaded.error;
        sides = loaded;
        result = await diffLoaded(sides[0], sides[1], isLibrary(sides[1].model) ? { ...options, libraryUsers: libraries.users(sides[1].model.file) } : options);
      } catch (e) {
        result = unreadablePair(e, old, f);
      }
      results.push(result);
      impact.push({ base: sides?.[0].model, revision: sides?.[1].model, changes: result.changes });
    } else {
      const removed = before.has(f);
      const side = await loadSide(removed ? old : f, options).catch(() => undefined);
      results.push(wholeSpec(removed ? 'spec-removed' : 'spec-added', old, f, side?.model));
      impact.push({ [removed ? 'base' : 'revision']: side?.model, changes: results[results.length - 1].changes });
    }
  }
  // Each breaking change of an operation names the services of the folder it breaks.
  const { markAffected } = await import('../system/impact.js');
  markAffected(impact);
  if (accept) {
    // Entries are matched per result; one that matched any result is not stale.
    const matched = new Set(results.flatMap((r) => r.changes.filter((c) => c.accepted).map((c) => c.fingerprint)));
    for (const r of results) delete r.staleAccepts;
    const stale = accept.filter((e) => !matched.has(e.fingerprint));
    if (stale.length && results.length) results[results.length - 1].staleAccepts = stale.map((e) => ({ fingerprint: e.fingerprint, reason: e.reason }));
    for (const r of results) for (const c of r.changes) if (!c.accepted) {
      const e = accept.find((x) => x.fingerprint === c.fingerprint);
      if (e) c.accepted = { reason: e.reason };
    }
  }
  return results;
}

/** One pair that cannot be compared (bad YAML, not a spec) is reported in its place, not the end of the run. */
function unreadablePair(e: unknown, old: string, now: string): DiffResult {
  if (!(e instanceof InputError)) throw e;
  return {
    base: { file: old, version: '' },
    revision: { file: now, version: '' },
    bump: 'none',
    changes: [],
    error: { file: e.file ?? now, line: e.line ?? null, column: e.column ?? null, message: e.message },
  };
}

/** `--list-checks`: the registry, as a table or JSON. */
export async function listChecks(format: DiffFormat): Promise<number> {
  const { rules } = await import('../diff/registry.js');
  if (format === 'json') {
    await writeStdout(JSON.stringify(rules, null, 2) + '\n');
    return EXIT.ok;
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const lv = r.levels.accept === r.levels.emit ? r.levels.accept : `${r.levels.accept} / ${r.levels.emit}`;
    return `${r.id.padEnd(w)}  ${r.area.padEnd(9)}  ${lv.padEnd(26)}  ${r.description}`;
  });
  await writeStdout(`${'id'.padEnd(w)}  ${'area'.padEnd(9)}  ${'level (accepted / emitted)'.padEnd(26)}  description\n${lines.join('\n')}\n`);
  return EXIT.ok;
}
