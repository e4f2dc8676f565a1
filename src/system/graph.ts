// What `specgate graph` prints: the system as stable JSON (docs/system.md documents the shape) and as
// text. Mermaid, DOT and HTML are drawn from the same JSON, so every format shows the same system.
import type { NodeLocation } from '../load/workspace.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ApiModel } from '../model/types.js';
import type { SystemCheck } from './index.js';
import type { Endpoint, FlowKind } from './model.js';

export interface GraphService {
  id: string;
  title: string;
  /** The first document of the service; `documents` lists them all. */
  file: string;
  version: string;
  format: 'asyncapi' | 'openapi';
  documents: { file: string; format: 'asyncapi' | 'openapi'; specVersion: string; version: string }[];
}

export interface GraphChannel {
  address: string;
  protocol: string | null;
  kind: 'point-to-point' | 'publish-subscribe' | 'unknown';
}

export interface GraphFlow {
  from: string;
  to: string;
  /** The address as the sender writes it. */
  channel: string;
  message: string;
  kind: FlowKind;
  /** False when the receiver's schema rejects something the sender may send. */
  compatible: boolean;
  /** `file:line:col` of the sender's and the receiver's message. */
  sender: string;
  receiver: string;
}

export interface GraphProblem {
  rule: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Graph {
  services: GraphService[];
  channels: GraphChannel[];
  flows: GraphFlow[];
  problems: GraphProblem[];
}

/** `file:line:col` of many nodes, one scan per file (a large system has thousands of flows). */
export function whereAll(items: { model: ApiModel; at: NodeLocation }[]): string[] {
  const groups = new Map<ApiModel, Map<string, number[]>>();
  items.forEach(({ model, at }, i) => {
    const byFile = groups.get(model) ?? groups.set(model, new Map()).get(model)!;
    (byFile.get(at.file) ?? byFile.set(at.file, []).get(at.file)!).push(i);
  });
  const out = items.map(({ at }) => at.file);
  for (const [model, byFile] of groups)
    for (const [file, idx] of byFile) {
      const ranges = model.workspace.locator(file)?.locateAll(idx.map((i) => items[i].at.pointer));
      if (ranges) idx.forEach((i, k) => (out[i] = `${file}:${ranges[k].start.line}:${ranges[k].start.column}`));
    }
  return out;
}

/** The JSON of `specgate graph --format json`. `inputProblems` are files that could not be opened. */
export function toGraph(check: SystemCheck, inputProblems: Diagnostic[] = []): Graph {
  const { system } = check;
  const services = system.services.map((s): GraphService => {
    const m = s.documents[0];
    return {
      id: s.id,
      title: s.title,
      file: m.file,
      version: m.info.version,
      format: m.format,
      documents: s.documents.map((d) => ({ file: d.file, format: d.format, specVersion: d.specVersion, version: d.info.version })),
    };
  });
  const channels = new Map<string, GraphChannel>();
  const addChannel = (e: Endpoint) => {
    if (!e.address) return;
    const protocol = [...e.protocols].sort()[0] ?? null;
    const key = `${e.address.text}\u0000${protocol}`;
    if (!channels.has(key)) channels.set(key, { address: e.address.text, protocol, kind: e.operation.channel.kind });
  };
  system.endpoints.forEach(addChannel);
  const places = whereAll(system.flows.flatMap((f) => [{ model: f.from.model, at: f.sent.source }, { model: f.to.model, at: f.received.source }]));
  const flows = system.flows.map(
    (f, i): GraphFlow => ({
      from: f.from.service.id,
      to: f.to.service.id,
      channel: f.from.address?.text ?? f.to.address?.text ?? '(dynamic)',
      message: f.message,
      kind: f.kind,
      compatible: !check.incompatible.has(i),
      sender: places[2 * i],
      receiver: places[2 * i + 1],
    }),
  );
  const problems = [...inputProblems, ...check.diagnostics].map(
    (d): GraphProblem => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      file: d.file,
      line: d.range?.start.line ?? 1,
      column: d.range?.start.column ?? 1,
      endLine: d.range?.end.line ?? d.range?.start.line ?? 1,
      endColumn: d.range?.end.column ?? d.range?.start.column ?? 1,
    }),
  );
  return { services, channels: [...channels.values()], flows, problems };
}

/** Per service: what it sends to whom and what it receives from whom; then the problems. */
export function graphText(g: Graph): string {
  const out: string[] = [];
  for (const s of g.services) {
    out.push(`${s.id}  ${s.documents.map((d) => `${d.file} (${d.format === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI'} ${d.specVersion})`).join(', ')}`);
    const group = (dir: 'sends' | 'receives') => {
      const mine = g.flows.filter((f) => (dir === 'sends' ? f.from : f.to) === s.id);
      const byMsg = new Map<string, GraphFlow[]>();
      for (const f of mine) {
        const k = `${f.message}\u0000${f.kind}\u0000${f.channel}`;
        (byMsg.get(k) ?? byMsg.set(k, []).get(k)!).push(f);
      }
      for (const list of byMsg.values()) {
        const f = list[0];
        const others = [...new Set(list.map((x) => (dir === 'sends' ? x.to : x.from)))];
        const bad = list.some((x) => !x.compatible) ? '  (incompatible)' : '';
        out.push(`  ${dir.padEnd(8)} ${f.message} (${f.kind}) on ${f.channel} ${dir === 'sends' ? 'to' : 'from'} ${others.join(', ')}${bad}`);
      }
    };
    group('sends');
    group('receives');
    out.push('');
  }
  out.push(`${g.services.length} services, ${g.channels.length} channels, ${g.flows.length} flows`);
  if (g.problems.length) {
    out.push('', 'problems:');
    for (const p of g.problems) out.push(`  ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.message}  ${p.rule}`);
    const count = (s: string) => g.problems.filter((p) => p.severity === s).length;
    out.push('', `${g.problems.length} problem${g.problems.length === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info)`);
  }
  return out.join('\n') + '\n';
}
