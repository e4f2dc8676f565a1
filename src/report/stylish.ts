import { Chalk } from 'chalk';
import type { Severity } from '../model/diagnostic.js';
import { printable } from './escape.js';
import { INPUT_ERROR_RULE, type FileReport, type ReportContext } from './types.js';

/** Human output, grouped by file: `line:col  severity  message  rule`, then a summary line. */
export function formatStylish(files: FileReport[], ctx: ReportContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim };
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) {
    const kind = f.format ? `${f.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${printable(f.version ?? '')}` : '';
    const file = printable(f.file);
    if (f.diagnostics.length === 0) {
      out.push(`${c.green('✔')} ${file}${kind ? c.dim(`  ${kind}`) : ''}`);
      continue;
    }
    // A file that could not be read is one line, `file:line:col: message`, as the docs promise.
    const input = f.diagnostics.find((d) => d.rule === INPUT_ERROR_RULE);
    if (input) {
      counts.error++;
      out.push(c.red(printable(`${input.file}:${input.range?.start.line ?? 1}:${input.range?.start.column ?? 1}: ${input.message}`)));
      continue;
    }
    out.push('', `${c.underline(file)}${kind ? c.dim(`  ${kind}`) : ''}`);
    const rows = f.diagnostics.map((d) => {
      counts[d.severity]++;
      const where = d.file !== f.file ? `${printable(d.file)}:` : '';
      return [`${where}${d.range?.start.line ?? 1}:${d.range?.start.column ?? 1}`, d.severity, printable(d.message), printable(d.rule), d.help && printable(d.help)] as const;
    });
    const w0 = Math.max(...rows.map((r) => r[0].length));
    const w1 = Math.max(...rows.map((r) => r[1].length));
    for (const [where, sev, msg, rule, help] of rows) {
      out.push(`  ${c.dim(where.padEnd(w0))}  ${paint[sev](sev.padEnd(w1))}  ${msg}  ${c.dim(rule)}`);
      if (help) out.push(`  ${' '.repeat(w0)}  ${' '.repeat(w1)}  ${c.dim(`help: ${help}`)}`);
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  out.push('');
  const hidden = Object.entries(ctx.hidden ?? {}).filter(([, n]) => n).map(([s, n]) => count(n!, s as Severity));
  const hiddenNote = hidden.length ? `${hidden.join(', ')} hidden by --quiet` : '';
  if (total === 0) out.push(c.green(`${files.length} ${files.length === 1 ? 'file' : 'files'} checked, ${hiddenNote ? `no errors (${hiddenNote})` : 'no problems'}`));
  else {
    // `0 warnings` only when none were hidden: under --quiet it would read as "there are none".
    const parts = [count(counts.error, 'error')];
    if (counts.warning || !hiddenNote) parts.push(count(counts.warning, 'warning'));
    if (counts.info) parts.push(count(counts.info, 'info'));
    if (counts.hint) parts.push(count(counts.hint, 'hint'));
    const line = `✖ ${total} ${plural(total, 'problem')} (${parts.join(', ')}${hiddenNote ? `; ${hiddenNote}` : ''}) in ${files.length} ${plural(files.length, 'file')}`;
    out.push(counts.error ? c.red.bold(line) : c.yellow.bold(line));
  }
  return out.join('\n') + '\n';
}

function count(n: number, s: Severity): string {
  return `${n} ${s === 'info' ? s : plural(n, s)}`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : word + 's';
}
