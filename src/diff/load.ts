import { InputError } from '../load/errors.js';
import type { RefOptions } from '../load/workspace.js';
import { parsePair, parseText, type ParsedText } from '../load/parse.js';
import { readText } from '../load/read.js';
import { openDocument, readInput } from '../model/open.js';
import type { ApiModel } from '../model/types.js';

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
  rev?: string;
  text: string;
}

async function readRoot(spec: string): Promise<RootText> {
  const r = await readInput(spec);
  return { spec, file: r.file, rev: r.rev, text: r.text ?? (await readText(r.file)) };
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
  const { file, rev, spec } = root;
  const doc = await openDocument(spec, { allowRemoteRefs: options.allowRemoteRefs, refRoots: options.refRoots, text: root.text, parsed });
  if (!doc.model) throw new InputError(`cannot read the document: ${doc.modelError?.message}; run \`specgate validate\` on it`, spec);
  return { model: doc.model, display: rev !== undefined ? `${rev}:${file}` : file, rev };
}
