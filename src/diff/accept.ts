import { readFile } from 'node:fs/promises';
import { InputError } from '../load/errors.js';
import type { Change } from './types.js';

export interface AcceptEntry {
  fingerprint: string;
  reason: string;
  /** Optional, for people reading the file. */
  id?: string;
}

/**
 * Read an accept file: a YAML (or JSON) list of `{fingerprint, reason}` (or `{accepted: [...]}`). Every
 * entry must say why the change is accepted.
 */
export async function readAcceptFile(file: string): Promise<AcceptEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read accept file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file);
  }
  const { load, FAILSAFE_SCHEMA } = await import('js-yaml');
  let value: unknown;
  try {
    // Every scalar a string: a fingerprint like 0123456789012345 must not turn into a number.
    value = load(text, { schema: FAILSAFE_SCHEMA });
  } catch (e) {
    throw new InputError(`accept file is not valid YAML: ${(e as { reason?: string }).reason ?? (e as Error).message}`, file);
  }
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : (value as { accepted?: unknown }).accepted;
  if (!Array.isArray(list)) throw new InputError('accept file must be a list of {fingerprint, reason} entries (or {accepted: [...]})', file);
  return list.map((e, i) => {
    const o = e as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.fingerprint !== 'string' || !o.fingerprint)
      throw new InputError(`accept entry ${i + 1} has no \`fingerprint\``, file);
    if (typeof o.reason !== 'string' || !o.reason.trim()) throw new InputError(`accept entry ${i + 1} (${o.fingerprint}) has no \`reason\`; say why the change is accepted`, file);
    return { fingerprint: o.fingerprint, reason: o.reason, ...(typeof o.id === 'string' ? { id: o.id } : {}) };
  });
}

/** Mark accepted changes; return the entries that matched nothing (stale or mistyped). */
export function applyAccepts(changes: Change[], entries: AcceptEntry[]): AcceptEntry[] {
  const byFp = new Map(entries.map((e) => [e.fingerprint, e]));
  const used = new Set<string>();
  for (const c of changes) {
    const e = byFp.get(c.fingerprint);
    if (e) {
      c.accepted = { reason: e.reason };
      used.add(e.fingerprint);
    }
  }
  return entries.filter((e) => !used.has(e.fingerprint));
}
