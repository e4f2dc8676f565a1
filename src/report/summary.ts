import type { Severity } from '../model/diagnostic.js';
import type { FileReport } from './types.js';

/** `5 problems (1 error, 4 warnings) in 2 files`, or `2 files checked, no problems`: what --output leaves on stdout. */
export function summaryLine(files: FileReport[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[d.severity]++;
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const nFiles = `${files.length} ${plural(files.length, 'file')}`;
  if (total === 0) return `${nFiles} checked, no problems`;
  const parts = [`${counts.error} ${plural(counts.error, 'error')}`, `${counts.warning} ${plural(counts.warning, 'warning')}`];
  if (counts.info) parts.push(`${counts.info} info`);
  if (counts.hint) parts.push(`${counts.hint} ${plural(counts.hint, 'hint')}`);
  return `${total} ${plural(total, 'problem')} (${parts.join(', ')}) in ${nFiles}`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : word + 's';
}
