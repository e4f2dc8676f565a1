import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { diagnosticFingerprint } from '../report/fingerprint.js';
import { INPUT_ERROR_RULE, INTERNAL_ERROR_RULE, type FileReport } from '../report/types.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * A lint baseline: the findings a project has decided to live with for now, by fingerprint (rule, file,
 * JSON pointer, normalised message; see report/fingerprint.ts) and count. `--baseline` then reports only
 * what is not in it. Files are named relative to the baseline's folder, so the fingerprints do not
 * depend on where specgate runs from.
 */
export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  pointer: string;
  message: string;
  count: number;
}

export interface BaselineOutcome {
  /** The reports without the recorded findings. */
  reports: FileReport[];
  /** Findings matched by an entry (left out). */
  known: number;
  /** Recorded findings that no longer occur. */
  fixed: number;
}

/** Input and internal errors are never recorded: a file that cannot be read has not been checked. */
const recordable = (d: Diagnostic) => d.rule !== INPUT_ERROR_RULE && d.rule !== INTERNAL_ERROR_RULE;

function fileKey(file: string, baselinePath: string): string {
  if (file === '-') return 'stdin';
  if (/^https?:\/\//.test(file)) return file;
  return path.relative(path.dirname(path.resolve(baselinePath)), path.resolve(file)).split(path.sep).join('/');
}

function fingerprintOf(d: Diagnostic, baselinePath: string): string {
  return diagnosticFingerprint(d, fileKey(d.file, baselinePath));
}

/** The baseline file's text for these reports: sorted, no dates, so an unchanged project writes the same bytes. */
export async function formatBaseline(reports: FileReport[], baselinePath: string): Promise<{ text: string; findings: number }> {
  const byFp = new Map<string, BaselineEntry>();
  let findings = 0;
  for (const r of reports)
    for (const d of r.diagnostics) {
      if (!recordable(d)) continue;
      findings++;
      const fp = fingerprintOf(d, baselinePath);
      const e = byFp.get(fp);
      if (e) e.count++;
      else byFp.set(fp, { fingerprint: fp, rule: d.rule, file: fileKey(d.file, baselinePath), pointer: d.pointer, message: d.message, count: 1 });
    }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const entries = [...byFp.values()].sort((a, b) => cmp(a.file, b.file) || cmp(a.pointer, b.pointer) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  const { dump } = await import('js-yaml');
  const body = dump(
    { version: 1, findings: entries.map((e) => ({ fingerprint: e.fingerprint, rule: e.rule, file: e.file, pointer: e.pointer, message: e.message, ...(e.count > 1 ? { count: e.count } : {}) })) },
    { lineWidth: -1, noRefs: true, quotingType: "'" },
  );
  const header =
    '# specgate lint baseline: findings recorded to be fixed later. `specgate lint --baseline <this file>`\n' +
    '# reports only findings not listed here; `--baseline-write <this file>` records the current ones again.\n' +
    '# Matched by fingerprint (rule, file, JSON pointer, message), not by line: edits elsewhere keep them.\n';
  return { text: header + body, findings };
}

/** Fingerprint -> recorded count. */
export async function readBaseline(file: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read baseline: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
  const { load, FAILSAFE_SCHEMA } = await import('js-yaml');
  let value: unknown;
  try {
    // Every scalar a string: a fingerprint of digits only must not turn into a number.
    value = load(text, { schema: FAILSAFE_SCHEMA });
  } catch (e) {
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    throw new InputError(`baseline is not valid YAML: ${(e as { reason?: string }).reason ?? (e as Error).message}`, file, mark && mark.line + 1, mark && mark.column + 1);
  }
  if (value === null || value === undefined) return new Map();
  const list = typeof value === 'object' && !Array.isArray(value) ? (value as { findings?: unknown }).findings : undefined;
  if (list === null || list === '') return new Map();
  if (!Array.isArray(list)) throw new InputError('baseline must be a mapping with a `findings` list', file);
  const counts = new Map<string, number>();
  list.forEach((e, i) => {
    const o = e as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.fingerprint !== 'string' || !o.fingerprint) throw new InputError(`baseline entry ${i + 1} has no \`fingerprint\``, file);
    const count = o.count === undefined ? 1 : typeof o.count === 'string' && /^[1-9]\d*$/.test(o.count) ? Number(o.count) : NaN;
    if (!Number.isSafeInteger(count)) throw new InputError(`baseline entry ${i + 1} (${o.fingerprint}): \`count\` must be a positive integer`, file);
    counts.set(o.fingerprint, (counts.get(o.fingerprint) ?? 0) + count);
  });
  return counts;
}

/**
 * Leave out recorded findings, up to each entry's count: with 3 recorded and 4 now, the last one (in
 * report order) is new. What is left of the counts was fixed.
 */
export function applyBaseline(reports: FileReport[], recorded: Map<string, number>, baselinePath: string): BaselineOutcome {
  const left = new Map(recorded);
  let known = 0;
  const out = reports.map((r) => ({
    ...r,
    diagnostics: r.diagnostics.filter((d) => {
      if (!recordable(d)) return true;
      const fp = fingerprintOf(d, baselinePath);
      const n = left.get(fp) ?? 0;
      if (n === 0) return true;
      left.set(fp, n - 1);
      known++;
      return false;
    }),
  }));
  let fixed = 0;
  for (const n of left.values()) fixed += n;
  return { reports: out, known, fixed };
}
