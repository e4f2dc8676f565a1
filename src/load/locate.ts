import type { Range } from '../model/diagnostic.js';
import { parsePointer } from './pointer.js';
import type { SourceSyntax } from './parse.js';

/**
 * Finds source ranges for JSON pointers, lazily and in batches: positions are needed only for nodes that
 * get a finding, so documents are parsed without them (see parse.ts) and a file is scanned here only
 * when something in it is reported. One pass serves every pointer asked for.
 *
 * A member's range starts at its key (that is the line a reader looks for); scalars end where the value
 * ends, containers where the key ends. A pointer that does not exist maps to its nearest existing parent.
 */
export class Locator {
  private lineStarts?: number[];
  private cache = new Map<string, Range>();

  constructor(
    readonly text: string,
    readonly syntax: SourceSyntax,
  ) {}

  locate(pointer: string): Range {
    return this.locateAll([pointer])[0];
  }

  locateAll(pointers: readonly string[]): Range[] {
    const missing = [...new Set(pointers.filter((p) => !this.cache.has(p)))];
    if (missing.length) {
      const trie = buildTrie(missing);
      const spans = new Map<string, [number, number]>();
      try {
        if (this.syntax === 'json') scanJson(this.text, trie, spans);
        else scanYaml(this.text, trie, spans);
      } catch {
        // A scanner that trips on an exotic construct still leaves what it found; parents fill the rest.
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
    return { start: this.position(from), end: this.position(Math.max(from, to)) };
  }

  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
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
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i++;
        return;
      } else i++;
    }
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
    const start = i;
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

// ---------- YAML: js-yaml's event parser gives node offsets; walk the events with a path stack.

function scanYaml(text: string, trie: Trie, spans: Map<string, [number, number]>): void {
  // Loaded lazily: only runs when a YAML file has findings.
  const { parseEvents, getScalarValue } = yamlEvents!;
  const events = parseEvents(text, {}) as unknown as YamlEvent[];
  interface Frame {
    kind: 'map' | 'seq';
    node: Trie | undefined;
    index: number;
    expectKey: boolean;
    key?: string;
    keyStart?: number;
    keyEnd?: number;
  }
  const stack: Frame[] = [];
  const enter = (start: number, end: number): Trie | undefined => {
    // Resolve which trie node the value starting now belongs to, record its span.
    const top = stack[stack.length - 1];
    if (!top) {
      if (trie.pointer !== undefined) spans.set('', [start, end === -1 ? start + 1 : end]);
      return trie;
    }
    if (!top.node) return undefined;
    let child: Trie | undefined;
    let from = start;
    let to = end;
    if (top.kind === 'map') {
      child = top.node.children.get(top.key!);
      from = top.keyStart!;
      if (end === -1) to = top.keyEnd!;
    } else {
      child = top.node.children.get(String(top.index));
    }
    if (child?.pointer !== undefined) spans.set(child.pointer, [from, to === -1 ? start + 1 : to]);
    return child;
  };
  const afterValue = () => {
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.kind === 'map') top.expectKey = true;
    else top.index++;
  };
  let docs = 0;
  for (const ev of events) {
    switch (ev.type) {
      case 1:
        if (++docs > 1) return;
        break;
      case 2:
      case 3: {
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map' && top.expectKey) {
          // Complex (collection) key: not addressable by pointer; track it so nesting stays right.
          stack.push({ kind: ev.type === 3 ? 'map' : 'seq', node: undefined, index: 0, expectKey: true });
          (stack[stack.length - 1] as Frame & { isKey?: boolean }).isKey = true;
          break;
        }
        const node = enter(ev.start!, -1);
        stack.push({ kind: ev.type === 3 ? 'map' : 'seq', node, index: 0, expectKey: true });
        break;
      }
      case 4:
      case 5: {
        const top = stack[stack.length - 1];
        if (top && top.kind === 'map' && top.expectKey) {
          top.key = ev.type === 4 ? getScalarValue(text, ev as never) : '';
          top.keyStart = ev.type === 4 ? scalarStart(text, ev) : ev.anchorStart!;
          top.keyEnd = ev.type === 4 ? scalarEnd(text, ev) : ev.anchorEnd!;
          top.expectKey = false;
          break;
        }
        if (ev.type === 4) enter(scalarStart(text, ev), scalarEnd(text, ev));
        else enter(ev.anchorStart! - 1, ev.anchorEnd!);
        afterValue();
        break;
      }
      case 6: {
        const done = stack.pop() as (Frame & { isKey?: boolean }) | undefined;
        if (done?.isKey) {
          const top = stack[stack.length - 1];
          if (top) ((top.key = '\u0000complex'), (top.keyStart = 0), (top.keyEnd = 0), (top.expectKey = false));
        } else afterValue();
        break;
      }
    }
  }
}

interface YamlEvent {
  type: 1 | 2 | 3 | 4 | 5 | 6;
  start?: number;
  valueStart?: number;
  valueEnd?: number;
  anchorStart?: number;
  anchorEnd?: number;
  style?: number;
}

/** Quoted scalars' valueStart points inside the quotes; report from the opening quote. */
function scalarStart(text: string, ev: YamlEvent): number {
  const s = ev.valueStart!;
  if ((ev.style === 2 || ev.style === 3) && s > 0) {
    const q = text.charCodeAt(s - 1);
    if (q === 34 || q === 39) return s - 1;
  }
  return s;
}

function scalarEnd(text: string, ev: YamlEvent): number {
  const e = ev.valueEnd!;
  if (ev.style === 2 || ev.style === 3) {
    const q = text.charCodeAt(e);
    if (q === 34 || q === 39) return e + 1;
  }
  return e;
}

let yamlEvents: typeof import('js-yaml') | undefined;
/** Must be awaited once before a YAML file is located (keeps js-yaml off the start-up path of --help). */
export async function prepareLocator(): Promise<void> {
  yamlEvents ??= await import('js-yaml');
}
