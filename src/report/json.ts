import type { FileReport } from './types.js';

/** The documented, stable JSON shape (docs/output.md). Keys in a fixed order. */
export function formatJson(files: FileReport[]): string {
  return (
    JSON.stringify(
      {
        files: files.map((f) => ({
          file: f.file,
          format: f.format ?? null,
          version: f.version ?? null,
          valid: f.valid,
          diagnostics: f.diagnostics.map((d) => ({
            rule: d.rule,
            severity: d.severity,
            message: d.message,
            file: d.file,
            pointer: d.pointer,
            range: d.range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
            ...(d.help ? { help: d.help } : {}),
          })),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
