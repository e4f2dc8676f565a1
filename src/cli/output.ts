import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { summaryLine, type FileReport } from '../report/index.js';
import { printable } from '../report/escape.js';
import { fileURLToPath } from 'node:url';

/** Exit codes, documented in docs/cli.md: 0 ok, 1 findings at or above the threshold, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

let version: string | undefined;
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
  return version;
}

/** Write all of `text` to stdout and wait until it is flushed (large reports piped to another process). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') return resolve();
    process.stdout.write(text, () => resolve());
  });
}

/**
 * One line to stderr (errors, warnings, what was written). Its text quotes file names and spec
 * content, so it is made printable: no terminal escapes, no line that a CI log reads as a command.
 */
export function notice(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
}

/**
 * Write `text` to `file` through a temporary file beside it and a rename, so a reader (or a run that
 * is killed) never sees half a file. Failure is an InputError naming the file.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
}

/**
 * The report on stdout; with `output` (`--output FILE`), written to that file instead and stdout gets
 * one line, `wrote FILE: <summary>`. A file that cannot be written throws an InputError.
 */
export async function emitReport(text: string, files: FileReport[], output?: string): Promise<void> {
  if (output === undefined) return writeStdout(text);
  writeFileAtomic(output, text);
  await writeStdout(`wrote ${printable(output)}: ${summaryLine(files)}\n`);
}
