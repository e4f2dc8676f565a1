import { appendPointer, parsePointer, pathEntryPointer, type PathEntry } from '../load/pointer.js';
import type { RefOptions, Workspace } from '../load/workspace.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ApiModel } from '../model/types.js';
import { INPUT_ERROR_RULE, INTERNAL_ERROR_RULE, internalErrorMessage, UNKNOWN_IGNORE_RULE, type FileReport } from '../report/index.js';
import { toFileReport } from '../validate/index.js';
import { locateDiagnostics, sortDiagnostics, validateFile } from '../validate/index.js';
import { builtinConfig, hint, rulesForFile, type LintConfig } from './config.js';
import { aliases, ruleInfos } from './registry.js';
import { lintRules } from './rules/index.js';

/** The inline marker: `x-specgate-ignore: [rule-id, ...]` (or `'*'`) on a node silences it and its children. */
export const IGNORE_KEY = 'x-specgate-ignore';

let aliasMap: Map<string, string> | undefined;
const aliasOf = (name: string) => (aliasMap ??= aliases()).get(name);

export interface LintOptions extends RefOptions {
  config?: LintConfig;
  /** Text already in memory (stdin) instead of reading `file`. */
  text?: string;
  /** Keep the model on the result (the system rules read every document of the run). */
  keepModel?: boolean;
}

export interface LintResult {
  report: FileReport;
  /** An input problem stopped this file (exit code 2). */
  fatal: boolean;
  model?: ApiModel;
}

/**
 * Lint one root document: validate's diagnostics plus every design rule the config turns on, with config
 * severities, overrides and inline ignores applied. The model is dropped before returning, so linting
 * many files keeps memory flat.
 */
export async function lintFile(file: string, options: LintOptions = {}): Promise<LintResult> {
  const config = options.config ?? builtinConfig();
  const result = await validateFile(file, { keepModel: true, allowRemoteRefs: options.allowRemoteRefs, refRoots: options.refRoots, text: options.text });
  if (result.fatal) return { report: toFileReport(result), fatal: true };
  const rules = rulesForFile(config, file);
  const model = result.model;
  const found: Diagnostic[] = [];
  if (model) {
    // A Spectral ruleset's own rule of the same name as a built-in one (or one of its Spectral names) replaces it.
    const custom = new Set(config.spectral?.rules.map((r) => r.name));
    for (const rule of lintRules) {
      if (!rule.formats.includes(model.format) || !rules.runs(rule.id)) continue;
      if (custom.size && (custom.has(rule.id) || rule.equivalents?.spectral?.some((n) => custom.has(n)))) continue;
      const report = (at: { file: string; pointer: string }, message: string, help?: string) =>
        found.push({ rule: rule.id, severity: 'warning', message, file: at.file, pointer: at.pointer, ...(help ? { help } : {}) });
      try {
        await rule.run({ model, options: rules.options(rule.id) }, report);
      } catch (e) {
        // A document with structural errors can trip a rule; say so instead of dropping the rule's findings.
        // On a valid one it is a bug: an error of this file, and the other rules and files still run.
        if (result.valid) found.push({ rule: INTERNAL_ERROR_RULE, severity: 'error', message: internalErrorMessage('rule', rule.id, e), file: model.file, pointer: '' });
        else found.push({ rule: rule.id, severity: 'info', message: `rule \`${rule.id}\` could not finish on this invalid document (${(e as Error).message}); fix the errors first`, file, pointer: '' });
      }
    }
    if (config.spectral?.rules.length) {
      // Loaded only for a Spectral ruleset with custom rules: most runs have none.
      const { runSpectralRules } = await import('./spectral/run.js');
      try {
        found.push(...(await runSpectralRules(config.spectral, model, (id) => rules.runs(id))));
      } catch (e) {
        found.push({ rule: INTERNAL_ERROR_RULE, severity: 'error', message: `Spectral ruleset: ${(e as Error).message}`, file: model.file, pointer: '' });
      }
    }
    found.push(...unknownIgnores(model.workspace, [...custom]));
    await locateDiagnostics(model.workspace, found);
  }
  const kept: Diagnostic[] = [];
  // Most documents carry no marker: skip the walk from the root for each of (maybe) 10,000s of findings
  // (as unknownIgnores does, a marker key spelled with escapes in every file is then not seen).
  const markers = model !== undefined && [...model.workspace.files.values()].some((f) => f.text.includes(IGNORE_KEY));
  for (const d of [...result.diagnostics, ...found]) {
    const severity = rules.severityAt(d.rule, d.pointer, d.severity);
    if (severity === 'off') continue;
    // A crash is never silenced by a marker: the findings it cost would go missing unseen.
    if (markers && d.rule !== INTERNAL_ERROR_RULE && ignoredInline(model!.workspace, d)) continue;
    kept.push(severity === d.severity ? d : { ...d, severity });
  }
  sortDiagnostics(kept);
  const valid = !kept.some((d) => d.severity === 'error');
  return { report: toFileReport({ file, format: result.format, version: result.version, valid, diagnostics: kept }), fatal: false, ...(options.keepModel && model ? { model: (model.workspace.release(), model) } : {}) };
}

/** Whether a node on the way from the file's root to the finding carries `x-specgate-ignore` naming its rule. */
export function ignoredInline(ws: Workspace, d: Diagnostic): boolean {
  let node = ws.files.get(d.file)?.value;
  const tokens = parsePointer(d.pointer);
  for (let i = 0; ; i++) {
    if (node === null || typeof node !== 'object') return false;
    const marker = Array.isArray(node) ? undefined : (node as Record<string, unknown>)[IGNORE_KEY];
    if (marker !== undefined) {
      const list = Array.isArray(marker) ? marker : [marker];
      // Spectral and Redocly names work here as they do in a config.
      if (list.some((x) => x === '*' || x === d.rule || (typeof x === 'string' && aliasOf(x) === d.rule))) return true;
    }
    if (i === tokens.length) return false;
    node = (node as Record<string, unknown>)[tokens[i]];
  }
}

/** Each `x-specgate-ignore` entry, in every file of the document, that names no known rule, at that entry. */
function unknownIgnores(ws: Workspace, custom: string[] = []): Diagnostic[] {
  const names = [...ruleInfos().map((r) => r.id), ...(aliasMap ??= aliases()).keys(), ...custom];
  const known = new Set(['*', ...names, INPUT_ERROR_RULE, INTERNAL_ERROR_RULE, UNKNOWN_IGNORE_RULE]);
  const out: Diagnostic[] = [];
  for (const loaded of ws.files.values()) {
    // Most files carry no marker at all; the walk of a 13 MB description is then skipped. (A key written
    // with escapes is honoured by `ignoredInline` but not checked here.)
    if (!loaded.text.includes(IGNORE_KEY)) continue;
    // Iterative, and each node once: documents can be deep, and YAML anchors share nodes. Pointers are
    // built only for the markers found.
    const seen = new Set<object>();
    const stack: PathEntry[] = [{ value: loaded.value }];
    while (stack.length) {
      const entry = stack.pop()!;
      const node = entry.value;
      if (node === null || typeof node !== 'object' || seen.has(node)) continue;
      seen.add(node);
      const marker = Array.isArray(node) ? undefined : (node as Record<string, unknown>)[IGNORE_KEY];
      if (marker !== undefined) {
        const pointer = pathEntryPointer(entry);
        const list = Array.isArray(marker) ? marker : [marker];
        list.forEach((id, i) => {
          if (typeof id === 'string' && known.has(id)) return;
          const name = typeof id === 'string' ? id : JSON.stringify(id) ?? String(id);
          out.push({
            rule: UNKNOWN_IGNORE_RULE,
            severity: 'warning',
            message: `\`${IGNORE_KEY}\` names unknown rule \`${name}\`${hint(name, names)}; it silences nothing`,
            file: loaded.file,
            pointer: Array.isArray(marker) ? appendPointer(pointer, IGNORE_KEY, i) : appendPointer(pointer, IGNORE_KEY),
            help: '`specgate rules` lists the rule ids',
          });
        });
      }
      if (Array.isArray(node)) node.forEach((v, i) => stack.push({ value: v, parent: entry, key: i }));
      else for (const k in node as Record<string, unknown>) stack.push({ value: (node as Record<string, unknown>)[k], parent: entry, key: k });
    }
  }
  return out;
}
