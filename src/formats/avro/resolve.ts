import type { FormatDirection, FormatFinding } from '../index.js';
import type { SchemaNode } from '../../model/types.js';
import type { Workspace } from '../../load/workspace.js';

export function diffAvro(base: { node: SchemaNode; ws: Workspace }, rev: { node: SchemaNode; ws: Workspace }, dir: FormatDirection): FormatFinding[] {
  return [];
}
