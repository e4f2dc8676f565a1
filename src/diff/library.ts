import { parsePointer } from '../load/pointer.js';
import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel, Operation } from '../model/types.js';
import { operationLabel } from './match.js';
import type { Direction } from './types.js';

/**
 * A shared schema library: a document (AsyncAPI or OpenAPI, with its root key) that declares
 * `components.schemas` and nothing to call: no operations, webhooks or channels. Its consumers are the
 * specs that `$ref` it.
 */
export function isLibrary(model: ApiModel): boolean {
  return !model.operations.length && !model.webhooks?.length && !model.channels.length && model.components.some((c) => c.kind === 'schemas');
}

/** The known users of each schema of a library (by name): which way the data flows, and who uses it. */
export type LibraryUsers = Map<string, { dirs: Set<Direction>; users: string[] }>;

/**
 * Which schemas of the library `file` the specs use, through any chain of `$ref`s, and in which direction:
 * each schema of each operation (bodies, responses, message payloads and headers, parameters) is walked.
 */
export function libraryUsers(file: string, specs: { model: ApiModel; display: string }[]): LibraryUsers {
  const out: LibraryUsers = new Map();
  for (const { model, display } of specs) {
    const ws = model.workspace;
    // Only specs whose `$ref`s reached the library's file can use it.
    if (model.file === file || !ws.files.has(file)) continue;
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
          const [components, schemas, name] = parsePointer(r.location.pointer);
          if (r.location.file === file && components === 'components' && schemas === 'schemas' && name !== undefined) {
            const u = out.get(name) ?? { dirs: new Set(), users: [] };
            u.dirs.add(dir);
            if (!u.users.includes(label)) u.users.push(label);
            out.set(name, u);
          }
          walk(r.value, r.location.file, dir);
          return;
        }
        for (const v of Object.values(value)) walk(v, inFile, dir);
      };
      for (const [node, dir] of schemasOf(op)) walk(node.value, node.source.file, dir);
    }
  }
  return out;
}

/** Every schema an operation carries, with the direction of its data. */
function schemasOf(op: Operation): [{ value: unknown; source: NodeLocation }, Direction][] {
  const dir: Direction = op.action === 'receive' ? 'accept' : 'emit';
  const back: Direction = dir === 'accept' ? 'emit' : 'accept';
  const out: [{ value: unknown; source: NodeLocation }, Direction][] = [];
  const add = (s: { value: unknown; source: NodeLocation } | undefined, d: Direction) => s && out.push([s, d]);
  for (const m of op.messages) (add(m.payload, dir), add(m.headers, dir));
  for (const m of op.reply?.messages ?? []) {
    add(m.payload, back);
    add(m.headers, back);
    for (const h of m.headerParameters ?? []) add(h.schema, back);
  }
  for (const p of [...(op.http?.parameters ?? []), ...op.channel.parameters]) add(p.schema, dir);
  return out;
}
