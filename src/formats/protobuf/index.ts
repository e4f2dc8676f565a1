// Protobuf payloads (`schemaFormat: application/vnd.google.protobuf;version=2|3`): the payload is .proto
// source, inline or in a `$ref`d .proto file. protobufjs reads it (loaded on first use, see parse.ts).
import { createRequire } from 'node:module';
import type { Workspace } from '../../load/workspace.js';
import type { Range } from '../../model/diagnostic.js';
import type { SchemaNode } from '../../model/types.js';
import type { PayloadFormat } from '../index.js';
import { compareProto } from './diff.js';
import { parseProto, type ProtoProblem } from './parse.js';

const PROTOBUF = /^application\/vnd\.google\.protobuf(;|$)/i;

export const protobufFormat: PayloadFormat = {
  id: 'protobuf',
  handles: (schemaFormat) => PROTOBUF.test(schemaFormat.trim()),
  validate(node, ctx) {
    if (typeof node.value !== 'string') return [{ message: 'a Protobuf payload must be .proto source: a string, or a `$ref` to a .proto file', at: node.source }];
    const r = parseProto(node.value);
    if ('schema' in r) return [];
    return [{ message: r.problem.message, at: node.source, range: rangeIn(ctx.workspace, node, r.problem) }];
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
  diff(base, rev, dir, report) {
    if (typeof base.value !== 'string' || typeof rev.value !== 'string') return;
    const b = parseProto(base.value);
    const r = parseProto(rev.value);
    // A side that does not parse is reported by validate; there is nothing to compare.
    if ('schema' in b && 'schema' in r) compareProto(b.schema, r.schema, dir, report);
  },
};

/**
 * Where a position in the .proto source stands in its file: the same line and column in a .proto file;
 * shifted by the block's first line and indentation in a YAML `|` block; else the whole string.
 */
function rangeIn(ws: Workspace, node: SchemaNode, p: ProtoProblem): Range | undefined {
  const file = ws.files.get(node.source.file);
  if (!file) return undefined;
  const end = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + p.length } });
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
