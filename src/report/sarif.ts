import path from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../model/diagnostic.js';
import type { FileReport, ReportContext } from './types.js';

const LEVEL: Record<Severity | 'off', Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note', off: 'none' };

/** SARIF 2.1.0, as GitHub code scanning reads it: relative URIs, rules with descriptions, regions. */
export function formatSarif(files: FileReport[], ctx: ReportContext): string {
  const used = new Set(files.flatMap((f) => f.diagnostics.map((d) => d.rule)));
  const known = new Map(ctx.rules.map((r) => [r.id, r]));
  const rules: ReportingDescriptor[] = [...used].sort().map((id) => {
    const info = known.get(id);
    return {
      id,
      shortDescription: { text: info?.description ?? id },
      // No helpUri: the rule docs live in docs/rules.md of whatever checkout runs specgate.
      help: { text: info?.help ?? `${id}: see docs/rules.md (or \`specgate rules\`)` },
      ...(info?.severity ? { defaultConfiguration: { level: LEVEL[info.severity], enabled: info.severity !== 'off' } } : {}),
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.rule,
      ruleIndex: index.get(d.rule),
      level: LEVEL[d.severity],
      message: { text: d.help ? `${d.message}. Help: ${d.help}` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(d.file) },
            region: {
              startLine: d.range?.start.line ?? 1,
              startColumn: d.range?.start.column ?? 1,
              endLine: d.range?.end.line ?? d.range?.start.line ?? 1,
              endColumn: d.range?.end.column ?? d.range?.start.column ?? 1,
            },
          },
          logicalLocations: d.pointer ? [{ fullyQualifiedName: d.pointer, kind: 'member' }] : undefined,
        },
      ],
      partialFingerprints: { 'specgate/v1': `${d.rule}:${d.pointer}` },
    })),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'specgate', version: ctx.toolVersion, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toUri(file: string): string {
  if (/^https?:\/\//.test(file) || file === '-') return file === '-' ? 'stdin' : file;
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) : file;
  return rel.split(path.sep).map(encodeURIComponent).join('/');
}
