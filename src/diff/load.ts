import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { MAX_FILE_BYTES, readText } from '../load/read.js';
import { Workspace, type LoadedFile } from '../load/workspace.js';
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

/** Above this size a YAML root is parsed in a worker thread, so both sides of a diff parse at the same time. */
const WORKER_BYTES = 1024 * 1024;

/**
 * A large YAML root, parsed in a worker (compiled builds only): the worker sends the value back as JSON
 * text, the workspace takes it as the file's value, and the file keeps its YAML text for locations.
 * Undefined when not worth it or when anything goes wrong (the ordinary path then reports errors).
 */
let workerBusy = false;

async function loadLargeYaml(ws: Workspace, file: string): Promise<LoadedFile | undefined> {
  if (!/\.ya?ml$/i.test(file) || !import.meta.url.endsWith('.js')) return undefined;
  // One worker is enough on two cores: the other side is parsed on this thread meanwhile, which saves a
  // worker start-up and a JSON round trip.
  if (workerBusy) return undefined;
  workerBusy = true;
  try {
    return await parseInWorker(ws, file);
  } finally {
    workerBusy = false;
  }
}

async function parseInWorker(ws: Workspace, file: string): Promise<LoadedFile | undefined> {
  const size = await stat(file).then((s) => s.size).catch(() => 0);
  if (size < WORKER_BYTES || size > MAX_FILE_BYTES) return undefined;
  const text = await readText(file);
  const json = await new Promise<string | undefined>((resolve) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: { text, file } });
    worker.once('message', (m: { json?: string }) => {
      resolve(m.json);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
  });
  if (json === undefined) return undefined;
  // The worker's parseText already checked the document's shape; parse its JSON once, keep the YAML text for positions.
  return ws.loadRootParsed({ file, text, value: JSON.parse(json), syntax: 'yaml' });
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

/** Text of a file at a git revision; `file` is relative to the working directory. */
export function gitShow(rev: string, file: string, cwd = process.cwd()): Promise<string> {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return git(['show', `${rev}:./${rel.split(path.sep).join('/')}`], cwd);
}

/**
 * Load one side of a diff, without schema validation (run `specgate validate` for that): the root and
 * every file its `$ref`s reach, from disk or, for `rev:path`, from that git revision.
 */
export async function loadSide(spec: string, options: { allowRemoteRefs?: boolean } = {}): Promise<LoadedSide> {
  const fromGit = parseRevSpec(spec);
  const file = fromGit ? fromGit.file : spec;
  const ws = new Workspace({
    allowRemoteRefs: options.allowRemoteRefs,
    ...(fromGit ? { read: (f: string) => gitShow(fromGit.rev, f) } : {}),
  });
  const root = fromGit ? await ws.loadRootText(file, await gitShow(fromGit.rev, file)) : ((await loadLargeYaml(ws, file)) ?? (await ws.loadRoot(file)));
  const kind = detectSpec(root.value);
  if ('error' in kind) throw new InputError(kind.error, spec);
  let model: ApiModel;
  try {
    model = buildModel(ws, root);
  } catch (e) {
    throw new InputError(`cannot read the document: ${(e as Error).message}; run \`specgate validate\` on it`, spec);
  }
  return { model, display: fromGit ? `${fromGit.rev}:${file}` : file, rev: fromGit?.rev };
}
