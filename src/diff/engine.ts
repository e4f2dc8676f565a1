import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel } from '../model/types.js';
import type { ModelContext, ModelReport, SchemaUse } from './check.js';
import type { LibraryUsers } from './library.js';
import { matchModels } from './match.js';
import { modelChecks, ruleById, schemaChecks } from './registry.js';
import { instancePath, owningComponent, renderPath, SchemaComparer, type SchemaFinding } from './schema/compare.js';
import { Sameness } from './schema/same.js';
import { Viewer } from './schema/view.js';
import { levelRank, type Direction, type Level, type Mode } from './types.js';

export interface EngineOptions {
  mode?: Mode;
  /** `x-` extension changes: reported as patch (default) or ignored. */
  extensions?: 'patch' | 'ignore';
  /** Who uses each schema of a library document, from the other specs of a folder run. */
  libraryUsers?: LibraryUsers;
}

/** A change before it is located in the files and fingerprinted. */
export interface RawChange {
  rule: string;
  level: Level;
  message: string;
  identity: string;
  operation?: string;
  channel?: string;
  direction?: Direction;
  base?: NodeLocation;
  revision?: NodeLocation;
  /** Identity without the direction: `full` mode keeps one change per rule and `sameChange`. */
  sameChange?: string;
  /** A change inside a named schema: its name, the operations reaching it, the message without the "Schema `X` (in ...)" part. */
  schema?: { name: string; usedBy: string[]; text: string };
  /** Found by a use checked both ways (`SchemaUse.bothWays`): kept only at its worse level, as in `full`. */
  worst?: boolean;
}

/** Stands for the readers of emitted data in schema findings' text (see `SchemaContext.readers`). */
const READERS = '{readers}';

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Compare two API models: match what stands for what, run every check, return the changes. */
export function diffModels(base: ApiModel, rev: ApiModel, options: EngineOptions = {}): RawChange[] {
  const mode = options.mode ?? 'auto';
  const openapi = base.format === 'openapi';
  const readers = openapi ? 'clients' : 'consumers';
  // Findings are shared by every use reaching them: who reads the data is filled in per change, from its uses.
  const comparer = new SchemaComparer(new Viewer(base.workspace), new Viewer(rev.workspace), schemaChecks, openapi && rev.format === 'openapi', READERS, mode !== 'auto', new Sameness(base.workspace, rev.workspace));
  const out: RawChange[] = [];
  const seenDocs = new Set<string>();
  const locKey = (l?: NodeLocation) => (l ? `${l.file}#${l.pointer}` : '');

  const levelOf = (rule: string, dir: Direction | undefined, override?: Level): Level => {
    const meta = ruleById.get(rule);
    if (!meta) throw new Error(`diff check reported unknown rule \`${rule}\``);
    return override ?? meta.levels[dir ?? 'accept'];
  };
  const push = (c: RawChange) => {
    if (c.rule === 'extension-changed' && options.extensions === 'ignore') return;
    if (c.level === 'patch') {
      // Documentation of a shared schema is one change, not one per operation using it.
      const k = `${c.rule}\u0000${locKey(c.base)}\u0000${locKey(c.revision)}`;
      if (seenDocs.has(k)) return;
      seenDocs.add(k);
    }
    out.push(c);
  };

  /** Every schema finding reached, with the first use that reached it and how many operations did. */
  const uses = new Map<number, { first: SchemaUse; operations: Set<string>; readers: Set<string> }>();
  const schemaChange = (f: SchemaFinding, use: SchemaUse, operations: Set<string>, readerSet: Set<string>): RawChange => {
    const count = operations.size;
    const level = levelOf(f.rule, f.dir, f.level);
    const meta = ruleById.get(f.rule)!;
    const subject = f.subject.revision;
    // A schema in a named component, or a whole file of its own, is named; an inline one is described by its use.
    const owner =
      owningComponent(subject.pointer) ??
      (subject.file !== use.revision.loc.file ? { name: subject.file.split(/[\\/]/).pop()!, pointer: '' } : undefined);
    let where: string;
    let rootNoun: string;
    let path: string[];
    let identity: string;
    const more = count > 1 ? ` and ${count - 1} more` : '';
    if (owner) {
      path = [...(instancePath(subject.pointer, owner.pointer) ?? []), ...f.path];
      where = `Schema \`${owner.name}\` (in ${use.where}${more})`;
      rootNoun = `the \`${owner.name}\` schema`;
      identity = `schema ${owner.name}`;
    } else {
      const rel = subject.file === use.revision.loc.file ? instancePath(subject.pointer, use.revision.loc.pointer) : undefined;
      path = [...(rel ?? []), ...f.path];
      where = capitalize(use.where) + (more ? ` (${more.trim()})` : '');
      rootNoun = `the ${use.root}`;
      identity = use.identity;
    }
    const rendered = renderPath(path);
    const text = f.text.replace('{path}', rendered ? '`' + rendered + '`' : rootNoun).replaceAll(READERS, [...readerSet].join(' and '));
    const dirMatters = meta.levels.accept !== meta.levels.emit || f.level !== undefined;
    const same = `${identity}|${path.join('/')}|${JSON.stringify(f.data)}`;
    return {
      rule: f.rule,
      level,
      message: `${where}: ${text}.`,
      identity: dirMatters ? `${same}|${f.dir}` : same,
      sameChange: same,
      operation: use.operation,
      channel: use.channel,
      direction: f.dir,
      base: f.base,
      revision: f.revision,
      ...(owner ? { schema: { name: owner.name, usedBy: [...operations], text: `${capitalize(text)}.` } } : {}),
      ...(use.bothWays ? { worst: true } : {}),
    };
  };

  const ctx: ModelContext = {
    base,
    rev,
    matched: matchModels(base, rev),
    readers,
    dirs: (natural) => (mode === 'auto' ? [natural] : mode === 'backward' ? ['accept'] : mode === 'forward' ? ['emit'] : ['accept', 'emit']),
    report(r: ModelReport) {
      push({
        rule: r.rule,
        level: levelOf(r.rule, r.dir, r.level),
        message: r.message,
        identity: r.identity,
        operation: r.operation,
        channel: r.channel,
        direction: r.dir,
        base: r.where.base,
        revision: r.where.revision,
      });
    },
    libraryUsers: options.libraryUsers,
    compareSchemas(use: SchemaUse) {
      for (const dir of use.bothWays && mode === 'auto' ? (['accept', 'emit'] as const) : ctx.dirs(use.dir))
        // A use of unknown kind (`bothWays`) is taken as the kind each direction checks.
        for (const id of comparer.compare(use.base, use.revision, dir, use.bothWays ? dir : use.dir)) {
          const g = uses.get(id);
          if (!g) uses.set(id, { first: use, operations: new Set([use.operation ?? use.where]), readers: new Set([use.readers ?? readers]) });
          else (g.operations.add(use.operation ?? use.where), g.readers.add(use.readers ?? readers));
        }
    },
  };
  for (const check of modelChecks) check.run(ctx);
  // A change whose level is the same either way is one change, even when found in both directions.
  const seenSchema = new Set<string>();
  for (const [id, g] of uses) {
    const c = schemaChange(comparer.findings[id], g.first, g.operations, g.readers);
    const k = `${c.rule}\u0000${c.identity}`;
    if (seenSchema.has(k)) continue;
    seenSchema.add(k);
    push(c);
  }
  // `full` mode (and a use checked both ways) checks both directions: one change per rule and identity, at its worst level.
  const both = mode === 'full' ? out : out.filter((c) => c.worst);
  if (!both.length) return out;
  const best = new Map<string, RawChange>();
  for (const c of both) {
    const k = `${c.rule}\u0000${c.sameChange ?? c.identity}`;
    const known = best.get(k);
    if (!known || levelRank[c.level] > levelRank[known.level]) best.set(k, c);
  }
  return out.filter((c) => (mode !== 'full' && !c.worst) || best.get(`${c.rule}\u0000${c.sameChange ?? c.identity}`) === c);
}
