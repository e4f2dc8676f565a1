import { InputError } from '../load/errors.js';
import { prepareLocator } from '../load/locate.js';
import { Workspace, type NodeLocation, type WorkspaceOptions } from '../load/workspace.js';
import { severityRank, type Diagnostic } from '../model/diagnostic.js';
import { INPUT_ERROR_RULE, INTERNAL_ERROR_RULE, internalErrorMessage, type FileReport } from '../report/index.js';
import { openDocument } from '../model/open.js';
import { foreignPayloadRoots } from '../formats/index.js';
import type { ApiModel, SpecFormat } from '../model/types.js';
import { refRules, semanticChecks } from './checks/index.js';
import { bundleForValidation } from './bundle.js';
import { validateStructure } from './structural.js';

export interface FileResult {
  file: string;
  format?: SpecFormat;
  version?: string;
  /** No error-severity diagnostic and no fatal input error. */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** An input problem that stopped this file (unreadable, not a spec, YAML syntax): exit code 2. */
  fatal?: InputError;
  model?: ApiModel;
}

export interface ValidateOptions extends WorkspaceOptions {
  /** Keep the model on the result (lint, diff and generate go on with it). */
  keepModel?: boolean;
  /** Text already in memory (stdin, git revisions) instead of reading `file`. */
  text?: string;
}

/**
 * Load one root document with everything it references, check it against the official schema of its
 * version and run the semantic checks. Input problems become `fatal`, never exceptions.
 */
export async function validateFile(file: string, options: ValidateOptions = {}): Promise<FileResult> {
  try {
    const doc = await openDocument(file, options);
    const { workspace: ws, root, spec } = doc;
    const diagnostics: Diagnostic[] = [];
    // Content in other files is checked at the place that uses it, then reported where it is written.
    const bundle = bundleForValidation(ws, root);
    for (const d of await validateStructure(bundle.document, spec, file)) {
      const origin = bundle.origin(d.pointer);
      diagnostics.push({ ...d, file: origin.file, pointer: origin.pointer });
    }
    for (const p of ws.refProblems)
      diagnostics.push({ rule: p.kind, severity: 'error', message: p.message, file: p.at.file, pointer: `${p.at.pointer}/$ref` });
    const model = doc.model;
    // Payloads in another schema format (Avro) are checked by that format's own check, at their nodes; the
    // official schema's view of them (an error for each branch of an anyOf over every Avro type) is dropped.
    if (model) {
      const foreign = foreignPayloadRoots(model).flatMap((r): NodeLocation[] => [r, ...(r.format.parts?.(r.node, ws) ?? [])]);
      if (foreign.length) {
        const inside = (d: Diagnostic) => foreign.some((r) => d.file === r.file && (d.pointer === r.pointer || d.pointer.startsWith(`${r.pointer}/`)));
        const kept = diagnostics.filter((d) => d.rule !== 'asyncapi-schema' || !inside(d));
        diagnostics.splice(0, diagnostics.length, ...kept);
      }
    }
    // A document too broken to model has structural errors already; the model is best effort.
    if (doc.modelError && !diagnostics.some((d) => d.severity === 'error')) throw doc.modelError;
    const broken = diagnostics.some((d) => d.severity === 'error');
    // Checks may locate nodes themselves (a Protobuf error inside a YAML string).
    if (model) await prepareLocator();
    if (model)
      for (const check of semanticChecks) {
        if (!check.formats.includes(model.format)) continue;
        try {
          await check.run(model, (at, message, help, range) =>
            diagnostics.push({ rule: check.id, severity: check.severity, message, file: at.file, pointer: at.pointer, ...(help ? { help } : {}), ...(range ? { range } : {}) }),
          );
        } catch (e) {
          // Checks may trip over a structurally broken document, whose errors are already reported; on a
          // sound one a throw is a bug, and hiding it would pass a file the check never looked at.
          if (!broken) diagnostics.push({ rule: INTERNAL_ERROR_RULE, severity: 'error', message: internalErrorMessage('check', check.id, e), file: root.file, pointer: '' });
        }
      }
    const result: FileResult = {
      file,
      format: spec.format,
      version: spec.version,
      valid: !diagnostics.some((d) => d.severity === 'error'),
      diagnostics: dedupe(diagnostics),
    };
    await locateDiagnostics(ws, result.diagnostics);
    sortDiagnostics(result.diagnostics);
    if (options.keepModel) result.model = model;
    return result;
  } catch (e) {
    if (e instanceof InputError) return { file, valid: false, diagnostics: [], fatal: e };
    if (e instanceof RangeError) return { file, valid: false, diagnostics: [], fatal: new InputError('document is nested too deeply to process', file) };
    throw e;
  }
}

/** Fill `range` for every diagnostic, one scan per file. */
export async function locateDiagnostics(ws: Workspace, diagnostics: Diagnostic[]): Promise<void> {
  if (diagnostics.length === 0) return;
  await prepareLocator();
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.range) continue;
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  for (const [file, list] of byFile) {
    const locator = ws.locator(file);
    if (!locator) continue;
    const ranges = locator.locateAll(list.map((d) => d.pointer));
    list.forEach((d, i) => (d.range = ranges[i]));
  }
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.rule}\u0000${d.file}\u0000${d.pointer}\u0000${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export function sortDiagnostics(ds: Diagnostic[]): void {
  ds.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
      severityRank[b.severity] - severityRank[a.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export { refRules, semanticChecks };

/** Every rule `validate` reports, in one list: `validate`'s SARIF rules and `lint`'s registry both read it. */
export const validateRules: readonly { id: string; description: string; formats: readonly SpecFormat[] }[] = [
  { id: 'asyncapi-schema', description: 'The document matches the official AsyncAPI JSON Schema of its version.', formats: ['asyncapi'] },
  { id: 'openapi-schema', description: 'The document matches the official OpenAPI JSON Schema of its version.', formats: ['openapi'] },
  ...Object.entries(refRules).map(([id, description]) => ({ id, description, formats: ['asyncapi', 'openapi'] as const })),
  ...semanticChecks.map((c) => ({ id: c.id, description: c.description, formats: c.formats })),
];

/** A fatal input problem is shown as one error diagnostic, so every format carries it. */
export function toFileReport(r: FileResult, quiet = false): FileReport {
  const diagnostics = r.fatal
    ? [
        {
          rule: INPUT_ERROR_RULE,
          severity: 'error' as const,
          message: r.fatal.message,
          file: r.fatal.file ?? r.file,
          pointer: '',
          range: { start: { line: r.fatal.line ?? 1, column: r.fatal.column ?? 1 }, end: { line: r.fatal.line ?? 1, column: r.fatal.column ?? 1 } },
        },
      ]
    : quiet
      ? r.diagnostics.filter((d) => d.severity === 'error')
      : r.diagnostics;
  return { file: r.file, format: r.format, version: r.version, valid: r.valid, diagnostics };
}
