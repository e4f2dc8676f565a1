import type { RuleSeverity } from './types.js';
import type { ApiModel } from '../model/types.js';
import type { FileReport } from '../report/index.js';
import { checkSystem, type SystemDiagnostic } from '../system/index.js';
import { sortDiagnostics } from '../validate/index.js';
import { rulesForFile, type LintConfig } from './config.js';
import { ignoredInline } from './engine.js';

export interface SystemMember {
  /** The root file as linted, its config, its model and its report (the system's findings are added to it). */
  file: string;
  config: LintConfig;
  model: ApiModel;
  report: FileReport;
}

/**
 * The system rules over documents already linted one by one: each finding goes through the config of
 * the document it is in (severity, overrides, inline `x-specgate-ignore`) and into that document's report.
 */
export async function lintSystem(members: SystemMember[]): Promise<void> {
  const byModel = new Map(members.map((m) => [m.model, { ...m, rules: rulesForFile(m.config, m.file) }]));
  const severity = (d: SystemDiagnostic): RuleSeverity => {
    const m = byModel.get(d.model)!;
    if (ignoredInline(d.model.workspace, d)) return 'off';
    return m.rules.severityAt(d.rule, d.pointer, d.severity);
  };
  const { diagnostics } = await checkSystem(
    members.map((m) => m.model),
    severity,
  );
  for (const d of diagnostics) {
    const m = byModel.get(d.model)!;
    const { model: _model, ...plain } = d;
    m.report.diagnostics.push(plain);
    if (d.severity === 'error') m.report.valid = false;
  }
  for (const m of members) sortDiagnostics(m.report.diagnostics);
}
