import type { Range } from '../model/diagnostic.js';
import { BlockYaml } from './locate-block-yaml.js';
import { hasLoneCarriageReturn, LineTable } from './lines.js';
import { parsePointer } from './pointer.js';
import type { SourceSyntax } from './parse.js';
import { stringEnd } from './json-string.js';

/**
 * Finds source ranges for JSON pointers, lazily and in batches: positions are needed only for nodes that
 * get a finding, so documents are parsed without them (see parse.ts) and a file is scanned here only
 * when something in it is reported. One pass serves every pointer asked for.
 *
 * A member's range starts at its key (that is the line a reader looks for); scalars end where the value
 * ends, containers where the key ends. A pointer that does not exist maps to its nearest existing parent.
 */
export class Locator {
  private lineStarts?: ArrayLike<number>;
  private cache = new Map<string, Range>();
  private absent = new Set<string>();
  private block?: BlockYaml;
  /** Lines cut at `\r` too: the block locator does not read those (see lines.ts). */
  private loneCr?: boolean;

  constructor(
    readonly text: string,
    readonly syntax: SourceSyntax,
    /** Off only to check the fast block-YAML path against the full parse (tests). */
    private readonly fastYaml = true,
    /** The text's line table when the parser already built one. */
    private lines?: LineTable,
  ) {}

  locate(pointer: string): Range {
    return this.locateAll([pointer])[0];
  }

  locateAll(pointers: readonly string[]): Range[] {
    const missing = [...new Set(pointers.filter((p) => !this.cache.has(p)))];
    if (missing.length) {
      const spans = new Map<string, [number, number]>();
      let slow = missing;
      if (this.syntax === 'yaml' && this.fastYaml && !(this.loneCr ??= hasLoneCarriageReturn(this.text))) {
        // Block-style YAML is located by indentation; a full parse only for what that cannot settle.
        const block = (this.block ??= new BlockYaml((this.lines ??= new LineTable(this.text))));
        slow = [];
        for (const p of missing) {
          const r = block.locate(parsePointer(p));
          if (r === 'unknown') slow.push(p);
          else if (r !== 'absent') spans.set(p, r.span);
          else this.absent.add(p);
        }
        // Parents of absent pointers are looked up like any other pointer.
        for (const p of missing) if (this.absent.has(p)) for (let q = parentOf(p); q !== undefined && !spans.has(q); q = parentOf(q)) {
          const r = block.locate(parsePointer(q));
          if (r === 'unknown') {
            slow.push(q);
            break;
          }
          if (r !== 'absent') {
            spans.set(q, r.span);
            break;
          }
        }
      }
      if (slow.length) {
        const trie = buildTrie(slow);
        try {
          if (this.syntax === 'json') scanJson(this.text, trie, spans);
          else scanYaml(this.text, trie, spans);
        } catch {
          // A scanner that trips on an exotic construct still leaves what it found; parents fill the rest.
        }
      }
      for (const p of missing) {
        let q = p;
        let span = spans.get(q);
        while (!span && q !== '') {
          q = q.slice(0, q.lastIndexOf('/'));
          span = spans.get(q);
        }
        this.cache.set(p, this.toRange(span ?? [0, 0]));
      }
    }
    return pointers.map((p) => this.cache.get(p)!);
  }

  private toRange([from, to]: [number, number]): Range {
    const end = Math.min(this.text.length, Math.max(from, to));
    return { start: this.position(Math.min(from, end)), end: this.position(end) };
  }

  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= this.lines?.starts ?? computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

function parentOf(p: string): string | undefined {
  return p === '' ? undefined : p.slice(0, p.lastIndexOf('/'));
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = -1;
  while ((i = text.indexOf('\n', i + 1)) !== -1) starts.push(i + 1);
  return starts;
}

interface Trie {
  pointer?: string;
  children: Map<string, Trie>;
}

function buildTrie(pointers: readonly string[]): Trie {
  const root: Trie = { children: new Map() };
  for (const p of pointers) {
    let node = root;
    let acc = '';
    // Every prefix is recorded, so that a missing leaf can fall back to its parent.
    node.pointer = '';
    for (const token of parsePointer(p)) {
      acc += '/' + token.replace(/~/g, '~0').replace(/\//g, '~1');
      let next = node.children.get(token);
      if (!next) node.children.set(token, (next = { children: new Map() }));
      next.pointer = acc;
      node = next;
    }
  }
  return root;
}

// ---------- JSON: a hand-written scanner that descends only into requested subtrees and skips the rest.
// (A full positional parse of GitHub's 13 MB description takes seconds; skipping is a tight char loop.)

function scanJson(text: string, trie: Trie, spans: Map<string, [number, number]>): void {
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else break;
    }
  };
  const skipString = () => {
    i = stringEnd(text, i);
  };
  const readString = (): string => {
    const s = i;
    skipString();
    return JSON.parse(text.slice(s, i)) as string;
  };
  const skipValue = () => {
    const c = text.charCodeAt(i);
    if (c === 34) return skipString();
    if (c === 123 || c === 91) {
      let depth = 0;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 34) {
          skipString();
          continue;
        }
        if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) return;
      i++;
    }
  };
  const value = (node: Trie, keyStart: number, keyEnd: number) => {
    ws();
    const c = text.charCodeAt(i);
    const container = c === 123 || c === 91;
    if (c === 123 && node.children.size) {
      i++;
      for (;;) {
        ws();
        if (text.charCodeAt(i) === 125 || i >= text.length) {
          i++;
          break;
        }
        const ks = i;
        const key = readString();
        const ke = i;
        ws();
        i++; // colon
        ws();
        const child = node.children.get(key);
        if (child) value(child, ks, ke);
        else skipValue();
        ws();
        if (text.charCodeAt(i) === 44) i++;
      }
    } else if (c === 91 && node.children.size) {
      i++;
      let index = 0;
      for (;;) {
        ws();
        if (text.charCodeAt(i) === 93 || i >= text.length) {
          i++;
          break;
        }
        const child = node.children.get(String(index));
        if (child) value(child, i, i + 1);
        else skipValue();
        ws();
        if (text.charCodeAt(i) === 44) i++;
        index++;
      }
    } else skipValue();
    if (node.pointer !== undefined) spans.set(node.pointer, [keyStart, container ? keyEnd : i]);
  };
  ws();
  value(trie, i, i + 1);
}

// ---------- YAML: js-yaml's listener reports every node as it opens and closes, with offsets. A second
// parse (only for files with findings) follows the requested paths; its cost is one more load.

interface YamlFrame {
  start: number;
  kind?: 'map' | 'seq';
  role: 'root' | 'key' | 'value' | 'item';
  node: Trie | undefined;
  children: number;
  key?: string;
  keyStart?: number;
  keyEnd?: number;
}

function scanYaml(text: string, trie: Trie, spans: Map<string, [number, number]>): void {
  const { load, CORE_SCHEMA } = yamlLib!;
  const stack: YamlFrame[] = [];
  const options: import('js-yaml').LoadOptions & { maxDepth: number } = {
    schema: CORE_SCHEMA,
    json: true,
    maxDepth: 1024,
    listener(event: 'open' | 'close', state: { position: number; kind: string; result: unknown }) {
      if (event === 'open') {
        const parent = stack[stack.length - 1];
        const start = skipSpace(text, state.position);
        if (!parent) {
          stack.push({ start, role: 'root', node: trie, children: 0 });
          return;
        }
        parent.kind ??= containerKind(text, parent.start);
        let role: YamlFrame['role'];
        let node: Trie | undefined;
        if (parent.kind === 'map') {
          role = parent.children % 2 === 0 ? 'key' : 'value';
          node = role === 'value' && parent.key !== undefined ? parent.node?.children.get(parent.key) : undefined;
        } else {
          role = 'item';
          node = parent.node?.children.get(String(parent.children));
        }
        stack.push({ start, role, node, children: 0 });
        return;
      }
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1];
      const end = trimEnd(text, frame.start, state.position);
      const container = state.kind === 'mapping' || state.kind === 'sequence';
      if (frame.role === 'key' && parent) {
        parent.key = state.result === null || typeof state.result !== 'object' ? String(state.result) : '\u0000complex';
        parent.keyStart = frame.start;
        parent.keyEnd = end;
      } else if (frame.node?.pointer !== undefined) {
        if (frame.role === 'value' && parent) spans.set(frame.node.pointer, [parent.keyStart!, container ? parent.keyEnd! : end]);
        else spans.set(frame.node.pointer, [frame.start, container || frame.role === 'root' ? frame.start + 1 : end]);
      }
      if (parent) parent.children++;
    },
  };
  load(text, options);
}

/** Skip spaces, line breaks and comments: the listener opens a node where the parser stood, before them. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return text.length;
      i = nl + 1;
    } else return i;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const c = text.charCodeAt(end - 1);
    if (c === 32 || c === 9 || c === 10 || c === 13) end--;
    else break;
  }
  return end;
}

/** A collection's kind from its first character (after anchors and tags): `-`/`[` a sequence, else a mapping. */
function containerKind(text: string, start: number): 'map' | 'seq' {
  let i = start;
  for (let guard = 0; guard < 4; guard++) {
    const c = text.charCodeAt(i);
    if (c === 38 /* & */ || c === 33 /* ! */) {
      while (i < text.length && !/\s/.test(text[i])) i++;
      i = skipSpace(text, i);
      continue;
    }
    break;
  }
  const c = text.charCodeAt(i);
  if (c === 91 /* [ */) return 'seq';
  if (c === 45 /* - */) {
    const n = text.charCodeAt(i + 1);
    if (n === 32 || n === 10 || n === 13 || n === 9 || Number.isNaN(n)) return 'seq';
  }
  return 'map';
}

let yamlLib: typeof import('js-yaml') | undefined;
/** Must be awaited once before a YAML file is located (keeps js-yaml off the start-up path of --help). */
export async function prepareLocator(): Promise<void> {
  yamlLib ??= await import('js-yaml');
}
