import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

// Reading documents at a git revision (`rev:path`, `diff --base`): one of the ways a document is opened.

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

/**
 * A revision from the command line or a spec, checked before it reaches git: one starting with `-` would
 * be read as an option (`--output=…` writes a file). Calls also end git's options before it.
 */
export function gitRevision(rev: string, shown = rev): string {
  if (rev.startsWith('-')) throw new InputError('a git revision cannot start with `-`', shown);
  return rev;
}

/** Text of a file at a git revision; `file` is relative to the working directory. */
export function gitShow(rev: string, file: string, cwd = process.cwd()): Promise<string> {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return git(['show', '--end-of-options', `${gitRevision(rev)}:./${rel.split(path.sep).join('/')}`], cwd);
}
