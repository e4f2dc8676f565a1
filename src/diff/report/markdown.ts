import { InputError } from '../../load/errors.js';
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
  const full = render(results, options);
  const max = options.maxBytes ?? 0;
  if (!max || Buffer.byteLength(full) <= max) return full;
  // Too long for a comment: keep the most important changes that fit, breaking first, then by level.
  const ranked = ORDER.flatMap((l) => results.flatMap((r) => r.changes.filter((c) => c.level === l)));
  const fit = (k: number) => {
    const text = render(results, options, new Set(ranked.slice(0, k)), leftOut(ranked.slice(k), max));
    return Buffer.byteLength(text) <= max ? text : undefined;
  };
  let best = fit(0);
  if (best === undefined) throw new InputError(`--max-bytes ${max} is too small for even the summary of the changes (${Buffer.byteLength(render(results, options, new Set(), leftOut(ranked, max)))} bytes); use a larger limit, or 0 for none`);
  // The longest prefix that fits (the text grows with every change kept).
  let lo = 0;
  let hi = ranked.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const text = fit(mid);
    if (text === undefined) hi = mid;
    else [lo, best] = [mid, text];
  }
  return best;
}

/** The closing note of a shortened comment: what was left out, and how to see everything. */
function leftOut(omitted: Change[], max: number): string {
  const counts = ORDER.map((l) => [l, omitted.filter((c) => c.level === l).length] as const).filter(([, n]) => n > 0);
  const list = counts.map(([l, n]) => `${n} ${l === 'patch' ? 'patch-level' : l}`);
  const said = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
  return `✂️ ${omitted.length} change${omitted.length === 1 ? '' : 's'} left out to keep this comment within ${max} bytes: ${said}. See them all with \`--format json\` or \`--max-bytes 0\`.`;
}

/** The comment with every change, or with only those in `shown` and a closing note. */
function render(results: DiffResult[], options: DiffReportOptions, shown?: Set<Change>, note?: string): string {
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
      const all = r.changes.filter((c) => c.level === l);
      const list = shown ? all.filter((c) => shown.has(c)) : all;
      if (!list.length) continue;
      const fold = l === 'patch' || all.length > 50;
      const count = list.length === all.length ? `${all.length}` : `${list.length} of ${all.length}`;
      out.push(fold ? `<details><summary>${TITLE[l]} (${count})</summary>\n` : `#### ${TITLE[l]} (${count})\n`);
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
  if (note) out.push(note, '');
  return out.join('\n') + '\n';
}

/** A change's cells from its sentence on: `change | rule | where | fingerprint |`. */
function cells(c: Change, side: string): string {
  const at = c.revision ?? c.base;
  const accepted = c.accepted ? ` _(accepted: ${mdText(c.accepted.reason)})_` : '';
  const affects = affectsText(c);
  return `${mdMessage(side + changeText(c), cell)}${affects ? ` (${mdText(affects)})` : ''}${accepted} | ${mdCode(c.id, cell)} | ${at ? mdCode(`${at.file}:${at.line}`, cell) : ''} | ${mdCode(c.fingerprint, cell)} |`;
}
