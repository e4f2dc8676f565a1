// The system drawn for people: Mermaid (README and pull-request comments render it) and Graphviz DOT.
// Both are text formats whose layout is done by their renderer; specgate lays nothing out itself.
import type { Graph, GraphFlow } from './graph.js';

/** Flows between the same two services, one arrow each, labelled with their messages. */
function edges(g: Graph): { from: string; to: string; flows: GraphFlow[] }[] {
  const byPair = new Map<string, { from: string; to: string; flows: GraphFlow[] }>();
  for (const f of g.flows) {
    const k = `${f.from}\u0000${f.to}`;
    (byPair.get(k) ?? byPair.set(k, { from: f.from, to: f.to, flows: [] }).get(k)!).flows.push(f);
  }
  return [...byPair.values()];
}

const label = (flows: GraphFlow[]) => [...new Set(flows.map((f) => `${f.message} (${f.kind})`))].join(', ');

/** Mermaid node ids take letters, digits and `_` only. */
const mid = (id: string) => 's_' + id.replace(/[^A-Za-z0-9_]/g, '_');
/** Text inside a quoted Mermaid label: `"` and markup characters as entities. */
const mtext = (s: string) => s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);

export function mermaid(g: Graph): string {
  const out = ['flowchart LR'];
  for (const s of g.services) out.push(`  ${mid(s.id)}["${mtext(s.id)}"]`);
  const bad: number[] = [];
  edges(g).forEach((e, i) => {
    const broken = e.flows.some((f) => !f.compatible);
    if (broken) bad.push(i);
    out.push(`  ${mid(e.from)} -->|"${mtext(label(e.flows))}${broken ? ' ⚠ incompatible' : ''}"| ${mid(e.to)}`);
  });
  for (const i of bad) out.push(`  linkStyle ${i} stroke:#d00,stroke-width:2px`);
  return out.join('\n') + '\n';
}

/** A DOT string literal. */
const dq = (s: string) => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';

export function dot(g: Graph): string {
  const problemFiles = new Set(g.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const out = ['digraph system {', '  rankdir=LR;', '  node [shape=box, style="rounded"];'];
  for (const s of g.services) {
    const hurt = s.documents.some((d) => problemFiles.has(d.file));
    out.push(`  ${dq(s.id)} [label=${dq(`${s.title}\n${s.documents.map((d) => d.file).join('\n')}`)}${hurt ? ', color="#d00"' : ''}];`);
  }
  for (const e of edges(g)) {
    const broken = e.flows.some((f) => !f.compatible);
    out.push(`  ${dq(e.from)} -> ${dq(e.to)} [label=${dq(label(e.flows))}${broken ? ', color="#d00", fontcolor="#d00", penwidth=2' : ''}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
