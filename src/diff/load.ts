import { InputError } from '../load/errors.js';
import type { RefOptions } from '../load/workspace.js';
import { parsePair, parseText, type ParsedText } from '../load/parse.js';
import { readText } from '../load/read.js';
import { foreignPayloadRoots } from '../formats/index.js';
import { prepareLocator } from '../load/locate.js';
import type { NodeLocation } from '../load/workspace.js';
import type { Range } from '../model/diagnostic.js';
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
  await refuseUnread(doc.model, rev);
  return { model: doc.model, display: rev !== undefined ? `${rev}:${file}` : file, rev };
}

/**
 * A side with a `$ref` that does not resolve, or a payload in another schema format (Avro, Protobuf)
 * that does not read (a `.proto` import missing, say), is not compared: what is missing would compare
 * as "no change", and a break behind it would pass the gate. The first such place, located; validate
 * lists them all.
 */
async function refuseUnread(model: ApiModel, rev: string | undefined): Promise<void> {
  const ws = model.workspace;
  const found: { at: NodeLocation; message: string; range?: Range }[] = ws.refProblems.map((p) => ({ at: { file: p.at.file, pointer: `${p.at.pointer}/$ref` }, message: p.message }));
  for (const root of foreignPayloadRoots(model)) found.push(...(await root.format.unreadable(root.node, ws)));
  if (!found.length) return;
  await prepareLocator();
  // The first in reading order: the root document first, then by file, line and column.
  const placed = found.map((f) => ({ ...f, start: f.range?.start ?? ws.locator(f.at.file)?.locate(f.at.pointer).start }));
  const order = (f: (typeof placed)[number]) => [f.at.file === model.file ? 0 : 1, f.at.file, f.start?.line ?? 0, f.start?.column ?? 0] as const;
  placed.sort((x, y) => {
    const a = order(x);
    const b = order(y);
    return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2] || a[3] - b[3];
  });
  const first = placed[0];
  const more = found.length > 1 ? ` (and ${found.length - 1} more; \`specgate validate\` lists them)` : '';
  throw new InputError(`${first.message}${more}; not compared`, rev !== undefined ? `${rev}:${first.at.file}` : first.at.file, first.start?.line, first.start?.column);
}
