import { workflowData, workflowProperty } from '../../report/escape.js';
import type { DiffResult, Level } from '../types.js';
import type { DiffReportOptions } from './index.js';
import { affectsText } from './affects.js';
import { sidePrefix } from './words.js';

const COMMAND: Record<Level, string> = { breaking: 'error', warning: 'warning', 'non-breaking': 'notice', patch: 'notice' };

/** GitHub Actions annotations, one per change, on the revision's line (the base's when only it has one). */
export function formatGithub(results: DiffResult[], options: DiffReportOptions): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.error) {
      const e = r.error;
      const props = e.file.includes(':') ? [] : [`file=${workflowProperty(e.file)}`, ...(e.line === null ? [] : [`line=${e.line}`]), ...(e.column === null ? [] : [`col=${e.column}`])];
      lines.push(`::error ${[...props, 'title=input-error'].join(',')}::${workflowData(e.message)}`);
    }
    for (const c of r.changes) {
      if (c.accepted) continue;
      const at = c.revision ?? c.base;
      const props = at && !at.file.includes(':') ? [`file=${workflowProperty(at.file)}`, `line=${at.line}`, `col=${at.column}`] : [];
      props.push(`title=${workflowProperty(`${c.id} (${c.level}, ${c.bump})`)}`);
      const affects = affectsText(c);
      const message = sidePrefix(c, r.format, options.mode) + c.message;
      lines.push(`::${COMMAND[c.level]} ${props.join(',')}::${workflowData(affects ? `${message} (${affects})` : message)}`);
    }
    if (r.versionCheck && options.checkVersion && !r.versionCheck.ok) lines.push(`::error title=version-check::${workflowData(r.versionCheck.message)}`);
    for (const s of r.staleAccepts ?? []) lines.push(`::warning title=stale-accept::${workflowData(`accept entry ${s.fingerprint} matches no change (${s.reason})`)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
