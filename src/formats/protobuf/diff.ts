// Two versions of a Protobuf payload compared in Protobuf's own terms (buf's breaking rules), not as JSON
// Schema: fields are matched by number, types by full name, from the root message down.
import type { Direction } from '../../diff/types.js';
import type { ProtoEnum, ProtoMessage, ProtoSchema } from './parse.js';
import { protoFieldChecks } from '../../diff/checks/proto-fields.js';
import { protoFieldTypeChecks } from '../../diff/checks/proto-field-types.js';
import { protoEnumChecks } from '../../diff/checks/proto-enums.js';
import { protoMessageChecks } from '../../diff/checks/proto-messages.js';

/** What a family of Protobuf rules compares: the messages and enums the base payload reaches, each with its revision. */
export interface ProtoComparison {
  base: ProtoSchema;
  rev: ProtoSchema;
  dir: Direction;
  /** Base messages reachable from the root, with the revision's of the same full name (the root: the revision's root). */
  messages: { base: ProtoMessage; rev?: ProtoMessage }[];
  enums: { base: ProtoEnum; rev?: ProtoEnum }[];
  report(f: ProtoFinding): void;
}

export type ProtoCompare = (c: ProtoComparison) => void;

const families: ProtoCompare[] = [protoMessageChecks, protoFieldChecks, protoFieldTypeChecks, protoEnumChecks];

/** One change between two .proto versions: a diff rule, a sentence (no final period), what tells it apart. */
export interface ProtoFinding {
  rule: string;
  message: string;
  key: string;
}

export function compareProto(base: ProtoSchema, rev: ProtoSchema, dir: Direction, report: (f: ProtoFinding) => void): void {
  const messages: ProtoComparison['messages'] = [];
  const enums: ProtoComparison['enums'] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const m = base.messages.get(name);
    const e = base.enums.get(name);
    if (e) enums.push({ base: e, rev: rev.enums.get(name) });
    if (!m) return;
    messages.push({ base: m, rev: name === base.root ? rev.messages.get(rev.root) : rev.messages.get(name) });
    for (const f of m.fields) visit(f.kind === 'map' ? /, (.*)>$/.exec(f.type)![1] : f.type);
  };
  visit(base.root);
  const c: ProtoComparison = { base, rev, dir, messages, enums, report };
  for (const f of families) f(c);
}

/** `reserved` ranges include `n`. */
export function reservedNumber(ranges: [number, number][], n: number): boolean {
  return ranges.some(([lo, hi]) => n >= lo && n <= hi);
}
