import { xmlEscape as esc } from './escape.js';
import type { FileReport, ReportContext } from './types.js';

/** JUnit XML: one suite per file, one failing test case per error or warning, one passing case for a clean file. */
export function formatJunit(files: FileReport[], ctx: ReportContext): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length, 0);
  const tests = files.reduce((n, f) => n + Math.max(1, f.diagnostics.length), 0);
  out.push(`<testsuites name="specgate ${esc(ctx.command)}" tests="${tests}" failures="${failures}">`);
  for (const f of files) {
    const fails = f.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').length;
    out.push(`  <testsuite name="${esc(f.file)}" tests="${Math.max(1, f.diagnostics.length)}" failures="${fails}" errors="0">`);
    if (f.diagnostics.length === 0) out.push(`    <testcase classname="${esc(f.file)}" name="${esc(ctx.command)}"/>`);
    for (const d of f.diagnostics) {
      const where = `${d.file}:${d.range?.start.line ?? 1}:${d.range?.start.column ?? 1}`;
      const name = `${d.rule} ${d.pointer || '/'}`;
      if (d.severity === 'error' || d.severity === 'warning')
        out.push(
          `    <testcase classname="${esc(f.file)}" name="${esc(name)}">`,
          `      <failure type="${esc(d.rule)}" message="${esc(d.message)}">${esc(`${where} ${d.severity} ${d.message}${d.help ? `\nhelp: ${d.help}` : ''}`)}</failure>`,
          `    </testcase>`,
        );
      else out.push(`    <testcase classname="${esc(f.file)}" name="${esc(name)}"><system-out>${esc(`${where} ${d.severity} ${d.message}`)}</system-out></testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
