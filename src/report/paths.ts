import path from 'node:path';

/** A finding's file as CI tools want it: relative to the working directory, `/`-separated; stdin is `stdin`. */
export function relativePath(file: string): string {
  if (file === '-') return 'stdin';
  if (/^https?:\/\//.test(file)) return file;
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return rel.split(path.sep).join('/');
}
