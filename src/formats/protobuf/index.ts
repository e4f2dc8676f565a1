// Protobuf payloads (`schemaFormat: application/vnd.google.protobuf;version=2|3`): the payload is .proto
// source, inline or in a `$ref`d .proto file. protobufjs reads it (loaded on first use, see parse.ts).
import { createRequire } from 'node:module';
import type { Workspace } from '../../load/workspace.js';
import type { Range } from '../../model/diagnostic.js';
import type { SchemaNode } from '../../model/types.js';
import type { FormatFinding, PayloadFormat } from '../index.js';
import { resolvePayload } from '../resolve.js';
import { compareProto } from './diff.js';
import { checkProtoExample, protoFieldAt } from './fields.js';
import { parseProto, type ProtoProblem, type ProtoSchema } from './parse.js';

// One .proto source is read by validate and, in a diff, once per direction and per message that uses
// it: parse each source once per workspace (its imports are that workspace's files). Bounded, since a
// long-lived caller may see many documents in one workspace.
const parsed = new WeakMap<Workspace, Map<string, ReturnType<typeof parseProto>>>();
function parseOnce(ws: Workspace, node: SchemaNode & { value: string }): ReturnType<typeof parseProto> {
  let byKey = parsed.get(ws);
  if (!byKey) parsed.set(ws, (byKey = new Map()));
  const key = `${node.source.file}\0${node.value}`;
  let r = byKey.get(key);
  if (!r) {
    if (byKey.size >= 64) byKey.clear();
    byKey.set(key, (r = parseProto(node.value, { file: node.source.file, read: (imp, from) => ws.protoImport(imp, from) })));
  }
  return r;
}

const isSource = (node: SchemaNode): node is SchemaNode & { value: string } => typeof node.value === 'string';

export const PROTOBUF_FORMAT = /^application\/vnd\.google\.protobuf(;|$)/;

export const protobuf: PayloadFormat = {
  id: 'protobuf',
  // What validate checks is whether the source parses (imports included), once per workspace: the same answer.
  unreadable: (written, ws) => protobuf.validate(written, ws),
  async validate(written, ws) {
    const node = resolvePayload(ws, written);
    if (!isSource(node)) return [{ message: 'a Protobuf payload must be .proto source: a string, or a `$ref` to a .proto file', at: node.source }];
    const r = parseOnce(ws, node);
    if ('schema' in r) return [];
    // In an imported .proto file: its own line and column.
    if (r.problem.file) return [{ message: r.problem.message, at: { file: r.problem.file, pointer: '' }, range: spanOf(r.problem) }];
    const range = rangeIn(ws, node, r.problem);
    return [{ message: r.problem.message, at: node.source, ...(range ? { range } : {}) }];
  },
  toJsonSchema(node) {
    if (typeof node.value !== 'string') return undefined;
    // The AsyncAPI parser's own conversion, so generated types match what AsyncAPI tools read.
    const m = (typeof require === 'function' ? require('@asyncapi/protobuf-schema-parser') : createRequire(import.meta.url)('@asyncapi/protobuf-schema-parser')) as {
      default: () => { parse(input: { data: string }): unknown };
    };
    try {
      return m.default().parse({ data: node.value });
    } catch {
      return undefined;
    }
  },
  // A source that does not parse has no verdict here: validate reports it.
  checkExample(written, ws, value) {
    const r = parsedPayload(ws, written);
    return r ? checkProtoExample(r, value) : [];
  },
  fieldAt(written, ws, pointer) {
    const r = parsedPayload(ws, written);
    return r ? protoFieldAt(r, pointer) : null;
  },
  diff(base, rev, dir) {
    const b = resolvePayload(base.ws, base.node);
    const r = resolvePayload(rev.ws, rev.node);
    if (!isSource(b) || !isSource(r)) return [];
    const bp = parseOnce(base.ws, b);
    const rp = parseOnce(rev.ws, r);
    // A side that does not parse is reported by validate; there is nothing to compare.
    if (!('schema' in bp) || !('schema' in rp)) return [];
    const out: FormatFinding[] = [];
    // Findings stand at the payload's `schema` in the spec: .proto positions do not reach the diff report.
    compareProto(bp.schema, rp.schema, dir, (f) => out.push({ rule: f.rule, path: [], text: f.message, base: base.node.source, revision: rev.node.source, data: f.key }));
    return out;
  },
};

/** A Protobuf payload read with its imports (generate embeds every source), or why it cannot be. */
export function readProtoPayload(ws: Workspace, written: SchemaNode): { schema: ProtoSchema } | { problem: string } {
  const node = resolvePayload(ws, written);
  if (!isSource(node)) return { problem: 'a Protobuf payload is .proto source text' };
  const r = parseOnce(ws, node);
  return 'schema' in r ? r : { problem: r.problem.file ? `${r.problem.file}:${r.problem.line}:${r.problem.column}: ${r.problem.message}` : r.problem.message };
}

function parsedPayload(ws: Workspace, written: SchemaNode) {
  const node = resolvePayload(ws, written);
  if (!isSource(node)) return undefined;
  const r = parseOnce(ws, node);
  return 'schema' in r ? r.schema : undefined;
}

const spanOf = (p: ProtoProblem): Range => ({ start: { line: p.line, column: p.column }, end: { line: p.line, column: p.column + p.length } });

/**
 * Where a position in the .proto source stands in its file: the same line and column in a .proto file;
 * shifted by the block's first line and indentation in a YAML `|` block; else the whole string.
 */
function rangeIn(ws: Workspace, node: SchemaNode, p: ProtoProblem): Range | undefined {
  const file = ws.files.get(node.source.file);
  if (!file) return undefined;
  const end = (line: number, column: number) => spanOf({ ...p, line, column });
  if (node.source.pointer === '' && file.text === node.value) return end(p.line, p.column);
  const at = ws.locator(node.source.file)?.locate(node.source.pointer);
  if (!at) return undefined;
  const lines = file.text.split(/\r?\n/);
  // The node's range starts at its key (`schema: |`) or at the block indicator itself.
  const header = lines[at.start.line - 1]?.slice(at.start.column - 1) ?? '';
  if (!/^(?:[^:#]*:[ \t]+)?\|[1-9]?[+-]?[ \t]*(#.*)?$/.test(header)) return at;
  const protoLines = String(node.value).split('\n');
  const first = lines.slice(at.start.line).find((l) => l.trim() !== '');
  const indent = first ? first.search(/\S/) : 0;
  const line = at.start.line + p.line;
  // Only where the file really holds that line of the source (no folding, no tabs in the indentation).
  if ((lines[line - 1] ?? '').slice(indent) !== (protoLines[p.line - 1] ?? '').replace(/\r$/, '')) return at;
  return end(line, indent + p.column);
}
