import { mdCode, mdMessage, mdText } from '../../report/escape.js';
import { diffErrorLine, type Change, type DiffResult, type Level } from '../types.js';
import type { DiffReportOptions } from './index.js';
import { affectsText } from './affects.js';
import { sidePrefix } from './words.js';

const ORDER: Level[] = ['breaking', 'warning', 'non-breaking', 'patch'];
const TITLE: Record<Level, string> = { breaking: 'Breaking changes', warning: 'Warnings', 'non-breaking': 'Non-breaking changes', patch: 'Patch-level changes' };
const ICON: Record<Level, string> = { breaking: '🔴', warning: '🟠', 'non-breaking': '🟢', patch: '⚪' };


/** A pull-request comment: the summary table first, then the changes, breaking first; patch-level folded. */
export function formatMarkdown(results: DiffResult[], options: DiffReportOptions): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`### API changes: ${mdCode(r.revision.file)}`, '');
    if (r.error) {
      out.push(`❌ not compared: ${mdCode(diffErrorLine(r.error))}`, '');
      continue;
    }
    out.push(`${mdCode(r.base.version || '?')} → ${mdCode(r.revision.version || '?')}: **${r.bump === 'none' ? 'no version bump needed' : `${r.bump} bump required`}**`, '');
    out.push('| level | changes | bump |', '|---|---:|---|');
    for (const l of ORDER) {
      const list = r.changes.filter((c) => c.level === l);
      if (list.length) out.push(`| ${ICON[l]} ${l} | ${list.length} | ${list[0].bump} |`);
    }
    if (r.changes.length === 0) out.push('| – | 0 | none |');
    out.push('');
    if (r.versionCheck && options.checkVersion) out.push(`${r.versionCheck.ok ? '✅' : '❌'} ${mdMessage(r.versionCheck.message)}`, '');
    for (const l of ORDER) {
      const list = r.changes.filter((c) => c.level === l);
      if (!list.length) continue;
      const fold = l === 'patch' || list.length > 50;
      out.push(fold ? `<details><summary>${TITLE[l]} (${list.length})</summary>\n` : `#### ${TITLE[l]} (${list.length})\n`);
      out.push('| operation | change | rule | where | fingerprint |', '|---|---|---|---|---|');
      for (const c of list) out.push(row(c, sidePrefix(c, r.format, options.mode)));
      out.push(fold ? '\n</details>\n' : '');
    }
    if (r.staleAccepts?.length) {
      out.push('#### Stale accept entries', '');
      for (const s of r.staleAccepts) out.push(`- ${mdCode(s.fingerprint)} matches no change (${mdText(s.reason)})`);
      out.push('');
    }
  }
  return out.join('\n') + '\n';
}

function row(c: Change, side: string): string {
  const at = c.revision ?? c.base;
  const cell = { table: true };
  const subject = c.operation || c.channel;
  const accepted = c.accepted ? ` _(accepted: ${mdText(c.accepted.reason)})_` : '';
  const affects = affectsText(c);
  return `| ${subject ? mdCode(subject, cell) : ''} | ${mdMessage(side + c.message, cell)}${affects ? ` (${mdText(affects)})` : ''}${accepted} | ${mdCode(c.id, cell)} | ${at ? mdCode(`${at.file}:${at.line}`, cell) : ''} | ${mdCode(c.fingerprint, cell)} |`;
}
