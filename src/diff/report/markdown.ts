import { mdCode, mdMessage, mdText } from '../../report/escape.js';
import { diffErrorLine, type Change, type DiffResult, type Level } from '../types.js';
import type { DiffReportOptions } from './index.js';
import { affectsText } from './affects.js';
import { changeText, groupChanges, sidePrefix, usedByText } from './words.js';

const ORDER: Level[] = ['breaking', 'warning', 'non-breaking', 'patch'];
const TITLE: Record<Level, string> = { breaking: 'Breaking changes', warning: 'Warnings', 'non-breaking': 'Non-breaking changes', patch: 'Patch-level changes' };
const ICON: Record<Level, string> = { breaking: '🔴', warning: '🟠', 'non-breaking': '🟢', patch: '⚪' };
const cell = { table: true };

/**
 * A pull-request comment: the summary table first, then the changes, breaking first; patch-level folded.
 * Within a level, changes of operations and channels come in one table, those inside a named schema
 * under the schema.
 */
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
      const side = (c: Change) => sidePrefix(c, r.format, options.mode);
      const groups = groupChanges(list);
      const direct = groups.filter((g) => g.kind !== 'schema').flatMap((g) => g.changes);
      if (direct.length) {
        out.push('| operation | change | rule | where | fingerprint |', '|---|---|---|---|---|');
        for (const c of direct) out.push(`| ${c.operation || c.channel ? mdCode((c.operation || c.channel)!, cell) : ''} | ${cells(c, side(c))}`);
        out.push('');
      }
      for (const g of groups) {
        if (g.kind !== 'schema') continue;
        out.push(`##### Schema ${mdCode(g.name)}`, '', `Used by ${usedByText(g.usedBy, (s) => mdCode(s))}.`, '');
        out.push('| change | rule | where | fingerprint |', '|---|---|---|---|');
        for (const c of g.changes) out.push(`| ${cells(c, side(c))}`);
        out.push('');
      }
      if (fold) out.push('</details>\n');
    }
    if (r.staleAccepts?.length) {
      out.push('#### Stale accept entries', '');
      for (const s of r.staleAccepts) out.push(`- ${mdCode(s.fingerprint)} matches no change (${mdText(s.reason)})`);
      out.push('');
    }
  }
  return out.join('\n') + '\n';
}

/** A change's cells from its sentence on: `change | rule | where | fingerprint |`. */
function cells(c: Change, side: string): string {
  const at = c.revision ?? c.base;
  const accepted = c.accepted ? ` _(accepted: ${mdText(c.accepted.reason)})_` : '';
  const affects = affectsText(c);
  return `${mdMessage(side + changeText(c), cell)}${affects ? ` (${mdText(affects)})` : ''}${accepted} | ${mdCode(c.id, cell)} | ${at ? mdCode(`${at.file}:${at.line}`, cell) : ''} | ${mdCode(c.fingerprint, cell)} |`;
}
