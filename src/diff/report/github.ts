import type { DiffResult, Level } from '../types.js';
import type { DiffReportOptions } from './index.js';

const COMMAND: Record<Level, string> = { breaking: 'error', warning: 'warning', 'non-breaking': 'notice', patch: 'notice' };

/** GitHub Actions annotations, one per change, on the revision's line (the base's when only it has one). */
export function formatGithub(results: DiffResult[], options: DiffReportOptions): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const c of r.changes) {
      if (c.accepted) continue;
      const at = c.revision ?? c.base;
      const props = at && !at.file.includes(':') ? [`file=${prop(at.file)}`, `line=${at.line}`, `col=${at.column}`] : [];
      props.push(`title=${prop(`${c.id} (${c.level}, ${c.bump})`)}`);
      lines.push(`::${COMMAND[c.level]} ${props.join(',')}::${data(c.message)}`);
    }
    if (r.versionCheck && options.checkVersion && !r.versionCheck.ok) lines.push(`::error title=version-check::${data(r.versionCheck.message)}`);
    for (const s of r.staleAccepts ?? []) lines.push(`::warning title=stale-accept::${data(`accept entry ${s.fingerprint} matches no change (${s.reason})`)}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
