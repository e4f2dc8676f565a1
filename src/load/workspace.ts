import path from 'node:path';
import { InputError } from './errors.js';
import { importsOf } from '../formats/protobuf/scan.js';
import { Locator } from './locate.js';
import type { LineTable } from './lines.js';
import { parseText, type SourceSyntax } from './parse.js';
import { appendPointer, fragmentToPointer, isPointer, parsePointer, pathEntryPointer, type PathEntry } from './pointer.js';
import { readText, STDIN } from './read.js';
import { RemoteFetcher } from './remote.js';
import { projectScope, ReadScope } from './scope.js';

/** Where a node really stands: the file it is written in and its JSON pointer there. */
export interface NodeLocation {
  file: string;
  pointer: string;
}

export interface LoadedFile {
  /** Display name: a path relative to the working directory, an absolute path, a URL, or `-`. */
  file: string;
  text: string;
  value: unknown;
  syntax: SourceSyntax;
  lines?: LineTable;
}

export type RefProblemKind = 'unresolved-ref' | 'cyclic-ref' | 'remote-ref-disabled' | 'ref-outside-project' | 'invalid-ref-pointer';

export interface RefProblem {
  kind: RefProblemKind;
  /** The `$ref` node that cannot be followed. */
  at: NodeLocation;
  ref: string;
  message: string;
}

export interface WorkspaceOptions {
  allowRemoteRefs?: boolean;
  /**
   * Folders whose files `$ref`s may read (the run's project roots and `--allow-ref-outside` folders,
   * from `projectScope`); without it, the project root of the first root document.
   */
  refRoots?: readonly string[];
  cwd?: string;
  /** For tests and stdin: text of files that are not on disk. */
  overrides?: Map<string, string>;
  /** Reads a local file instead of the disk (files of a git revision); remote URLs are still fetched. */
  read?: (file: string) => Promise<string>;
  /** Time allowed for all remote fetches together (default 30 s). */
  remoteTimeoutMs?: number;
  /** Largest remote body accepted (default: the local file limit); tests set a small one. */
  remoteMaxBytes?: number;
}

/** What a run's `$ref`s may follow: passed from the command line down to every workspace. */
export type RefOptions = Pick<WorkspaceOptions, 'allowRemoteRefs' | 'refRoots'>;

const MAX_REF_CHAIN = 64;
const REMOTE = /^https?:\/\//i;
/** protobufjs carries Google's well-known types itself. */
const BUNDLED_PROTO = /^google\/protobuf\/[\w/]+\.proto$/;
const PROTOBUF_FORMAT = /vnd\.google\.protobuf/i;

/**
 * The .proto sources of a loaded file: the file itself when it is a .proto file, else the inline
 * sources of its Protobuf payloads (a string `schema` or 2.x `payload` beside a Protobuf `schemaFormat`).
 * Only files that mention the format are walked.
 */
function protoSources(f: LoadedFile): string[] {
  if (/\.proto$/i.test(f.file)) return typeof f.value === 'string' ? [f.value] : [];
  if (!PROTOBUF_FORMAT.test(f.text)) return [];
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.schemaFormat === 'string' && PROTOBUF_FORMAT.test(o.schemaFormat))
      for (const k of ['schema', 'payload']) if (typeof o[k] === 'string') out.push(o[k] as string);
    for (const x of Object.values(o)) walk(x);
  };
  walk(f.value);
  return out;
}

/**
 * The files of one document set and the `$ref`s between them.
 *
 * Why not @apidevtools/json-schema-ref-parser: it dereferences in place, so a node no longer knows the
 * file and pointer it came from, and every finding must point where a node really stands. Here files are
 * kept as parsed, and `$ref`s are followed on demand with their target location.
 */
export class Workspace {
  readonly files = new Map<string, LoadedFile>();
  readonly refProblems: RefProblem[] = [];
  /** Every `$ref` in every loaded file, found once while loading (lint's unused-component rule reads it). */
  readonly references: { at: NodeLocation; ref: string }[] = [];
  /** Discriminator `mapping` values that are references (`#/components/schemas/Cat`): uses, not `$ref`s. */
  readonly mappingReferences: { file: string; ref: string }[] = [];
  private locators = new Map<string, Locator>();
  private failed = new Map<string, string>();
  /** Files `$ref`s named outside the scope, never opened: their real path, for the message. */
  private refused = new Map<string, string>();
  private scope?: ReadScope;
  private resolved = new Map<string, Map<string, ResolveResult>>();
  private readonly cwd: string;
  private remote?: RemoteFetcher;

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.cwd = options.cwd ?? process.cwd();
  }

  /** Load a root file and, transitively, every file its `$ref`s reach. Input errors of the root throw. */
  async loadRoot(file: string): Promise<LoadedFile> {
    this.scopeFor(file);
    const root = await this.loadFile(file);
    await this.preload(root);
    return root;
  }

  /** Load a document from text (stdin, git revisions). */
  async loadRootText(file: string, text: string): Promise<LoadedFile> {
    return this.loadRootParsed({ file, text, ...parseText(text, file) });
  }

  /** Load a root already parsed (and shape-checked) elsewhere: diff parses both roots together. */
  async loadRootParsed(loaded: LoadedFile): Promise<LoadedFile> {
    this.scopeFor(loaded.file);
    this.files.set(loaded.file, loaded);
    await this.preload(loaded);
    return loaded;
  }

  private scopeFor(root: string): ReadScope {
    this.scope ??= this.options.refRoots
      ? new ReadScope(this.options.refRoots)
      : projectScope([REMOTE.test(root) ? STDIN : root], [], this.cwd);
    return this.scope;
  }

  private async loadFile(file: string): Promise<LoadedFile> {
    const known = this.files.get(file);
    if (known) return known;
    let text: string;
    const override = this.options.overrides?.get(file);
    if (override !== undefined) text = override;
    else if (REMOTE.test(file)) text = await this.fetchRemote(file);
    else if (this.options.read) text = await this.options.read(file);
    else text = await readText(file);
    // A .proto file (a Protobuf payload's `$ref`) is one string: its source, read by the payload's format.
    const parsed = /\.proto$/i.test(file) ? { value: text, syntax: 'yaml' as const } : parseText(text, file);
    const loaded: LoadedFile = { file, text, ...parsed };
    this.files.set(file, loaded);
    return loaded;
  }

  /**
   * Follow every `$ref` string, breadth first, loading the files they name. The remote files of one
   * level are fetched in parallel, then every file is loaded in the order its first `$ref` was met, so
   * files and problems come out in the same order however the servers answer.
   */
  private async preload(root: LoadedFile): Promise<void> {
    let level: LoadedFile[] = [root];
    const scanned = new Set<string>();
    const pending: { at: NodeLocation; ref: string }[] = [];
    while (level.length) {
      const next = new Set<string>();
      for (const f of level) {
        if (scanned.has(f.file)) continue;
        scanned.add(f.file);
        const follow = (target: string) => {
          const targetFile = this.fileFor(target, f.file);
          if (REMOTE.test(targetFile) && !this.options.allowRemoteRefs) return;
          if (!REMOTE.test(targetFile) && !this.files.has(targetFile) && !this.refused.has(targetFile)) {
            const outside = this.scopeFor(root.file).outside(path.resolve(this.cwd, targetFile));
            if (outside !== undefined) this.refused.set(targetFile, outside);
          }
          if (!scanned.has(targetFile) && !this.failed.has(targetFile) && !this.refused.has(targetFile)) next.add(targetFile);
        };
        for (const r of collectRefs(f.value, f.file, this.mappingReferences)) {
          this.references.push(r);
          pending.push(r);
          const [target] = splitRef(r.ref);
          if (target !== '') follow(target);
        }
        // A .proto file's imports are read like `$ref`s, relative to the importing file, so that
        // validate, diff and generate find them loaded (synchronously) under the same read rules.
        for (const src of protoSources(f)) for (const imp of importsOf(src)) if (!BUNDLED_PROTO.test(imp.path)) follow(imp.path);
      }
      for (const file of next) if (this.startsFetch(file)) void this.fetchRemote(file);
      level = [];
      for (const file of next) {
        try {
          level.push(await this.loadFile(file));
        } catch (e) {
          this.failed.set(file, e instanceof InputError ? e.toLine() : String(e));
        }
      }
    }
    const seenProblem = new Set<string>();
    for (const p of pending) {
      const problem = this.checkRef(p.at, p.ref);
      if (problem) {
        const key = `${problem.at.file}#${problem.at.pointer}`;
        if (!seenProblem.has(key)) (seenProblem.add(key), this.refProblems.push(problem));
      }
    }
  }

  private startsFetch(file: string): boolean {
    return REMOTE.test(file) && !this.files.has(file) && this.options.overrides?.get(file) === undefined;
  }

  private fetchRemote(url: string): Promise<string> {
    this.remote ??= new RemoteFetcher({ maxBytes: this.options.remoteMaxBytes, timeoutMs: this.options.remoteTimeoutMs });
    return this.remote.fetch(url);
  }

  private checkRef(at: NodeLocation, ref: string): RefProblem | undefined {
    const [target, fragment] = splitRef(ref);
    const pointer = fragmentToPointer(fragment);
    if (!isPointer(pointer))
      return { kind: 'invalid-ref-pointer', at, ref, message: notPointer(ref, target, fragment) };
    if (target !== '') {
      const targetFile = this.fileFor(target, at.file);
      if (REMOTE.test(targetFile) && !this.options.allowRemoteRefs)
        return { kind: 'remote-ref-disabled', at, ref, message: `remote $ref \`${ref}\` not followed; remote references are off by default (use --allow-remote-refs)` };
      const outside = this.refused.get(targetFile);
      if (outside !== undefined) {
        const scope = this.scopeFor(at.file);
        const where = path.relative(this.cwd, outside);
        return {
          kind: 'ref-outside-project',
          at,
          ref,
          message: `$ref \`${ref}\` reaches ${where.startsWith('..') || path.isAbsolute(where) ? outside : where}, outside the project (${scope.describe(this.cwd)}); not read (allow a folder with --allow-ref-outside DIR)`,
        };
      }
      const why = this.failed.get(targetFile);
      if (why) return { kind: 'unresolved-ref', at, ref, message: `$ref \`${ref}\` cannot be resolved: ${why}` };
    }
    const r = this.resolveRef(ref, at.file);
    if (r.ok) return undefined;
    return { kind: r.cyclic ? 'cyclic-ref' : 'unresolved-ref', at, ref, message: r.message };
  }

  /** Display name of the file a `$ref` target path names, relative to the referring file. */
  fileFor(target: string, fromFile: string): string {
    if (REMOTE.test(target)) return target;
    if (REMOTE.test(fromFile)) return new URL(target, fromFile).href;
    const base = fromFile === STDIN ? this.cwd : path.dirname(path.resolve(this.cwd, fromFile));
    let decoded = target;
    try {
      decoded = decodeURI(target);
    } catch {
      /* keep as written */
    }
    if (decoded.startsWith('file://')) decoded = new URL(decoded).pathname;
    const abs = path.resolve(base, decoded);
    const rel = path.relative(this.cwd, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
  }

  /**
   * Resolve a `$ref` string written in `fromFile` to its target location and value, following chains.
   * Memoised: files do not change once loaded, and lint, diff and generate resolve the same refs often.
   */
  resolveRef(ref: string, fromFile: string): ResolveResult {
    // By file, then by ref: both strings come from the parsed documents and keep their hash, where a
    // joined key was a new string to build and hash on each of the many calls of a diff.
    let byRef = this.resolved.get(fromFile);
    if (!byRef) this.resolved.set(fromFile, (byRef = new Map()));
    let r = byRef.get(ref);
    if (!r) {
      // While this ref is being resolved, meeting it again means a cycle through intermediate pointers.
      byRef.set(ref, { ok: false, cyclic: true, message: `$ref \`${ref}\` is a cycle of references with no schema at its end` });
      byRef.set(ref, (r = this.resolveRefUncached(ref, fromFile)));
    }
    return r;
  }

  private resolveRefUncached(ref: string, fromFile: string): ResolveResult {
    const seen = new Set<string>();
    let cur = ref;
    let curFile = fromFile;
    for (let hop = 0; hop < MAX_REF_CHAIN; hop++) {
      const [target, fragment] = splitRef(cur);
      const file = target === '' ? curFile : this.fileFor(target, curFile);
      const key = `${file}#${fragment}`;
      if (seen.has(key)) return { ok: false, cyclic: true, message: `$ref \`${ref}\` is a cycle of references with no schema at its end` };
      seen.add(key);
      const loaded = this.files.get(file);
      if (!loaded) return { ok: false, message: `$ref \`${ref}\` cannot be resolved: file \`${file}\` not loaded` };
      const pointer = fragmentToPointer(fragment);
      if (!isPointer(pointer)) return { ok: false, message: notPointer(cur, target, fragment) };
      const found = this.walk(loaded, pointer, seen);
      if (!found.ok) return { ok: false, cyclic: found.cyclic, message: `$ref \`${ref}\` cannot be resolved: ${found.message}` };
      const v = found.value;
      if (isRefObject(v)) {
        cur = v.$ref;
        curFile = found.location.file;
        continue;
      }
      return found;
    }
    return { ok: false, cyclic: true, message: `$ref \`${ref}\` chain is longer than ${MAX_REF_CHAIN} hops` };
  }

  /** Walk a pointer inside a file, following `$ref`s met on the way (as AsyncAPI and OpenAPI tools do). */
  private walk(file: LoadedFile, pointer: string, seen: Set<string>): ResolveResult {
    let value: unknown = file.value;
    let loc: NodeLocation = { file: file.file, pointer: '' };
    const tokens = parsePointer(pointer);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (isRefObject(value) && !Object.prototype.hasOwnProperty.call(value, t)) {
        const key = `${loc.file}#${loc.pointer}`;
        if (seen.has(key)) return { ok: false, cyclic: true, message: 'cyclic' };
        seen.add(key);
        const r = this.resolveRef(value.$ref, loc.file);
        if (!r.ok) return r;
        value = r.value;
        loc = r.location;
      }
      if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, t)) {
        const where = loc.pointer === '' ? 'the document root' : `\`${loc.pointer}\``;
        return { ok: false, message: `no \`${t}\` in ${where} of ${file.file === loc.file ? file.file : loc.file}` };
      }
      value = (value as Record<string, unknown>)[t];
      loc = { file: loc.file, pointer: appendPointer(loc.pointer, t) };
    }
    return { ok: true, value, location: loc };
  }

  /** Value at a location, without following a `$ref` at the end. */
  get(loc: NodeLocation): unknown {
    const f = this.files.get(loc.file);
    if (!f) return undefined;
    const r = this.walk(f, loc.pointer, new Set());
    return r.ok ? r.value : undefined;
  }

  /**
   * If `value` (standing at `loc`) is a `$ref` object, follow it; otherwise return it as is. Unresolvable
   * refs give `undefined` (they are reported once, by the ref check, not by every reader).
   */
  deref<T = unknown>(value: unknown, loc: NodeLocation): { value: T; location: NodeLocation } | undefined {
    if (!isRefObject(value)) return { value: value as T, location: loc };
    const r = this.resolveRef(value.$ref, loc.file);
    return r.ok ? { value: r.value as T, location: r.location } : undefined;
  }

  /**
   * A file a .proto source in `fromFile` imports (`import "common/money.proto";`), read while loading:
   * its name and text, or why it was not read.
   */
  protoImport(imp: string, fromFile: string): { file: string; text: string } | { reason: string } {
    const file = this.fileFor(imp, fromFile);
    const loaded = this.files.get(file);
    if (loaded) return { file, text: loaded.text };
    if (REMOTE.test(file) && !this.options.allowRemoteRefs) return { reason: `remote imports are not followed; remote references are off by default (use --allow-remote-refs)` };
    const outside = this.refused.get(file);
    if (outside !== undefined) {
      const where = path.relative(this.cwd, outside);
      return { reason: `it reaches ${where.startsWith('..') || path.isAbsolute(where) ? outside : where}, outside the project (${this.scopeFor(fromFile).describe(this.cwd)}); not read (allow a folder with --allow-ref-outside DIR)` };
    }
    return { reason: this.failed.get(file) ?? `\`${file}\` was not read` };
  }

  /**
   * Drop what is rebuilt on demand (locators, line tables, resolved `$ref`s), keeping the files:
   * a run that holds many documents at once (the system rules) keeps only what it must.
   */
  release(): void {
    this.locators.clear();
    this.resolved.clear();
    for (const f of this.files.values()) delete f.lines;
  }

  locator(file: string): Locator | undefined {
    let l = this.locators.get(file);
    if (!l) {
      const f = this.files.get(file);
      if (!f) return undefined;
      l = new Locator(f.text, f.syntax, true, f.lines);
      this.locators.set(file, l);
    }
    return l;
  }
}

export type ResolveResult =
  | { ok: true; value: unknown; location: NodeLocation }
  | { ok: false; message: string; cyclic?: boolean };

function notPointer(ref: string, target: string, fragment: string): string {
  return `$ref \`${ref}\`: the part after \`#\` is not a JSON pointer; it must start with \`/\` (\`${target}#/${fragment}\`)`;
}

export function isRefObject(v: unknown): v is { $ref: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $ref?: unknown }).$ref === 'string';
}

export function splitRef(ref: string): [string, string] {
  const i = ref.indexOf('#');
  return i === -1 ? [ref, ''] : [ref.slice(0, i), ref.slice(i + 1)];
}

/**
 * Every `$ref` string in a value, with the location of the object holding it. Iterative (deep docs);
 * pointers are built only for the objects that hold a `$ref` (PathEntry).
 */
function collectRefs(root: unknown, file: string, mappings: { file: string; ref: string }[]): { at: NodeLocation; ref: string }[] {
  const out: { at: NodeLocation; ref: string }[] = [];
  const stack: PathEntry[] = [{ value: root }];
  while (stack.length) {
    const e = stack.pop()!;
    const v = e.value;
    // A root that is null (a comment-only or `~` file) holds no refs; detectSpec reports it.
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const c = v[i];
        if (c !== null && typeof c === 'object') stack.push({ value: c, parent: e, key: i });
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.$ref === 'string') out.push({ at: { file, pointer: pathEntryPointer(e) }, ref: o.$ref });
    for (const k in o) {
      if (k === '$ref') continue;
      const c = o[k];
      if (c !== null && typeof c === 'object') {
        if (k === 'mapping' && !Array.isArray(c))
          for (const m of Object.values(c as Record<string, unknown>)) if (typeof m === 'string' && m.includes('#')) mappings.push({ file, ref: m });
        stack.push({ value: c, parent: e, key: k });
      }
    }
  }
  return out;
}
