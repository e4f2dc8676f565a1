import type { Change, DiffResult, Mode } from '../types.js';

/**
 * Which side of the contract a change is for, in the words of the spec's format: the same schema used
 * by a request and a response gives one change per side, and each must say which. Under `--mode`
 * other than `auto` every change was checked as one kind of data, whatever its use.
 */
export function sideText(c: Change, format: DiffResult['format'], mode: Mode = 'auto'): string {
  if (!c.direction) return '';
  const accept = c.direction === 'accept';
  if (mode !== 'auto') return accept ? 'as data it accepts' : 'as data it emits';
  // A webhook's requests are what the API sends (emitted), its responses what it gets back (accepted).
  if (format === 'openapi' && c.operation?.startsWith('webhook ')) return accept ? 'in webhook responses' : 'in webhook requests';
  if (format === 'openapi') return accept ? 'in requests' : 'in responses';
  if (format === 'asyncapi') return accept ? 'in received messages' : 'in sent messages';
  return accept ? 'in data it accepts' : 'in data it emits';
}

/** `in responses: ` (after `against 1.1.0 (history/orders-1.1.0.yaml): ` in `--history` runs) before a change's sentence, or nothing. */
export function sidePrefix(c: Change, format: DiffResult['format'], mode?: Mode): string {
  const side = sideText(c, format, mode);
  const against = c.against ? `against ${c.against.version || 'no version'} (${c.against.file}): ` : '';
  return against + (side ? `${side}: ` : '');
}

/** A change's group: the named schema it is in, else its operation, channel, or the document. */
export interface Group {
  kind: 'schema' | 'operation' | 'channel' | 'document';
  name: string;
  changes: Change[];
  /** Schema groups: every operation reaching one of its changes, in order of first use. */
  usedBy: string[];
}

/**
 * Changes grouped in order of first appearance (the group of the first breaking change first). A change
 * inside a named schema goes under the schema, not under whichever of its operations came first.
 */
export function groupChanges(changes: Change[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of changes) {
    const [kind, name]: [Group['kind'], string] = c.schema ? ['schema', c.schema.name] : c.operation ? ['operation', c.operation] : c.channel ? ['channel', c.channel] : ['document', ''];
    const key = `${kind}\u0000${name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, name, changes: [], usedBy: [] }));
    g.changes.push(c);
    if (c.schema) g.usedBy.push(...c.schema.usedBy);
  }
  for (const g of groups.values()) g.usedBy = [...new Set(g.usedBy)];
  return [...groups.values()];
}

/** `3 operations: a, b, c`, or `452 operations: a, b, c and 449 more`. */
export function usedByText(names: string[], show: (s: string) => string, first = 3): string {
  const n = names.length;
  const listed = names.slice(0, first).map(show).join(', ');
  return `${n} operation${n === 1 ? '' : 's'}: ${listed}${n > first ? ` and ${n - first} more` : ''}`;
}

/** A change's sentence as its group shows it: under its schema, without the "Schema `X` (in ...)" part. */
export function changeText(c: Change): string {
  return c.schema ? c.schema.text : c.message;
}
