import { printable } from '../../report/escape.js';
import { diffErrorLine, type DiffResult, type Level } from '../types.js';
import type { DiffReportOptions } from './index.js';
import { affectsText } from './affects.js';
import { changeText, groupChanges, sidePrefix, usedByText, type Group } from './words.js';

const LABEL: Record<Level, string> = { breaking: 'breaking', warning: 'warning', 'non-breaking': 'non-breaking', patch: 'patch' };

/** For people at a terminal: changes grouped by schema, operation or channel, breaking first, then a summary. */
export async function formatText(results: DiffResult[], options: DiffReportOptions): Promise<string> {
  const chalk = options.color ? (await import('chalk')).default : undefined;
  const paint: Record<Level, (s: string) => string> = {
    breaking: (s) => (chalk ? chalk.red.bold(s) : s),
    warning: (s) => (chalk ? chalk.yellow(s) : s),
    'non-breaking': (s) => (chalk ? chalk.green(s) : s),
    patch: (s) => (chalk ? chalk.gray(s) : s),
  };
  const dim = (s: string) => (chalk ? chalk.dim(s) : s);
  const bold = (s: string) => (chalk ? chalk.bold(s) : s);
  const out: string[] = [];
  for (const r of results) {
    out.push(bold(printable(`${r.base.file} (${r.base.version || 'no version'}) → ${r.revision.file} (${r.revision.version || 'no version'})`)));
    if (r.error) {
      out.push(`  ${paint.breaking('✘')} ${printable(diffErrorLine(r.error))}`, '');
      continue;
    }
    if (r.changes.length === 0) out.push('  no changes');
    for (const g of groupChanges(r.changes)) {
      out.push('', `  ${bold(printable(heading(g)))}`);
      for (const c of g.changes) {
        const at = c.revision ?? c.base;
        const where = at ? dim(` ${printable(at.file)}:${at.line}:${at.column}`) : '';
        out.push(`    ${paint[c.level](LABEL[c.level].padEnd(12))} ${printable(sidePrefix(c, r.format, options.mode) + changeText(c))} ${dim(c.id)}${where} ${dim(c.fingerprint)}${c.accepted ? dim(` (accepted: ${printable(c.accepted.reason)})`) : ''}`);
        if (c.affects) out.push(`                 → ${printable(affectsText(c))}`);
      }
    }
    const count = (l: Level) => r.changes.filter((c) => c.level === l).length;
    out.push('', `  ${count('breaking')} breaking, ${count('warning')} warning, ${count('non-breaking')} non-breaking, ${count('patch')} patch → ${bold(r.bump === 'none' ? 'no version bump needed' : `${r.bump} bump`)}`);
    if (r.versionCheck && options.checkVersion) out.push(`  ${r.versionCheck.ok ? '✔' : '✘'} ${printable(r.versionCheck.message)}`);
    for (const s of r.staleAccepts ?? []) out.push(`  ${paint.warning('stale accept')} ${printable(`${s.fingerprint} matches no change (${s.reason})`)}`);
    out.push('');
  }
  return out.join('\n');
}

function heading(g: Group): string {
  if (g.kind === 'schema') return `schema ${g.name}, used by ${usedByText(g.usedBy, (s) => s)}`;
  return g.kind === 'document' ? 'document' : `${g.kind} ${g.name}`;
}
