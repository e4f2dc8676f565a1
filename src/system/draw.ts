// The system drawn for people: Mermaid (README and pull-request comments render it) and Graphviz DOT.
// Both are text formats whose layout is done by their renderer; specgate lays nothing out itself. HTML
// (src/system/html.ts) is the DOT laid out by Graphviz, loaded only when asked for.
import type { Graph, GraphFlow } from './graph.js';

/** Flows between the same two services, one arrow each, labelled with their messages. */
export function edges(g: Graph): { from: string; to: string; flows: GraphFlow[] }[] {
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

/** `ids`: each node and edge gets an `id` (`s<i>` in service order, `e<i>` in `edges(g)` order) that the SVG keeps. */
export function dot(g: Graph, options: { ids?: boolean } = {}): string {
  const id = (s: string) => (options.ids ? `id=${dq(s)}, ` : '');
  const problemFiles = new Set(g.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const out = ['digraph system {', '  rankdir=LR;', '  node [shape=box, style="rounded"];'];
  for (const [i, s] of g.services.entries()) {
    const hurt = s.documents.some((d) => problemFiles.has(d.file));
    out.push(`  ${dq(s.id)} [${id(`s${i}`)}label=${dq(`${s.title}\n${s.documents.map((d) => d.file).join('\n')}`)}${hurt ? ', color="#d00"' : ''}];`);
  }
  for (const [i, e] of edges(g).entries()) {
    const broken = e.flows.some((f) => !f.compatible);
    out.push(`  ${dq(e.from)} -> ${dq(e.to)} [${id(`e${i}`)}label=${dq(label(e.flows))}${broken ? ', color="#d00", fontcolor="#d00", penwidth=2' : ''}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** A self-contained HTML page of the system (src/system/html.ts), which loads Graphviz: only for this format. */
export async function html(g: Graph): Promise<string> {
  return (await import('./html.js')).html(g);
}
