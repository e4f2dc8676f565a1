import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './errors.js';
import { projectScope } from './scope.js';

export const SPEC_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Larger than any real API description (GitHub's is 13 MB); refuse before reading it into memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const STDIN = '-';

/**
 * Expand command-line inputs into spec file paths: files as given, directories recursively
 * (`*.yaml|*.yml|*.json`, skipping node_modules and dot-folders), globs, and `-` for stdin.
 */
export async function expandInputs(inputs: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) (seen.add(f), out.push(f));
  };
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN);
      continue;
    }
    const abs = path.resolve(cwd, input);
    const st = await stat(abs).catch(() => undefined);
    if (st?.isFile()) {
      add(rel(abs, cwd));
    } else if (st?.isDirectory()) {
      const { glob } = await import('tinyglobby');
      const files = await glob(['**/*.yaml', '**/*.yml', '**/*.json'], {
        cwd: abs,
        ignore: ['**/node_modules/**', '**/.*/**'],
        absolute: true,
        followSymbolicLinks: false,
      });
      // A folder in a pull request may hold links to anywhere: what leads out of the project is not read.
      const scope = projectScope([abs], [], cwd);
      // In a directory, only root documents count: shared fragments (`common/schemas.yaml`) are reached
      // through the `$ref`s of the documents that use them.
      const specs: string[] = [];
      for (const f of files.sort()) if (scope.outside(f) === undefined && (await looksLikeSpec(f))) specs.push(f);
      if (specs.length === 0) throw new InputError('no AsyncAPI or OpenAPI documents (*.yaml, *.yml, *.json) in this directory', input);
      for (const f of specs) add(rel(f, cwd));
    } else if (/[*?[\]{}]/.test(input)) {
      const { glob } = await import('tinyglobby');
      const files = await glob([input], { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      if (files.length === 0) throw new InputError('no file matches this pattern', input);
      for (const f of files.sort()) add(rel(f, cwd));
    } else if (st) {
      add(rel(abs, cwd)); // a device or FIFO: the reader refuses it in its place, among the other files' reports
    } else {
      throw new InputError('no such file or directory', input);
    }
  }
  return out;
}

/** A block-style YAML document names its version in a key at the start of a line. */
const YAML_SPEC_KEY = /^["']?(?:asyncapi|openapi)["']?[ \t]*:/m;
const FLOW_SPEC_KEY = /["']?(?:asyncapi|openapi)["']?\s*:/y;

/**
 * Whether the head of a file has a top-level `asyncapi`/`openapi` key. A JSON (or flow-style YAML)
 * document is scanned for the key at depth one only: `{"x":{"asyncapi":"2.0.0"}}` is a fragment. Hand
 * written because the head of a large file is not a whole document that a parser would take.
 */
export function looksLikeSpecText(head: string): boolean {
  const start = /^\uFEFF?(?:\s|#[^\n]*)*/.exec(head)![0].length;
  if (head[start] === '[') return false;
  if (head[start] !== '{') return YAML_SPEC_KEY.test(head);
  let depth = 0;
  let keyNext = false;
  for (let i = start; i < head.length; i++) {
    const ch = head[i];
    if (depth === 1 && keyNext && !/\s/.test(ch)) {
      FLOW_SPEC_KEY.lastIndex = i;
      if (FLOW_SPEC_KEY.test(head)) return true;
      keyNext = false;
    }
    if (ch === '"' || ch === "'") {
      // Skip the string; JSON escapes with a backslash, YAML single quotes by doubling (`''`).
      for (i++; i < head.length && head[i] !== ch; i++) if (ch === '"' && head[i] === '\\') i++;
    } else if (ch === '{' || ch === '[') {
      depth++;
      keyNext = ch === '{';
    } else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',') keyNext = true;
    if (depth === 0 && i > start) return false;
  }
  return false;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * A cheap look for a top-level `asyncapi:`/`openapi:` key, without parsing. The key nearly always comes
 * first, so only the head of a large file is read here (the whole file is read once, later, to parse it).
 */
async function looksLikeSpec(file: string): Promise<boolean> {
  try {
    // The head is enough: the key nearly always comes first. What is not a readable regular file is
    // kept, so that the reader reports it in its place.
    const head = await readRegularFile(file, SNIFF_BYTES, true);
    return looksLikeSpecText(head.toString('utf8'));
  } catch {
    return true;
  }
}

function rel(abs: string, cwd: string): string {
  const r = path.relative(cwd, abs);
  return r.startsWith('..') || path.isAbsolute(r) ? abs : r;
}

async function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) throw new InputError('reading a spec from stdin, but stdin is a terminal; pipe a file in', STDIN);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_FILE_BYTES) throw new InputError(`stdin is larger than ${MAX_FILE_BYTES / 1048576} MB`, STDIN);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Read a spec file as UTF-8 text; refuse binary files and absurd sizes with one clear line. */
export async function readText(file: string): Promise<string> {
  return decodeText(file === STDIN ? await readStdin() : await readRegularFile(file), file);
}

/**
 * The bytes of a regular file, at most `limit` of them. Devices (`/dev/zero`), FIFOs and sockets never
 * end or block for ever, so the file is opened without blocking and refused unless `fstat` says it is
 * regular; the cap holds while reading, because `/proc` files and files that grow report a size that
 * is not what a read returns.
 */
/** With `head`, a larger file gives its first `limit` bytes instead of an error. */
export async function readRegularFile(file: string, limit = MAX_FILE_BYTES, head = false): Promise<Buffer> {
  const fail = (e: NodeJS.ErrnoException): never => {
    throw readError(e, file);
  };
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch(fail);
  try {
    const st = await handle.stat();
    refuseIrregular(st, file, limit, head);
    return await readCapped(handle, limit, st.size, head, () => new InputError(`file is larger than the ${mb(limit)} limit`, file)).catch(
      (e: NodeJS.ErrnoException) => (e instanceof InputError ? Promise.reject(e) : fail(e)),
    );
  } finally {
    await handle.close();
  }
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

function readError(e: NodeJS.ErrnoException, file: string): InputError {
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory',
    EAGAIN: 'cannot be read without waiting (EAGAIN); specs are read from regular files only',
  };
  return new InputError(why[e.code ?? ''] ?? `cannot read: ${e.code ?? e.message}`, file);
}

function refuseIrregular(st: Stats, file: string, limit: number, head: boolean): void {
  if (st.isDirectory()) throw new InputError('is a directory', file);
  if (!st.isFile()) throw new InputError('not a regular file (a device, FIFO or socket); specs are read from regular files only', file);
  if (st.size > limit && !head) throw new InputError(`file is ${mb(st.size)}, larger than the ${mb(limit)} limit`, file);
}

/** `readRegularFile` for the synchronous readers (config files): the same checks, small files. */
export function readRegularFileSync(file: string, limit: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw readError(e as NodeJS.ErrnoException, file);
  }
  try {
    refuseIrregular(fstatSync(fd), file, limit, false);
    const buf = Buffer.allocUnsafe(limit + 1);
    let total = 0;
    for (let n; total <= limit && (n = readSync(fd, buf, total, limit + 1 - total, null)) > 0; ) total += n;
    if (total > limit) throw new InputError(`file is larger than the ${mb(limit)} limit`, file);
    return buf.subarray(0, total);
  } catch (e) {
    throw e instanceof InputError ? e : readError(e as NodeJS.ErrnoException, file);
  } finally {
    closeSync(fd);
  }
}

async function readCapped(handle: FileHandle, limit: number, sizeHint: number, head: boolean, tooLarge: () => InputError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  // The whole file in one read when fstat knows its size, and one byte more to see its end.
  let want = Math.min(sizeHint, limit) + 1;
  for (;;) {
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(buf, 0, want, null);
    if (bytesRead === 0) break;
    chunks.push(buf.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) {
      if (!head) throw tooLarge();
      return Buffer.concat(chunks, total).subarray(0, limit);
    }
    want = Math.min(1 << 20, limit + 1 - total);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

export function decodeText(buf: Buffer, file: string): string {
  const probe = buf.subarray(0, 8192);
  if (probe.includes(0)) throw new InputError('binary file (contains NUL bytes), not a YAML or JSON document', file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new InputError('not valid UTF-8 text; YAML and JSON specs must be UTF-8', file);
  }
}
