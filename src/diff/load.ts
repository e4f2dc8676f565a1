import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { Workspace, type RefOptions } from '../load/workspace.js';
import { parsePair, parseText, type ParsedText } from '../load/parse.js';
import { readText } from '../load/read.js';
import { buildModel } from '../model/index.js';
import type { ApiModel } from '../model/types.js';
import { detectSpec } from '../validate/structural.js';

export interface LoadedSide {
  model: ApiModel;
  /** How the side is shown: `specs/order.yaml` or `origin/main:specs/order.yaml`. */
  display: string;
  /** Git revision the side was read from. */
  rev?: string;
}

/** `origin/main:specs/order.yaml` (not a Windows drive letter, not a file that exists as named). */
export function parseRevSpec(spec: string): { rev: string; file: string } | undefined {
  if (existsSync(spec)) return undefined;
  const m = /^([^:]+):(.+)$/.exec(spec);
  if (!m || /^[a-zA-Z]$/.test(m[1]) || /^https?$/.test(m[1])) return undefined;
  return { rev: m[1], file: m[2] };
}

export function git(args: string[], cwd = process.cwd()): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new InputError(`git ${args[0]} failed: ${(stderr || err.message).trim().split('\n')[0]}`, args[args.length - 1]));
      else resolve(stdout);
    });
  });
}

/**
 * A revision from the command line or a spec, checked before it reaches git: one starting with `-` would
 * be read as an option (`--output=…` writes a file). Calls also end git's options before it.
 */
export function gitRevision(rev: string, shown = rev): string {
  if (rev.startsWith('-')) throw new InputError('a git revision cannot start with `-`', shown);
  return rev;
}

/** Text of a file at a git revision; `file` is relative to the working directory. */
export function gitShow(rev: string, file: string, cwd = process.cwd()): Promise<string> {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return git(['show', '--end-of-options', `${gitRevision(rev)}:./${rel.split(path.sep).join('/')}`], cwd);
}

/** A side's root document as read, before parsing. */
interface RootText {
  spec: string;
  file: string;
  text: string;
  fromGit?: { rev: string; file: string };
}

async function readRoot(spec: string): Promise<RootText> {
  const fromGit = parseRevSpec(spec);
  if (fromGit) gitRevision(fromGit.rev, spec);
  const file = fromGit ? fromGit.file : spec;
  return { spec, file, fromGit, text: fromGit ? await gitShow(fromGit.rev, file) : await readText(file) };
}

/**
 * Load one side of a diff, without schema validation (run `specgate validate` for that): the root and
 * every file its `$ref`s reach, from disk or, for `rev:path`, from that git revision.
 */
export async function loadSide(spec: string, options: RefOptions = {}): Promise<LoadedSide> {
  const root = await readRoot(spec);
  return sideOf(root, parseText(root.text, root.file), options);
}

/**
 * Load both sides of a diff. Their roots are parsed together: what is written identically in both is
 * parsed once, and the comparison then meets the same object on both sides there.
 */
export async function loadPair(base: string, revision: string, options: RefOptions = {}): Promise<[LoadedSide, LoadedSide]> {
  const [b, r] = await Promise.all([readRoot(base), readRoot(revision)]);
  const [pb, pr] = parsePair(b, r);
  return Promise.all([sideOf(b, pb, options), sideOf(r, pr, options)]);
}

async function sideOf(root: RootText, parsed: ParsedText, options: RefOptions): Promise<LoadedSide> {
  const { fromGit, file, spec } = root;
  const ws = new Workspace({
    allowRemoteRefs: options.allowRemoteRefs,
    refRoots: options.refRoots,
    ...(fromGit ? { read: (f: string) => gitShow(fromGit.rev, f) } : {}),
  });
  const loaded = await ws.loadRootParsed({ file, text: root.text, ...parsed });
  const kind = detectSpec(loaded.value);
  if ('error' in kind) throw new InputError(kind.error, spec);
  let model: ApiModel;
  try {
    model = buildModel(ws, loaded);
  } catch (e) {
    throw new InputError(`cannot read the document: ${(e as Error).message}; run \`specgate validate\` on it`, spec);
  }
  return { model, display: fromGit ? `${fromGit.rev}:${file}` : file, rev: fromGit?.rev };
}
