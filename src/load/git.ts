import { execFile, spawn } from 'node:child_process';
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

/** Texts read ahead by `preloadRevision`, by cwd, revision and path: `gitShow` answers from here first. */
const preloaded = new Map<string, string>();
const objectName = (rev: string, file: string, cwd: string) => {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return `${rev}:./${rel.split(path.sep).join('/')}`;
};

/** Text of a file at a git revision; `file` is relative to the working directory. */
export function gitShow(rev: string, file: string, cwd = process.cwd()): Promise<string> {
  const name = objectName(gitRevision(rev), file, cwd);
  const ahead = preloaded.get(`${cwd}\0${name}`);
  if (ahead !== undefined) return Promise.resolve(ahead);
  return git(['show', '--end-of-options', name], cwd);
}

/**
 * Read many files at one revision through a single `git cat-file --batch` (a folder diff would otherwise
 * start one `git show` per file, twice: to see whether it is a spec, then to load it). Files that are not
 * there are left out; `gitShow` reads them (and fails) as before. Until `forgetRevision`.
 */
export function preloadRevision(rev: string, files: string[], cwd = process.cwd()): Promise<Map<string, string>> {
  const names = files.filter((f) => !/[\r\n]/.test(f)).map((f) => ({ f, name: objectName(gitRevision(rev), f, cwd) }));
  const texts = new Map<string, string>();
  if (names.length === 0) return Promise.resolve(texts);
  return new Promise((resolve) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    // Any failure only means nothing was read ahead: gitShow still reads each file itself.
    child.on('error', () => resolve(texts));
    child.stdin.on('error', () => undefined);
    child.on('close', () => {
      const out = Buffer.concat(chunks);
      let at = 0;
      for (const { f, name } of names) {
        const eol = out.indexOf(10, at);
        if (eol < 0) break;
        const header = out.toString('utf8', at, eol).split(' ');
        at = eol + 1;
        if (header[1] === 'missing' || header.length < 3) continue;
        const size = Number(header[2]);
        if (header[1] === 'blob') {
          const text = out.toString('utf8', at, at + size);
          texts.set(f, text);
          preloaded.set(`${cwd}\0${name}`, text);
        }
        at += size + 1;
      }
      resolve(texts);
    });
    child.stdin.end(names.map((n) => n.name).join('\n') + '\n');
  });
}

/** Drop what `preloadRevision` read for `rev`. */
export function forgetRevision(rev: string, cwd = process.cwd()): void {
  const prefix = `${cwd}\0${rev}:`;
  for (const k of preloaded.keys()) if (k.startsWith(prefix)) preloaded.delete(k);
}
