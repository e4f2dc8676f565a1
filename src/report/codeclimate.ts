import type { Severity } from '../model/diagnostic.js';
import { diagnosticFingerprint } from './fingerprint.js';
import { relativePath } from './paths.js';
import { INPUT_ERROR_RULE, type FileReport } from './types.js';

/** GitLab's scale is info, minor, major, critical, blocker; an unreadable file blocks everything else. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

/**
 * GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of issues with
 * description, check_name, fingerprint, severity and location.path + location.positions/lines.
 */
export function formatCodeclimate(files: FileReport[]): string {
  const seen = new Map<string, number>();
  const issues = files.flatMap((f) =>
    f.diagnostics.map((d) => {
      const file = relativePath(d.file);
      const base = diagnosticFingerprint(d, file);
      // GitLab shows only the first issue of a fingerprint: equal findings get an ordinal.
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const start = d.range?.start ?? { line: 1, column: 1 };
      const end = d.range?.end ?? start;
      return {
        type: 'issue',
        check_name: d.rule,
        description: d.help ? `${d.message} (help: ${d.help})` : d.message,
        categories: [d.severity === 'error' ? 'Bug Risk' : 'Style'],
        fingerprint: n === 1 ? base : `${base}-${n}`,
        severity: d.rule === INPUT_ERROR_RULE ? 'blocker' : SEVERITY[d.severity],
        location: { path: file, lines: { begin: start.line, end: end.line }, positions: { begin: start, end } },
      };
    }),
  );
  return JSON.stringify(issues, null, 2) + '\n';
}
