import type { Severity } from '../model/diagnostic.js';
import { xmlEscape as esc } from './escape.js';
import { relativePath } from './paths.js';
import type { FileReport } from './types.js';

/** Checkstyle's severities are ignore, info, warning, error. */
const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'info' };

/**
 * Checkstyle XML: one `<file>` per file (also a clean one, so readers know it was checked), one
 * `<error line column severity message source>` per finding, `source` being `specgate.<rule>`.
 */
export function formatCheckstyle(files: FileReport[]): string {
  // A finding sits in the file where its node stands ($ref'd files too), which may not be an input.
  const byFile = new Map<string, string[]>();
  for (const f of files) byFile.set(relativePath(f.file), []);
  for (const f of files)
    for (const d of f.diagnostics) {
      const file = relativePath(d.file);
      if (!byFile.has(file)) byFile.set(file, []);
      const message = d.help ? `${d.message} (help: ${d.help})` : d.message;
      byFile
        .get(file)!
        .push(`    <error line="${d.range?.start.line ?? 1}" column="${d.range?.start.column ?? 1}" severity="${SEVERITY[d.severity]}" message="${esc(message)}" source="${esc(`specgate.${d.rule}`)}"/>`);
    }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const [file, errors] of byFile) {
    if (errors.length === 0) out.push(`  <file name="${esc(file)}"/>`);
    else out.push(`  <file name="${esc(file)}">`, ...errors, '  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n') + '\n';
}
