import { createRequire } from 'node:module';
import type * as Protobuf from 'protobufjs';
import { declarations, type Decl, type Token } from './scan.js';

let lib: typeof Protobuf | undefined;
/**
 * protobufjs, loaded on first use: only documents with Protobuf payloads need it, and callers (validate
 * checks, diff checks) are synchronous. In the CLI bundle esbuild turns `require` into its lazily
 * initialised copy of the module; from src/ or dist/ (ES modules) Node's require loads it.
 */
export function protobufjs(): typeof Protobuf {
  // `require('protobufjs')` literally, or esbuild would not see it.
  lib ??= (typeof require === 'function' ? require('protobufjs') : createRequire(import.meta.url)('protobufjs')) as typeof Protobuf;
  return lib;
}

/** A problem in a .proto source: 1-based line and column of the text it is about, and its length. */
export interface ProtoProblem {
  message: string;
  line: number;
  column: number;
  length: number;
  /** The imported .proto file it stands in (its workspace name), when not in the payload's own source. */
  file?: string;
}

export type Cardinality = 'implicit' | 'optional' | 'required' | 'repeated' | 'map';

export interface ProtoField {
  name: string;
  number: number;
  /** Scalar name (`int32`), or the full name of a message or enum (`shop.Line`); `map<K, V>` for maps. */
  type: string;
  kind: 'scalar' | 'message' | 'enum' | 'map';
  cardinality: Cardinality;
  /** A real oneof (not the synthetic one of a proto3 `optional`). */
  oneof?: string;
  jsonName: string;
}

export interface ProtoMessage {
  name: string;
  fields: ProtoField[];
  reservedNumbers: [number, number][];
  reservedNames: string[];
}

export interface ProtoEnum {
  name: string;
  values: { name: string; number: number }[];
  reservedNumbers: [number, number][];
  reservedNames: string[];
}

/** What the payload of a .proto source is: its root message and every message and enum it defines. */
export interface ProtoSchema {
  root: string;
  /** The texts read: the payload's source first, then each imported file's (Google's excepted). */
  sources: string[];
  messages: Map<string, ProtoMessage>;
  enums: Map<string, ProtoEnum>;
}

// Not a path anyone imports: what tells the payload's own messages from imported ones.
const FILE = '<payload>';
const BUNDLED = /^google\/protobuf\/[\w/]+\.proto$/;

/** How imports are found: the file the payload's source stands in, and the reader of an import from a file. */
export interface ProtoImports {
  file: string;
  read(imp: string, fromFile: string): { file: string; text: string } | { reason: string };
}

/**
 * Parse a .proto source as @asyncapi/protobuf-schema-parser does (same protobufjs options, proto3
 * `required` tolerated, the same choice of root message), so that the payload specgate checks is the one
 * AsyncAPI tools read. Imports other than Google's well-known types are read through `imports`, relative
 * to the importing file. Any problem comes back located: in the source, or in the imported file it names.
 */
export function parseProto(src: string, imports?: ProtoImports): { schema: ProtoSchema } | { problem: ProtoProblem } {
  const pb = protobufjs();
  const root = new pb.Root();
  // Every source read, for locating an error protobufjs reports only by type name.
  const sources: { src: string; file?: string }[] = [];
  // One source into the root, then what it imports (each file once, cycles included).
  const load = (text: string, name: string, from: string | undefined, file: string | undefined): ProtoProblem | undefined => {
    sources.push({ src: text, file });
    let parsed: ReturnType<typeof Protobuf.parse>;
    try {
      setFilename(pb, name);
      parsed = pb.parse(relaxProto3Required(text), root, { keepCase: true, alternateCommentMode: true });
    } catch (e) {
      return { ...explain(text, e instanceof Error ? e.message : String(e)), ...(file ? { file } : {}) };
    }
    const weak = new Set(parsed.weakImports ?? []);
    for (const imp of [...(parsed.imports ?? []), ...weak]) {
      const common = (pb.common as unknown as Record<string, unknown>)[imp];
      const here = (message: string) => ({ ...at(text, message, importToken(text, imp)), ...(file ? { file } : {}) });
      if (BUNDLED.test(imp) && common) {
        if (root.files.includes(imp)) continue;
        root.files.push(imp);
        setFilename(pb, imp);
        root.addJSON((common as { nested: Record<string, Protobuf.AnyNestedObject> }).nested);
        continue;
      }
      if (!imports || from === undefined) {
        if (!weak.has(imp)) return here(`import \`${imp}\` cannot be read: only Google's well-known types can be imported`);
        continue;
      }
      const r = imports.read(imp, from);
      if ('reason' in r) {
        if (!weak.has(imp)) return here(`import \`${imp}\` cannot be read: ${r.reason}`);
        continue;
      }
      if (root.files.includes(r.file)) continue;
      root.files.push(r.file);
      const problem = load(r.text, r.file, r.file, r.file);
      if (problem) return problem;
    }
    return undefined;
  };
  try {
    const problem = load(src, FILE, imports?.file, undefined);
    if (problem) return { problem };
    try {
      root.resolveAll();
    } catch (e) {
      const raw = e instanceof Error ? e.message : String(e);
      // The first source that declares what the error names; the payload's own when none does.
      const found = sources.map((x) => ({ ...x, p: explain(x.src, raw) })).find((x) => x.p.length > 0);
      return { problem: found ? { ...found.p, ...(found.file ? { file: found.file } : {}) } : explain(src, raw) };
    }
  } finally {
    setFilename(pb, null);
  }
  const types: Protobuf.Type[] = [];
  const enums: Protobuf.Enum[] = [];
  collect(pb, root, types, enums);
  const own = types.filter((t) => t.filename === FILE);
  const picked = pickRoot(own);
  if ('problem' in picked) return { problem: at(src, picked.problem, undefined) };
  const schema: ProtoSchema = { root: fullName(picked.root), sources: sources.map((x) => x.src), messages: new Map(), enums: new Map() };
  for (const t of types) schema.messages.set(fullName(t), describeType(pb, t));
  for (const e of enums) schema.enums.set(fullName(e), describeEnum(e));
  return { schema };
}

/** protobufjs names the objects it parses after `parse.filename`: how our own messages are told from imported ones. */
function setFilename(pb: typeof Protobuf, name: string | null): void {
  (pb.parse as unknown as { filename: string | null }).filename = name;
}

const fullName = (o: Protobuf.ReflectionObject) => o.fullName.replace(/^\./, '');

function collect(pb: typeof Protobuf, ns: Protobuf.NamespaceBase, types: Protobuf.Type[], enums: Protobuf.Enum[]): void {
  for (const o of ns.nestedArray) {
    if (o instanceof pb.Type) types.push(o);
    else if (o instanceof pb.Enum) enums.push(o);
    if (o instanceof pb.Namespace || o instanceof pb.Type) collect(pb, o as Protobuf.NamespaceBase, types, enums);
  }
}

/**
 * The message a payload is, as @asyncapi/protobuf-schema-parser picks it: among the messages of the
 * source, the ones no other message uses as a field type (by the type name as written); one of them, or
 * the one whose comment says `@RootNode`.
 */
function pickRoot(candidates: Protobuf.Type[]): { root: Protobuf.Type } | { problem: string } {
  const usedBy = new Map<string, Set<string>>();
  for (const c of candidates)
    for (const f of c.fieldsArray) {
      const s = usedBy.get(f.type) ?? new Set<string>();
      s.add(c.name);
      usedBy.set(f.type, s);
    }
  const roots = candidates.filter((c) => {
    const users = usedBy.get(c.name);
    return !users || (users.size === 1 && users.has(c.name));
  });
  if (roots.length === 1) return { root: roots[0] };
  if (roots.length === 0) return { problem: 'no root message: every message is used as a field type of another' };
  const marked = roots.find((r) => r.comment?.includes('@RootNode'));
  if (marked) return { root: marked };
  return { problem: `more than one root message (${roots.map((r) => `\`${r.name}\``).join(', ')}): mark the payload's with a \`// @RootNode\` comment` };
}

function ranges(reserved: (number[] | string)[] | undefined): { numbers: [number, number][]; names: string[] } {
  const numbers: [number, number][] = [];
  const names: string[] = [];
  for (const r of reserved ?? []) typeof r === 'string' ? names.push(r) : numbers.push([r[0], r[1]]);
  return { numbers, names };
}

function describeType(pb: typeof Protobuf, t: Protobuf.Type): ProtoMessage {
  const r = ranges(t.reserved);
  const fields = t.fieldsArray.map((f): ProtoField => {
    const resolved = f.resolvedType ? fullName(f.resolvedType) : undefined;
    const map = f instanceof pb.MapField;
    const type = map ? `map<${(f as Protobuf.MapField).keyType}, ${resolved ?? f.type}>` : (resolved ?? f.type);
    const kind = map ? 'map' : f.resolvedType instanceof pb.Enum ? 'enum' : f.resolvedType ? 'message' : 'scalar';
    const proto3Optional = (f.options as Record<string, unknown> | undefined)?.proto3_optional === true;
    const cardinality: Cardinality = map ? 'map' : f.repeated ? 'repeated' : f.required ? 'required' : proto3Optional || isProto2(t) ? 'optional' : 'implicit';
    const jsonName = String((f.options as Record<string, unknown> | undefined)?.json_name ?? f.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
    return { name: f.name, number: f.id, type, kind, cardinality, jsonName, ...(f.partOf && !proto3Optional ? { oneof: f.partOf.name } : {}) };
  });
  return { name: fullName(t), fields, reservedNumbers: r.numbers, reservedNames: r.names };
}

function describeEnum(e: Protobuf.Enum): ProtoEnum {
  const r = ranges(e.reserved);
  return { name: fullName(e), values: Object.entries(e.values).map(([name, number]) => ({ name, number })), reservedNumbers: r.numbers, reservedNames: r.names };
}

/** proto2 (or no `syntax`): fields without a label have explicit presence. */
function isProto2(t: Protobuf.ReflectionObject): boolean {
  for (let o: Protobuf.ReflectionObject | null = t; o; o = o.parent) {
    const edition = (o as unknown as { _edition?: string | null })._edition;
    if (edition) return edition === 'proto2';
  }
  return true;
}

/**
 * protobufjs 8 rejects the proto2 `required` label in a proto3 file, which the AsyncAPI parser accepts
 * (it drops the label first, as here): the same sources pass. Blanks keep every column in place.
 */
function relaxProto3Required(src: string): string {
  if (!/^[ \t]*syntax[ \t]*=[ \t]*["']proto3["']/m.test(src)) return src;
  return src.replace(/^([ \t]*)required([ \t]+)/gm, (_, a: string, b: string) => `${a}        ${b}`);
}

const SCOPES: Record<string, string> = { Type: 'message', Enum: 'enum' };

/** protobufjs' error message, reworded, at the declaration it is about. */
function explain(src: string, raw: string): ProtoProblem {
  const syntax = /^(.*) \((?:[^()]*, )?line (\d+)\)$/.exec(raw);
  if (syntax) {
    const line = Number(syntax[2]);
    const text = src.split(/\r?\n/)[line - 1] ?? '';
    const tok = /'([^']+)'/.exec(syntax[1])?.[1];
    const col = tok !== undefined && text.includes(tok) ? text.indexOf(tok) : text.search(/\S|$/);
    return { message: `syntax error: ${syntax[1].replace(/^illegal /, 'unexpected ')}`, line, column: col + 1, length: tok !== undefined && text.includes(tok) ? tok.length : 0 };
  }
  const decls = declarations(src);
  // protobufjs names a message by its full name in some errors and by its own name in others.
  const scoped = (scope: string) => {
    const n = scope.replace(/^\./, '');
    return decls.filter((d) => d.scope === n || d.scope.endsWith(`.${n}`));
  };
  let m: RegExpExecArray | null;
  if ((m = /^duplicate id (-?\d+) in (Type|Enum) (\S+)$/.exec(raw))) {
    const what = m[2] === 'Type' ? 'field' : 'value';
    const d = scoped(m[3]).filter((x) => num(x.number) === Number(m![1]))[1];
    return at(src, `${what} number ${m[1]} is used twice in ${SCOPES[m[2]]} \`${d?.scope ?? m[3]}\``, d?.number);
  }
  if ((m = /^id (-?\d+) is reserved in (Type|Enum) (\S+)$/.exec(raw))) {
    const d = scoped(m[3]).find((x) => num(x.number) === Number(m![1]));
    return at(src, `${m[2] === 'Type' ? 'field' : 'value'} number ${m[1]} is reserved in ${SCOPES[m[2]]} \`${d?.scope ?? m[3]}\``, d?.number);
  }
  if ((m = /^name '([^']+)' is reserved in (Type|Enum) (\S+)$/.exec(raw))) {
    const d = scoped(m[3]).find((x) => x.name.text === m![1]);
    return at(src, `name \`${m[1]}\` is reserved in ${SCOPES[m[2]]} \`${d?.scope ?? m[3]}\``, d?.name);
  }
  if ((m = /^duplicate name '([^']+)' in (Type|Enum|Namespace|Root) ?(\S*)$/.exec(raw))) {
    const same = scoped(m[3]).filter((d) => d.name.text === m![1]);
    const scope = same[0]?.scope ?? m[3];
    return at(src, `name \`${m[1]}\` is declared twice in ${SCOPES[m[2]] ?? 'package'}${scope ? ` \`${scope}\`` : ''}`, (same[1] ?? same[0])?.name);
  }
  if ((m = /^no such Type or Enum '([^']+)' in Type (\S+)$/.exec(raw))) {
    const d = scoped(m[2]).find((x) => x.type?.text === m![1] || x.type?.text === 'map');
    return at(src, `unknown type \`${m[1]}\` in message \`${d?.scope ?? m[2].replace(/^\./, '')}\``, d?.type);
  }
  return at(src, raw, undefined);
}

const num = (t: Token) => Number(t.text);

function at(src: string, message: string, tok: Token | undefined): ProtoProblem {
  if (!tok) return { message, line: 1, column: 1, length: 0 };
  let line = 1;
  let last = -1;
  for (let i = 0; i < tok.start; i++) if (src.charCodeAt(i) === 10) (line++, (last = i));
  return { message, line, column: tok.start - last, length: tok.text.length };
}

function importToken(src: string, imp: string): Token | undefined {
  const i = src.indexOf(`"${imp}"`) >= 0 ? src.indexOf(`"${imp}"`) : src.indexOf(`'${imp}'`);
  return i >= 0 ? { text: src.slice(i, i + imp.length + 2), start: i } : undefined;
}

export type { Decl };
