import { workflowData, workflowProperty } from './escape.js';
import type { Severity } from '../model/diagnostic.js';
import type { FileReport } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** GitHub Actions workflow commands: one annotation per line. */
export function formatGithub(files: FileReport[]): string {
  const lines: string[] = [];
  for (const f of files)
    for (const d of f.diagnostics) {
      const r = d.range;
      const props = [
        `file=${workflowProperty(d.file)}`,
        `line=${r?.start.line ?? 1}`,
        `col=${r?.start.column ?? 1}`,
        `endLine=${r?.end.line ?? r?.start.line ?? 1}`,
        `endColumn=${r?.end.column ?? r?.start.column ?? 1}`,
        `title=${workflowProperty(d.rule)}`,
      ];
      lines.push(`::${COMMAND[d.severity]} ${props.join(',')}::${workflowData(d.help ? `${d.message} (${d.help})` : d.message)}`);
    }
  return lines.length ? lines.join('\n') + '\n' : '';
}
