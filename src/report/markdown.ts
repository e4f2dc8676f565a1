import { severityRank, type Diagnostic, type Severity } from '../model/diagnostic.js';
import { mdCode, mdMessage } from './escape.js';
import { plural, summaryLine } from './summary.js';
import type { FileReport, ReportContext } from './types.js';

/** GitHub's limit on a comment body. */
export const MARKDOWN_MAX_CHARS = 65_536;

const ICON: Record<Severity, string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info', hint: '💡 hint' };
const cell = { table: true };

/**
 * A pull-request comment: a summary, then a table per file with errors first. Kept under
 * `ctx.maxChars` (default 65,536): findings are taken by severity, errors first, until the next one
 * does not fit; a last line says how many of each severity were left out.
 */
export function formatMarkdown(files: FileReport[], ctx: ReportContext): string {
  const max = ctx.maxChars ?? MARKDOWN_MAX_CHARS;
  const head = `### specgate ${ctx.command}: ${summaryLine(files)}\n`;
  const items = files.flatMap((f, fi) => f.diagnostics.map((d, di) => ({ fi, di, d })));
  items.sort((a, b) => severityRank[b.d.severity] - severityRank[a.d.severity] || a.fi - b.fi || a.di - b.di);
  // Room for the note on what was left out (its longest form is well under this).
  let room = max - head.length - 200;
  const taken = new Map<number, typeof items>();
  const shown = new Set<(typeof items)[number]>();
  let left = 0;
  for (const it of items) {
    const r = row(files[it.fi], it.d);
    const cost = r.length + 1 + (taken.has(it.fi) ? 0 : section(files[it.fi]).length);
    if (left || cost > room) {
      left++;
      continue;
    }
    room -= cost;
    shown.add(it);
    if (!taken.has(it.fi)) taken.set(it.fi, []);
    taken.get(it.fi)!.push(it);
  }
  let out = head;
  for (const [fi, rows] of [...taken].sort((a, b) => a[0] - b[0])) out += section(files[fi]) + rows.map((it) => row(files[fi], it.d) + '\n').join('');
  if (left) {
    const counts: Partial<Record<Severity, number>> = {};
    for (const it of items) if (!shown.has(it)) counts[it.d.severity] = (counts[it.d.severity] ?? 0) + 1;
    const parts = (Object.keys(ICON) as Severity[]).filter((s) => counts[s]).map((s) => `${counts[s]} ${s === 'info' ? s : plural(counts[s]!, s)}`);
    out += `\n_${left} more ${plural(left, 'finding')} (${parts.join(', ')}) left out to keep this comment under ${max.toLocaleString('en-US')} characters; run \`specgate ${ctx.command}\` for all of them._\n`;
  }
  return out;
}

function section(f: FileReport): string {
  const kind = f.format ? ` (${f.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${mdCode(f.version ?? '')})` : '';
  return `\n#### ${mdCode(f.file)}${kind}\n\n| severity | line | rule | message |\n|---|---|---|---|\n`;
}

function row(f: FileReport, d: Diagnostic): string {
  const where = `${d.file !== f.file ? `${d.file}:` : ''}${d.range?.start.line ?? 1}:${d.range?.start.column ?? 1}`;
  const help = d.help ? `<br>help: ${mdMessage(d.help, cell)}` : '';
  return `| ${ICON[d.severity]} | ${mdCode(where, cell)} | ${mdCode(d.rule, cell)} | ${mdMessage(d.message, cell)}${help} |`;
}
