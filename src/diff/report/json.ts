import type { Change, DiffResult } from '../types.js';

/** The documented JSON shape; one pair prints one object, a folder (`--base`) prints `{bump, results}`. */
export function formatJson(results: DiffResult[]): string {
  const one = (r: DiffResult) => ({
    base: r.base,
    revision: r.revision,
    bump: r.bump,
    changes: r.changes.map(change),
    versionCheck: r.versionCheck ? { declared: r.versionCheck.declared, required: r.versionCheck.required, ok: r.versionCheck.ok, message: r.versionCheck.message } : null,
    ...(r.staleAccepts ? { staleAccepts: r.staleAccepts } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
  const value = results.length === 1 ? one(results[0]) : { bump: overall(results), results: results.map(one) };
  return JSON.stringify(value, null, 2) + '\n';
}

function change(c: Change) {
  return {
    id: c.id,
    level: c.level,
    bump: c.bump,
    message: c.message,
    operation: c.operation ?? null,
    ...(c.channel ? { channel: c.channel } : {}),
    ...(c.direction ? { direction: c.direction } : {}),
    base: c.base ? { pointer: c.base.pointer, file: c.base.file, line: c.base.line, column: c.base.column } : null,
    revision: c.revision ? { pointer: c.revision.pointer, file: c.revision.file, line: c.revision.line, column: c.revision.column } : null,
    fingerprint: c.fingerprint,
    // The names of the operations stay out: a shared schema's list would repeat on each of its changes.
    ...(c.schema ? { schema: { name: c.schema.name, operations: c.schema.usedBy.length } } : {}),
    ...(c.accepted ? { accepted: c.accepted } : {}),
    ...(c.affects ? { affects: c.affects } : {}),
    ...(c.against ? { against: c.against } : {}),
  };
}

const RANK = { none: 0, patch: 1, minor: 2, major: 3 } as const;
export function overall(results: DiffResult[]): DiffResult['bump'] {
  return results.reduce<DiffResult['bump']>((acc, r) => (RANK[r.bump] > RANK[acc] ? r.bump : acc), 'none');
}
