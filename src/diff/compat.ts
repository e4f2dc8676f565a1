import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { SchemaNode } from '../model/types.js';
import { ruleById, schemaChecks } from './registry.js';
import { instancePath, renderPath, SchemaComparer } from './schema/compare.js';
import { Viewer } from './schema/view.js';
import type { Level } from './types.js';
import { payloadFormat } from '../formats/index.js';

const code = (s: string) => '`' + s + '`';

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
 * One Viewer per document: a service in a system is compared with each of its peers, and its schemas are
 * resolved once for all of them (views are per document; each comparer keys its pairs by view ids).
 */
const viewers = new WeakMap<Workspace, Viewer>();
function viewerOf(ws: Workspace): Viewer {
  return viewers.get(ws) ?? viewers.set(ws, new Viewer(ws)).get(ws)!;
}

/** Resolved texts by schema object, per document (undefined: too large, cyclic or unresolvable). */
const texts = new WeakMap<Workspace, WeakMap<object, string | undefined>>();
const TEXT_BUDGET = 20000;

/**
 * The schema as canonical JSON with every `$ref` replaced by its target's text: equal texts are equal
 * schemas whatever file or document they come from. Bounded (a schema this large, or a cycle, is compared
 * in full instead).
 */
function resolvedText(ws: Workspace, node: SchemaNode): string | undefined {
  const root = node.value;
  if (root === null || typeof root !== 'object') return JSON.stringify(root);
  const memo = texts.get(ws) ?? texts.set(ws, new WeakMap()).get(ws)!;
  if (memo.has(root)) return memo.get(root);
  let budget = TEXT_BUDGET;
  const walk = (v: unknown, file: string, stack: string[]): string | undefined => {
    if (--budget < 0) return undefined;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (const x of v) {
        const t = walk(x, file, stack);
        if (t === undefined) return undefined;
        parts.push(t);
      }
      return `[${parts.join(',')}]`;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.$ref === 'string') {
      if (Object.keys(o).length > 1) return undefined; // siblings of a `$ref` (3.1): compare in full
      const r = ws.resolveRef(o.$ref, file);
      if (!r.ok) return undefined;
      const key = `${r.location.file}#${r.location.pointer}`;
      if (stack.includes(key)) return undefined;
      return walk(r.value, r.location.file, [...stack, key]);
    }
    const parts: string[] = [];
    for (const k of Object.keys(o).sort()) {
      const t = walk(o[k], file, stack);
      if (t === undefined) return undefined;
      parts.push(`${JSON.stringify(k)}:${t}`);
    }
    return `{${parts.join(',')}}`;
  };
  const text = walk(root, node.source.file, []);
  memo.set(root, text);
  return text;
}

/**
 * Compares schemas of two different documents as diff compares two versions of one: the writer's schema
 * as the base, the reader's as the revision, the data as accepted by the reader. Then every `breaking`
 * finding is something the writer may send that the reader rejects. The system rules use it: one comparer
 * per pair of documents, so a schema both use is compared once.
 */
export class CompatChecker {
  private readonly comparer: SchemaComparer;

  constructor(
    private readonly writer: Workspace,
    private readonly reader: Workspace,
    openapi = false,
  ) {
    this.comparer = new SchemaComparer(viewerOf(writer), viewerOf(reader), schemaChecks, openapi, 'consumers');
  }

  /** Every difference of `reader` from `writer`, at its level for data the reader accepts. */
  compare(writer: SchemaNode, reader: SchemaNode): CompatFinding[] {
    const other = this.otherFormat(writer, reader);
    if (other) return other;
    // Most consumers copy their producer's schema: when both resolve to the same text, nothing differs.
    const a = resolvedText(this.writer, writer);
    if (a !== undefined && a === resolvedText(this.reader, reader)) return [];
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

  /** Schemas in a format of their own (Avro) by that format's rules; undefined for two JSON Schemas. */
  private otherFormat(writer: SchemaNode, reader: SchemaNode): CompatFinding[] | undefined {
    const wf = payloadFormat(writer.format);
    const rf = payloadFormat(reader.format);
    if (!wf && !rf) return undefined;
    if (wf?.id !== rf?.id)
      return [{ rule: 'schema-format-changed', level: 'breaking', text: `the schema formats differ (${code(writer.format)} and ${code(reader.format)}): the data is encoded differently`, path: '', data: {}, writer: writer.source, reader: reader.source }];
    return wf!.diff({ node: writer, ws: this.writer }, { node: reader, ws: this.reader }, 'accept').map((f) => {
      const path = renderPath(f.path);
      return { rule: f.rule, level: f.level ?? ruleById.get(f.rule)!.levels.accept, text: f.text.replace('{path}', path ? '`' + path + '`' : 'the payload'), path, data: {}, writer: f.base, reader: f.revision };
    });
  }

  /** What the writer may send that the reader rejects. */
  incompatible(writer: SchemaNode, reader: SchemaNode): CompatFinding[] {
    return this.compare(writer, reader).filter((f) => f.level === 'breaking');
  }
}
