import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './errors.js';

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
      });
      // In a directory, only root documents count: shared fragments (`common/schemas.yaml`) are reached
      // through the `$ref`s of the documents that use them.
      const specs: string[] = [];
      for (const f of files.sort()) if (await looksLikeSpec(f)) specs.push(f);
      if (specs.length === 0) throw new InputError('no AsyncAPI or OpenAPI documents (*.yaml, *.yml, *.json) in this directory', input);
      for (const f of specs) add(rel(f, cwd));
    } else if (/[*?[\]{}]/.test(input)) {
      const { glob } = await import('tinyglobby');
      const files = await glob([input], { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      if (files.length === 0) throw new InputError('no file matches this pattern', input);
      for (const f of files.sort()) add(rel(f, cwd));
    } else {
      throw new InputError('no such file or directory', input);
    }
  }
  return out;
}

const SPEC_KEY = /^["']?(?:asyncapi|openapi)["']?[ \t]*:|"(?:asyncapi|openapi)"\s*:/m;

const SNIFF_BYTES = 64 * 1024;

/**
 * A cheap look for a top-level `asyncapi:`/`openapi:` key, without parsing. The key nearly always comes
 * first, so only the head of a large file is read here (the whole file is read once, later, to parse it).
 */
async function looksLikeSpec(file: string): Promise<boolean> {
  try {
    const st = await stat(file);
    if (st.size > MAX_FILE_BYTES) return true; // let the reader report it
    if (st.size > SNIFF_BYTES) {
      const handle = await open(file, 'r');
      try {
        const head = Buffer.alloc(SNIFF_BYTES);
        const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
        if (SPEC_KEY.test(head.subarray(0, bytesRead).toString('utf8'))) return true;
      } finally {
        await handle.close();
      }
    }
    return SPEC_KEY.test(await readFile(file, 'utf8'));
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
  let buf: Buffer;
  if (file === STDIN) buf = await readStdin();
  else {
    const st = await stat(file).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(e.code === 'ENOENT' ? 'no such file' : `cannot read: ${e.code ?? e.message}`, file);
    });
    if (st.isDirectory()) throw new InputError('is a directory', file);
    if (st.size > MAX_FILE_BYTES) throw new InputError(`file is ${(st.size / 1048576).toFixed(0)} MB, larger than the ${MAX_FILE_BYTES / 1048576} MB limit`, file);
    buf = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`cannot read: ${e.code ?? e.message}`, file);
    });
  }
  return decodeText(buf, file);
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
