import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { scaffold, ScaffoldError, type ScaffoldFormat, type Style } from '../generate/scaffold.js';
import { EXIT, notice, writeStdout } from './output.js';

export interface NewRunOptions {
  style: Style;
  name: string;
  format?: ScaffoldFormat;
  /** File to write; default `<service>.<format>.yaml` in the current folder; `-` for stdout. */
  out?: string;
  /** Overwrite an existing file. */
  force?: boolean;
}

/** `specgate new`: returns the exit code. */
export async function runNew(options: NewRunOptions): Promise<number> {
  let result;
  try {
    result = scaffold({ style: options.style, name: options.name, format: options.format });
  } catch (e) {
    if (e instanceof ScaffoldError) {
      notice(`specgate: ${e.message}`);
      return EXIT.input;
    }
    throw e;
  }
  if (options.out === '-') {
    await writeStdout(result.content);
    return EXIT.ok;
  }
  const file = options.out ?? result.file;
  if (!options.force && existsSync(file)) {
    notice(`specgate: ${file} exists; choose another --out, or pass --force to overwrite it`);
    return EXIT.input;
  }
  await writeFile(file, result.content);
  const next = [`specgate lint --ruleset strict ${file}`];
  if ((options.format ?? 'asyncapi') === 'asyncapi') next.push(`specgate generate ${file} --out src/generated/${result.file.replace(/\.asyncapi\.yaml$/, '')}`);
  notice(`wrote ${file} (${options.style}, ${options.format ?? 'asyncapi'}); next: ${next.join(', then ')}`);
  return EXIT.ok;
}
