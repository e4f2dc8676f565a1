import { appendPointer } from '../load/pointer.js';
import { isRefObject, splitRef, type LoadedFile, type NodeLocation, type Workspace } from '../load/workspace.js';

/**
 * A view of the root document with every `$ref` into *another file* replaced by what it points at, so that
 * content kept in separate files is checked against the official schema at the place it is used (as
 * @asyncapi/parser does on its resolved document). `$ref`s within a file stay as written: the schema
 * accepts Reference Objects, and their targets are checked where they stand.
 *
 * `origin` maps a pointer in the bundled view back to the file and pointer where the node is written.
 */
export interface Bundle {
  document: unknown;
  origin(pointer: string): NodeLocation;
}

export function bundleForValidation(ws: Workspace, root: LoadedFile): Bundle {
  // Where bundled subtrees came from: bundled pointer prefix -> location of the inlined node.
  const grafts: [string, NodeLocation][] = [];
  const hasExternal = ws.files.size > 1;
  const document = hasExternal ? inline(ws, root.value, { file: root.file, pointer: '' }, '', grafts, new Set()) : root.value;
  grafts.sort((a, b) => b[0].length - a[0].length);
  return {
    document,
    origin(pointer: string): NodeLocation {
      for (const [prefix, loc] of grafts)
        if (pointer === prefix || pointer.startsWith(prefix + '/')) return { file: loc.file, pointer: loc.pointer + pointer.slice(prefix.length) };
      return { file: root.file, pointer };
    },
  };
}

function inline(ws: Workspace, value: unknown, loc: NodeLocation, at: string, grafts: [string, NodeLocation][], path: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (isRefObject(value)) {
    const [target] = splitRef(value.$ref);
    if (target !== '') {
      const r = ws.resolveRef(value.$ref, loc.file);
      const key = r.ok ? `${r.location.file}#${r.location.pointer}` : '';
      // Unresolvable (reported by the ref check) or a cycle through files: leave the reference as written.
      if (!r.ok || path.has(key)) return value;
      grafts.push([at, r.location]);
      path.add(key);
      const out = inline(ws, r.value, r.location, at, grafts, path);
      path.delete(key);
      return out;
    }
    return value;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = inline(ws, value[i], { file: loc.file, pointer: `${loc.pointer}/${i}` }, `${at}/${i}`, grafts, path);
      if (v !== value[i]) (copy ??= value.slice())[i] = v;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (v === null || typeof v !== 'object') continue;
    const nv = inline(ws, v, { file: loc.file, pointer: appendPointer(loc.pointer, k) }, appendPointer(at, k), grafts, path);
    if (nv !== v) (copy ??= { ...(value as Record<string, unknown>) })[k] = nv;
  }
  return copy ?? value;
}
