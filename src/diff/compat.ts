import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { SchemaNode } from '../model/types.js';
import { ruleById, schemaChecks } from './registry.js';
import { instancePath, renderPath, SchemaComparer } from './schema/compare.js';
import { Viewer } from './schema/view.js';
import type { Level } from './types.js';

/** One way a reader's schema differs from a writer's: a diff rule, said of the reader. */
export interface CompatFinding {
  rule: string;
  level: Level;
  /** The diff check's sentence with the instance path filled in (`` `currency` is now required ``). */
  text: string;
  /** The instance path (`lines[].sku`), empty at the root. */
  path: string;
  /** What the check recorded (`{ name }` of a property, ...). */
  data: Record<string, unknown>;
  writer?: NodeLocation;
  reader?: NodeLocation;
}

/**
 * Compares schemas of two different documents as diff compares two versions of one: the writer's schema
 * as the base, the reader's as the revision, the data as accepted by the reader. Then every `breaking`
 * finding is something the writer may send that the reader rejects. The system rules use it: one comparer
 * per pair of documents, so a schema both use is compared once.
 */
export class CompatChecker {
  private readonly comparer: SchemaComparer;

  constructor(writer: Workspace, reader: Workspace, openapi = false) {
    this.comparer = new SchemaComparer(new Viewer(writer), new Viewer(reader), schemaChecks, openapi, 'consumers');
  }

  /** Every difference of `reader` from `writer`, at its level for data the reader accepts. */
  compare(writer: SchemaNode, reader: SchemaNode): CompatFinding[] {
    const ids = this.comparer.compare({ value: writer.value, loc: writer.source }, { value: reader.value, loc: reader.source }, 'accept');
    return ids.map((id) => {
      const f = this.comparer.findings[id];
      const meta = ruleById.get(f.rule)!;
      const sub = f.subject.revision;
      const rel = sub.file === reader.source.file ? instancePath(sub.pointer, reader.source.pointer) : undefined;
      const path = renderPath([...(rel ?? []), ...f.path]);
      return {
        rule: f.rule,
        level: f.level ?? meta.levels.accept,
        text: f.text.replace('{path}', path ? '`' + path + '`' : 'the payload'),
        path,
        data: f.data,
        ...(f.base ? { writer: f.base } : {}),
        ...(f.revision ? { reader: f.revision } : {}),
      };
    });
  }

  /** What the writer may send that the reader rejects. */
  incompatible(writer: SchemaNode, reader: SchemaNode): CompatFinding[] {
    return this.compare(writer, reader).filter((f) => f.level === 'breaking');
  }
}
