import { InputError } from '../load/errors.js';
import { gitRevision, gitShow, parseRevSpec } from '../load/git.js';
import type { ParsedText } from '../load/parse.js';
import { expandInputs, readText, STDIN } from '../load/read.js';
import { Workspace, type LoadedFile, type WorkspaceOptions } from '../load/workspace.js';
import { detectSpec, type SpecKind } from './detect.js';
import { buildModel } from './index.js';
import type { ApiModel } from './types.js';

/**
 * The one way a document is opened, under every job: a file, stdin (`-`) or a file at a git revision
 * (`rev:path`), loaded with every file its `$ref`s reach, its specification detected and its model
 * built. Problems of the input itself are `InputError`s located in it.
 */
export interface OpenedDocument {
  /** As given: `specs/order.yaml`, `-`, `origin/main:specs/order.yaml`. */
  input: string;
  /** The root's file name in the workspace (for `rev:path`, the path). */
  file: string;
  /** The git revision it was read from. */
  rev?: string;
  workspace: Workspace;
  root: LoadedFile;
  spec: SpecKind;
  /** Undefined when the document is too broken to model; `modelError` says why. */
  model?: ApiModel;
  modelError?: Error;
}

export interface OpenOptions extends WorkspaceOptions {
  /** The root's text, already read (`readInput`); parsed too when a caller parsed it with another. */
  text?: string;
  parsed?: ParsedText;
}

/** Where an input's root text comes from: git for `rev:path`, stdin for `-`; files are read when opened. */
export async function readInput(input: string): Promise<{ file: string; rev?: string; text?: string }> {
  if (input === STDIN) return { file: STDIN, text: await readText(STDIN) };
  const fromGit = parseRevSpec(input);
  if (!fromGit) return { file: input };
  const rev = gitRevision(fromGit.rev, input);
  return { file: fromGit.file, rev, text: await gitShow(rev, fromGit.file) };
}

export async function openDocument(input: string, options: OpenOptions = {}): Promise<OpenedDocument> {
  const { text: given, parsed, ...wsOptions } = options;
  const fromGit = given !== undefined && input !== STDIN ? parseRevSpec(input) : undefined;
  const { file, rev, text } = given !== undefined ? { file: fromGit?.file ?? input, rev: fromGit?.rev, text: given } : await readInput(input);
  // The files a revision's `$ref`s name are read at that revision too.
  const workspace = new Workspace({ ...wsOptions, ...(rev !== undefined ? { read: (f: string) => gitShow(rev, f) } : {}) });
  const root =
    text === undefined
      ? await workspace.loadRoot(file)
      : parsed
        ? await workspace.loadRootParsed({ file, text, ...parsed })
        : await workspace.loadRootText(file, text);
  const spec = detectSpec(root.value);
  if ('error' in spec) throw new InputError(spec.error, input, ...lineOf(workspace, file, spec.pointer));
  const doc: OpenedDocument = { input, file, ...(rev !== undefined ? { rev } : {}), workspace, root, spec };
  try {
    doc.model = buildModel(workspace, root);
  } catch (e) {
    doc.modelError = e as Error; // each job decides: validate reports the structure, diff refuses
  }
  return doc;
}

function lineOf(ws: Workspace, file: string, pointer: string): [number?, number?] {
  const l = ws.locator(file);
  if (!l || pointer === '') return [];
  const r = l.locate(pointer);
  return [r.start.line, r.start.column];
}

/** The documents of a run, and the inputs that could not be opened (each an `InputError` located in it). */
export interface OpenedSet {
  documents: OpenedDocument[];
  failed: { input: string; error: InputError }[];
}

/**
 * Open every document the inputs name (files, folders, globs, `-`, `rev:path`), in order. One input that
 * cannot be read never costs the others: it is listed in `failed`. Rejects (an `InputError`) only when the
 * inputs name no document at all, or the `$ref` policy cannot be set up.
 */
export async function openSet(inputs: readonly string[], options: WorkspaceOptions | ((files: string[]) => WorkspaceOptions) = {}): Promise<OpenedSet> {
  const plain = inputs.filter((i) => parseRevSpec(i) === undefined);
  const all = [...(plain.length ? await expandInputs(plain) : []), ...inputs.filter((i) => parseRevSpec(i) !== undefined)];
  // The `$ref` policy may depend on the files found (their project roots).
  const ws = typeof options === 'function' ? options(all) : options;
  const out: OpenedSet = { documents: [], failed: [] };
  for (const input of all) {
    try {
      out.documents.push(await openDocument(input, ws));
    } catch (e) {
      if (e instanceof InputError) out.failed.push({ input, error: e });
      else if (e instanceof RangeError) out.failed.push({ input, error: new InputError('document is nested too deeply to process', input) });
      else throw e;
    }
  }
  return out;
}
