import { InputError } from '../load/errors.js';
import { prepareLocator } from '../load/locate.js';
import type { Range } from '../model/diagnostic.js';
import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel } from '../model/types.js';
import { applyAccepts, type AcceptEntry } from './accept.js';
import { diffModels, type EngineOptions, type RawChange } from './engine.js';
import { fingerprint } from './fingerprint.js';
import { loadPair, type LoadedSide } from './load.js';
import type { RefOptions } from '../load/workspace.js';
import { bumpFor, checkVersion, isBelow1, maxBump } from './semver.js';
import { levelRank, type Change, type DiffResult, type Level, type SourcePosition } from './types.js';

export interface DiffOptions extends EngineOptions, RefOptions {
  accept?: AcceptEntry[];
}

export type { AcceptEntry } from './accept.js';
export type * from './types.js';
export { rules, checks } from './registry.js';

/** Diff two specs named on the command line (files or `rev:path`). */
export async function diffSpecs(base: string, revision: string, options: DiffOptions = {}): Promise<DiffResult> {
  const [b, r] = await loadPair(base, revision, options);
  return diffLoaded(b, r, options);
}

export async function diffLoaded(b: LoadedSide, r: LoadedSide, options: DiffOptions = {}): Promise<DiffResult> {
  for (const side of [b, r]) if (side.unread) throw side.unread;
  // AsyncAPI 2 against 3 is a migration and compares well (one model); AsyncAPI against OpenAPI does not.
  if (b.model.format !== r.model.format)
    throw new InputError(`cannot compare an ${b.model.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} document with an ${r.model.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} one`, r.display);
  const raw = diffModels(b.model, r.model, options);
  const below1 = isBelow1(b.model.info.version);
  await prepareLocator();
  const [basePos, revPos] = await Promise.all([locateAll(b.model, raw.map((c) => c.base), b.rev), locateAll(r.model, raw.map((c) => c.revision), r.rev)]);
  const changes: Change[] = raw.map((c, i) => toChange(c, basePos[i], revPos[i], below1));
  sortChanges(changes);
  const stale = options.accept ? applyAccepts(changes, options.accept) : [];
  const bump = maxBump(changes.map((c) => c.bump));
  const result: DiffResult = {
    format: r.model.format,
    base: { file: b.display, version: b.model.info.version },
    revision: { file: r.display, version: r.model.info.version },
    bump,
    changes,
  };
  result.versionCheck = checkVersion(b.model.info.version, r.model.info.version, bump);
  if (stale.length) result.staleAccepts = stale.map((e) => ({ fingerprint: e.fingerprint, reason: e.reason }));
  return result;
}

function toChange(c: RawChange, base: SourcePosition | undefined, revision: SourcePosition | undefined, below1: boolean): Change {
  return {
    id: c.rule,
    level: c.level,
    bump: bumpFor(c.level, below1),
    message: c.message,
    ...(c.operation ? { operation: c.operation } : {}),
    ...(c.channel ? { channel: c.channel } : {}),
    ...(c.direction ? { direction: c.direction } : {}),
    ...(base ? { base } : {}),
    ...(revision ? { revision } : {}),
    fingerprint: fingerprint(c.rule, c.identity),
    ...(c.schema ? { schema: c.schema } : {}),
  };
}

/** Line and column of every location, one scan per file. */
async function locateAll(model: ApiModel, locs: (NodeLocation | undefined)[], rev?: string): Promise<(SourcePosition | undefined)[]> {
  const byFile = new Map<string, number[]>();
  locs.forEach((l, i) => {
    if (!l) return;
    const list = byFile.get(l.file) ?? [];
    list.push(i);
    byFile.set(l.file, list);
  });
  const out: (SourcePosition | undefined)[] = locs.map(() => undefined);
  for (const [file, idx] of byFile) {
    const pointers = idx.map((i) => locs[i]!.pointer);
    // Block-style YAML is located by indentation in a few milliseconds; a worker would cost more to start.
    const locator = model.workspace.locator(file);
    const ranges: Range[] = locator ? locator.locateAll(pointers) : [];
    idx.forEach((i, k) => {
      const r = ranges[k];
      out[i] = { file: rev ? `${rev}:${file}` : file, pointer: locs[i]!.pointer, line: r?.start.line ?? 1, column: r?.start.column ?? 1 };
    });
  }
  return out;
}

/** Breaking first, then by operation, then by place in the revision. */
export function sortChanges(changes: Change[]): void {
  const cmp = (a?: string, b?: string) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  changes.sort(
    (a, b) =>
      levelRank[b.level] - levelRank[a.level] ||
      cmp(a.operation ?? a.channel, b.operation ?? b.channel) ||
      cmp((a.revision ?? a.base)?.file, (b.revision ?? b.base)?.file) ||
      ((a.revision ?? a.base)?.line ?? 0) - ((b.revision ?? b.base)?.line ?? 0) ||
      cmp(a.id, b.id) ||
      cmp(a.fingerprint, b.fingerprint),
  );
}

/** A document only one side of a folder comparison has: `spec-added` or `spec-removed` (its model, when readable). */
export function wholeSpec(rule: 'spec-added' | 'spec-removed', old: string, now: string, model: ApiModel | undefined): DiffResult {
  const version = model?.info.version ?? '';
  const level: Level = rule === 'spec-removed' ? 'breaking' : 'non-breaking';
  const title = model?.info.title ? ` (${model.info.title})` : '';
  const pos = { file: rule === 'spec-removed' ? old : now, pointer: '', line: 1, column: 1 };
  const bump = bumpFor(level, isBelow1(version));
  return {
    base: { file: old, version: rule === 'spec-removed' ? version : '' },
    revision: { file: now, version: rule === 'spec-added' ? version : '' },
    bump,
    changes: [
      {
        id: rule,
        level,
        bump,
        message: rule === 'spec-removed' ? `API description \`${now}\`${title} was removed.` : `API description \`${now}\`${title} was added.`,
        ...(rule === 'spec-removed' ? { base: pos } : { revision: pos }),
        fingerprint: fingerprint(rule, now),
      },
    ],
    versionCheck: rule === 'spec-added' ? checkVersion('0.0.0', version, 'none') : undefined,
  };
}
