import { InputError } from '../load/errors.js';
import { gitRevision, gitShow, parseRevSpec } from '../load/git.js';
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
