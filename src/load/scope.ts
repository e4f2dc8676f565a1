import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';
import { parseRevSpec } from './git.js';
import type { RefOptions } from './workspace.js';

/**
 * Which files a run may read besides the ones it was given. Specs come from pull requests, so a `$ref`
 * (or a config's `extends`) is untrusted: it may reach only files under the project root, or under a
 * folder the user allowed (`--allow-ref-outside`). Containment is decided on real paths, so a symlink
 * inside the project cannot lead out; a file outside is never opened, and one that does not exist is
 * refused the same way (its existence is not told either).
 */
export class ReadScope {
  private readonly real: readonly string[];
  constructor(readonly roots: readonly string[]) {
    this.real = [...new Set(roots.map((r) => resolved(r)))];
  }

  /** Undefined when `abs` may be read; otherwise its real path, outside every root (for the message). */
  outside(abs: string): string | undefined {
    const real = resolved(abs);
    return this.real.some((r) => within(real, r)) ? undefined : real;
  }

  /** How the message names the roots. */
  describe(cwd = process.cwd()): string {
    return this.roots.map((r) => display(r, cwd)).join(', ');
  }
}

const MARKERS = ['.git', 'specgate.config.yaml'];

/** The nearest folder at or above `dir` holding one of `markers`, if any. */
export function markedRoot(dir: string, markers: readonly string[] = MARKERS): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (markers.some((m) => existsSync(path.join(d, m)))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * The project roots of a run's inputs: each input's nearest folder holding `.git` or
 * `specgate.config.yaml`; inputs with none share their common folder. Stdin counts as the working
 * directory. `allowed` folders are added as given.
 */
export function projectScope(inputs: readonly string[], allowed: readonly string[] = [], cwd = process.cwd()): ReadScope {
  const roots = new Set<string>();
  const unmarked: string[] = [];
  // A folder of specs shares one answer: the walk up to a marker is made once per folder.
  const markerOf = new Map<string, string | undefined>();
  for (const input of inputs) {
    // `rev:path` reads its files at that revision, under the working tree's folders of the same names.
    const file = input === '-' ? input : (parseRevSpec(input)?.file ?? input);
    const real = file === '-' ? cwd : realOr(path.resolve(cwd, file));
    const dir = statSync(real, { throwIfNoEntry: false })?.isDirectory() ? real : path.dirname(real);
    if (!markerOf.has(dir)) markerOf.set(dir, markedRoot(dir));
    const marked = markerOf.get(dir);
    if (marked) roots.add(marked);
    else unmarked.push(dir);
  }
  if (unmarked.length) roots.add(commonFolder(unmarked));
  for (const a of allowed) roots.add(path.resolve(cwd, a));
  return new ReadScope([...roots]);
}

function commonFolder(dirs: readonly string[]): string {
  let common = dirs[0];
  for (const d of dirs) while (!within(d, common)) common = path.dirname(common);
  return common;
}

function within(p: string, root: string): boolean {
  const r = path.relative(root, p);
  return r === '' || (!r.startsWith(`..${path.sep}`) && r !== '..' && !path.isAbsolute(r));
}

/** The real path of `p`; for a path that does not exist, its nearest existing folder's real path joined with the rest. */
function resolved(p: string): string {
  let rest = '';
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    try {
      return path.join(realpathSync(d), rest);
    } catch {
      if (path.dirname(d) === d) return path.resolve(p);
      rest = path.join(path.basename(d), rest);
    }
  }
}

function realOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function display(p: string, cwd: string): string {
  const r = path.relative(cwd, p);
  return r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r;
}

export interface RefFlags {
  allowRemoteRefs?: boolean;
  /** `--allow-ref-outside DIR`, repeatable. */
  allowRefOutside?: readonly string[];
}

/** The `$ref` policy of a run over `inputs`: its project roots, widened by `--allow-ref-outside`. */
export function refOptions(inputs: readonly string[], flags: RefFlags): RefOptions {
  for (const dir of flags.allowRefOutside ?? [])
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError('not a folder', `--allow-ref-outside ${dir}`);
  return { allowRemoteRefs: flags.allowRemoteRefs, refRoots: projectScope(inputs, flags.allowRefOutside).roots };
}
