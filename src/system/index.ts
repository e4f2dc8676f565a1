// The system job: documents read as one system, the flows between their services, and the system rules
// over them. Diagnostics land in the file of the document they are about, located like any other.
import { CompatChecker } from '../diff/compat.js';
import type { RuleSeverity } from '../lint/types.js';
import { prepareLocator } from '../load/locate.js';
import type { NodeLocation } from '../load/workspace.js';
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import type { ApiModel } from '../model/types.js';
import { locateDiagnostics, sortDiagnostics } from '../validate/index.js';
import { whereAll } from './graph.js';
import { buildSystem, type Endpoint, type System } from './model.js';
import { systemRules, type SystemContext } from './rules/index.js';

export { buildSystem, kebab, messageKey, serviceId, type Endpoint, type Flow, type FlowKind, type Service, type System } from './model.js';
export { systemRules, type SystemRule } from './rules/index.js';

/** A system finding: a diagnostic, and the document (model) it is in. */
export interface SystemDiagnostic extends Diagnostic {
  model: ApiModel;
}

export interface SystemCheck {
  system: System;
  diagnostics: SystemDiagnostic[];
  /** Flows each of whose schemas the receiver accepts whole (by flow index). */
  incompatible: Set<number>;
}

/**
 * Build the system and run the system rules. `severity(finding)` decides each finding's severity (lint's
 * config and inline ignores; `off` drops it); by default, each rule's `recommended` severity.
 */
export async function checkSystem(
  models: readonly ApiModel[],
  severity: (d: SystemDiagnostic) => RuleSeverity = (d) => systemRules.find((r) => r.id === d.rule)!.severity.recommended,
): Promise<SystemCheck> {
  await prepareLocator();
  const system = buildSystem(models);
  const checkers = new Map<ApiModel, Map<ApiModel, CompatChecker>>();
  const ctx: SystemContext = {
    system,
    compat(writer, reader) {
      const byReader = checkers.get(writer) ?? checkers.set(writer, new Map()).get(writer)!;
      return byReader.get(reader) ?? byReader.set(reader, new CompatChecker(writer.workspace, reader.workspace)).get(reader)!;
    },
    where: (model, at) => whereAll([{ model, at }])[0],
    meeting: (e: Endpoint) => system.meets.get(e) ?? [],
  };
  const diagnostics: SystemDiagnostic[] = [];
  const seen = new Set<string>();
  let current = '';
  const report = (model: ApiModel, at: NodeLocation, message: string, help?: string) => {
    const key = `${current}\u0000${at.file}\u0000${at.pointer}\u0000${message}`;
    if (seen.has(key)) return; // one finding reached by several flows
    seen.add(key);
    diagnostics.push({ rule: current, severity: 'error', message, file: at.file, pointer: at.pointer, ...(help ? { help } : {}), model });
  };
  for (const rule of systemRules) {
    current = rule.id;
    const before = diagnostics.length;
    rule.run(ctx, report);
    const reported: Severity = rule.severity.strict === 'off' ? 'info' : rule.severity.strict;
    for (let i = before; i < diagnostics.length; i++) diagnostics[i].severity = reported;
  }
  const kept = diagnostics.filter((d) => {
    const s = severity(d);
    if (s === 'off') return false;
    d.severity = s;
    return true;
  });
  const byModel = new Map<ApiModel, SystemDiagnostic[]>();
  for (const d of kept) (byModel.get(d.model) ?? byModel.set(d.model, []).get(d.model)!).push(d);
  for (const [model, list] of byModel) await locateDiagnostics(model.workspace, list);
  sortDiagnostics(kept);
  // A flow is incompatible when the consumer rule found something on it (whatever the config says).
  const incompatible = new Set<number>();
  system.flows.forEach((f, i) => {
    for (const part of ['payload', 'headers'] as const) {
      const w = f.sent[part];
      const r = f.received[part];
      if (w && r && ctx.compat(f.from.model, f.to.model).incompatible(w, r).length) incompatible.add(i);
    }
  });
  return { system, diagnostics: kept, incompatible };
}
