import { InputError } from '../load/errors.js';
import type { RefOptions } from '../load/workspace.js';
import { parsePair, parseText, type ParsedText } from '../load/parse.js';
import { readText } from '../load/read.js';
import { foreignPayloadRoots } from '../formats/index.js';
import { prepareLocator } from '../load/locate.js';
import { splitRef, type NodeLocation } from '../load/workspace.js';
import { fragmentToPointer, parsePointer } from '../load/pointer.js';
import type { Range } from '../model/diagnostic.js';
import { openDocument, readInput } from '../model/open.js';
import type { ApiModel } from '../model/types.js';

export interface LoadedSide {
  model: ApiModel;
  /** How the side is shown: `specs/order.yaml` or `origin/main:specs/order.yaml`. */
  display: string;
  /** Git revision the side was read from. */
  rev?: string;
  /** Why the side cannot be compared (see unreadProblem): thrown when it is, not when it is only loaded. */
  unread?: InputError;
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
  const unread = await unreadProblem(doc.model, rev);
  return { model: doc.model, display: rev !== undefined ? `${rev}:${file}` : file, rev, ...(unread ? { unread } : {}) };
}

/**
 * Why a side cannot be compared, if it cannot: a `$ref` the contract goes through that does not resolve
 * (or is remote without --allow-remote-refs, or leaves the project), or a payload in another schema
 * format (Avro, Protobuf) that does not read (a `.proto` import missing, an Avro `$ref` cycle). What is
 * missing would compare as "no change", and a break behind it would pass the gate. The first such place
 * in reading order, located; validate lists them all. Not counted: `$ref`s inside extensions (`x-…`) and
 * example values, which the contract does not go through; fragments that are not pointers (`#name`, an
 * `$anchor`), which were never followed; and problems in other files outside every part of them that a
 * `$ref` reaches (an unused component of a shared file).
 */
/** Maps whose keys are names the author chose (a property called `example` is part of the contract). */
const NAMED = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas', 'messages', 'channels', 'operations', 'parameters', 'headers', 'responses', 'requestBodies', 'paths', 'webhooks', 'components']);

async function unreadProblem(model: ApiModel, rev: string | undefined): Promise<InputError | undefined> {
  const ws = model.workspace;
  const reached = new Map<string, string[]>();
  // Only needed to place a problem, and most sides have none: GitHub's description has thousands of $refs.
  if (ws.refProblems.length) for (const { at, ref } of ws.references) {
    const [target, fragment] = splitRef(ref);
    const file = target === '' ? at.file : ws.fileFor(target, at.file);
    const list = reached.get(file) ?? [];
    list.push(fragmentToPointer(fragment));
    reached.set(file, list);
  }
  const inContract = (at: NodeLocation) => {
    // A key under a map of names (`properties: { example: … }`) is a name, not the keyword.
    const tokens = parsePointer(at.pointer);
    if (tokens.some((t, i) => (t.startsWith('x-') || t === 'example' || t === 'examples') && !NAMED.has(tokens[i - 1]))) return false;
    if (at.file === model.file) return true;
    return (reached.get(at.file) ?? []).some((t) => t === '' || at.pointer === t || at.pointer.startsWith(`${t}/`));
  };
  const found: { at: NodeLocation; message: string; range?: Range }[] = ws.refProblems
    .filter((p) => p.kind !== 'invalid-ref-pointer' && inContract(p.at))
    .map((p) => ({ at: { file: p.at.file, pointer: `${p.at.pointer}/$ref` }, message: p.message }));
  for (const root of foreignPayloadRoots(model)) found.push(...(await root.format.unreadable(root.node, ws)));
  if (!found.length) return undefined;
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
  return new InputError(`${first.message}${more}; not compared`, rev !== undefined ? `${rev}:${first.at.file}` : first.at.file, first.start?.line, first.start?.column);
}
