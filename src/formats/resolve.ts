import type { Workspace } from '../load/workspace.js';
import type { SchemaNode } from '../model/types.js';

/** The payload schema itself when it is a `$ref` (a .proto file is one string); else the node as it is. */
export function resolvePayload(ws: Workspace, node: SchemaNode): SchemaNode {
  const d = ws.deref(node.value, node.source);
  return d ? { ...node, value: d.value, source: d.location } : node;
}
