import { parsePointer } from '../load/pointer.js';
import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel, Operation } from '../model/types.js';
import { operationLabel } from './match.js';
import type { Direction } from './types.js';

/** The components a library shares, by format: each is compared by name in the directions of its users. */
export const LIBRARY_KINDS = { asyncapi: ['schemas', 'messages'], openapi: ['schemas', 'parameters', 'headers'] } as const;
export type LibraryKind = 'schemas' | 'messages' | 'parameters' | 'headers';

const kindsOf = (model: ApiModel): readonly string[] => LIBRARY_KINDS[model.format];

/**
 * A shared library: a document (AsyncAPI or OpenAPI, with its root key) that declares components
 * (`schemas`, AsyncAPI `messages`, OpenAPI `parameters` and `headers`) and nothing to call: no operations,
 * webhooks or channels. Its consumers are the specs that `$ref` it.
 */
export function isLibrary(model: ApiModel): boolean {
  const kinds = kindsOf(model);
  return !model.operations.length && !model.webhooks?.length && !model.channels.length && model.components.some((c) => kinds.includes(c.kind));
}

/**
 * The known users of each component of a library, by `kind/name` (`schemas/Money`, `messages/OrderCreated`):
 * which way the data flows, and who uses it.
 */
export type LibraryUsers = Map<string, { dirs: Set<Direction>; users: string[] }>;

/**
 * Which components of which files the specs of a run use, through any chain of `$ref`s, and in which
 * direction. Each spec is walked once per run, however many libraries the run compares: `users(file)`
 * of the first library walks them all and keeps what every file's components are used by.
 */
export class LibraryIndex {
  private byFile?: Map<string, LibraryUsers>;

  constructor(private readonly specs: { model: ApiModel; display: string }[]) {}

  users(file: string): LibraryUsers {
    this.byFile ??= index(this.specs);
    return this.byFile.get(file) ?? new Map();
  }
}

/** The users of the components of one library `file` (see `LibraryIndex`, which a run with several libraries shares). */
export function libraryUsers(file: string, specs: { model: ApiModel; display: string }[]): LibraryUsers {
  return new LibraryIndex(specs).users(file);
}

function index(specs: { model: ApiModel; display: string }[]): Map<string, LibraryUsers> {
  const out = new Map<string, LibraryUsers>();
  /** A use of whatever stands at `loc`, when it is a component (`/components/<kind>/<name>`) of another file than the spec's own. */
  const mark = (loc: NodeLocation, root: string, dir: Direction, label: string) => {
    if (loc.file === root) return;
    const [components, kind, name, ...rest] = parsePointer(loc.pointer);
    if (components !== 'components' || name === undefined || rest.length) return;
    let file = out.get(loc.file);
    if (!file) out.set(loc.file, (file = new Map()));
    const key = `${kind}/${name}`;
    const u = file.get(key) ?? { dirs: new Set(), users: [] };
    u.dirs.add(dir);
    if (!u.users.includes(label)) u.users.push(label);
    file.set(key, u);
  };
  for (const { model, display } of specs) {
    const ws = model.workspace;
    // A spec whose `$ref`s reach no other file uses no library.
    if (ws.files.size < 2) continue;
    for (const op of [...model.operations, ...(model.webhooks ?? [])]) {
      const label = `\`${operationLabel(op)}\` in \`${display}\``;
      // `$ref`s resolve against the file a value stands in; each object is walked once per direction.
      const seen = { accept: new Set<unknown>(), emit: new Set<unknown>() };
      const walk = (value: unknown, inFile: string, dir: Direction) => {
        if (value === null || typeof value !== 'object' || seen[dir].has(value)) return;
        seen[dir].add(value);
        const ref = (value as { $ref?: unknown }).$ref;
        if (typeof ref === 'string') {
          const r = ws.resolveRef(ref, inFile);
          if (!r.ok) return;
          mark(r.location, model.file, dir, label);
          walk(r.value, r.location.file, dir);
          return;
        }
        for (const v of Object.values(value)) walk(v, inFile, dir);
      };
      for (const [node, dir] of usesOf(op)) {
        // The message, parameter or header itself may be the library's (its `source` is where it is written).
        if (node.self) mark(node.self, model.file, dir, label);
        if (node.schema) walk(node.schema.value, node.schema.source.file, dir);
      }
    }
  }
  return out;
}

type Use = { self?: NodeLocation; schema?: { value: unknown; source: NodeLocation } };

/** Every message, parameter and header of an operation, and the schemas they carry, with the direction of their data. */
function usesOf(op: Operation): [Use, Direction][] {
  const dir: Direction = op.action === 'receive' ? 'accept' : 'emit';
  const back: Direction = dir === 'accept' ? 'emit' : 'accept';
  const out: [Use, Direction][] = [];
  const add = (u: Use, d: Direction) => out.push([u, d]);
  for (const m of op.messages) (add({ self: m.source, schema: m.payload }, dir), add({ schema: m.headers }, dir));
  for (const m of op.reply?.messages ?? []) {
    add({ self: m.source, schema: m.payload }, back);
    add({ schema: m.headers }, back);
    for (const h of m.headerParameters ?? []) add({ self: h.source, schema: h.schema }, back);
  }
  for (const p of [...(op.http?.parameters ?? []), ...op.channel.parameters]) add({ self: p.source, schema: p.schema }, dir);
  return out;
}
