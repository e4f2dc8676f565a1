// `specgate graph --format html`: one self-contained page (no network when viewed) with the system drawn,
// a click on an arrow showing its flows' schema locations and problems, and the list of problems.
//
// The layout is Graphviz's, run here at generation time on the same DOT as `--format dot`, through
// @viz-js/viz (Graphviz compiled to WebAssembly, MIT, kept in step with Graphviz releases): Graphviz lays
// out service graphs far better than anything we would write, the page ships a finished SVG instead of a
// layout engine in JavaScript, and no Graphviz install is needed. It is some 1.2 MB of JavaScript, so it is
// loaded only here, and this module only for this format (src/system/draw.ts); the bundle leaves it
// outside (scripts/bundle.mjs) so that it never enters the start-up code cache.
//
// Everything a spec wrote (titles, file names, messages) is untrusted: HTML text and attributes are
// escaped, the data for the script is JSON with `<` as \u003c, the SVG text is escaped by Graphviz, and a
// Content-Security-Policy lets only this file's own script and style run.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dot, edges } from './draw.js';
import type { Graph, GraphFlow, GraphProblem } from './graph.js';

/** Text or a quoted attribute value in HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside a `<script>` element: nothing in it can end the element or start a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A service id as a word of a message (ids are kebab-case). */
const names = (text: string, id: string) => new RegExp(`(^|[^A-Za-z0-9_-])${id.replace(/[^A-Za-z0-9]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text);

/**
 * The problems of one flow, as indices into `g.problems`. The JSON graph does not link problems to flows:
 * a flow's problems are those in a document of one of its two services that name both services and, in
 * backticks, its message, as the system rules about a flow word them.
 */
export function flowProblems(g: Graph, f: GraphFlow): number[] {
  const files = new Set(g.services.filter((s) => s.id === f.from || s.id === f.to).flatMap((s) => s.documents.map((d) => d.file)));
  const out: number[] = [];
  g.problems.forEach((p, i) => {
    if (files.has(p.file) && p.message.includes('`' + f.message + '`') && names(p.message, f.from) && names(p.message, f.to)) out.push(i);
  });
  return out;
}

const at = (p: GraphProblem) => `${p.file}:${p.line}:${p.column}`;

// The page's own script and style: constants (the data comes as JSON), so the policy can name their hashes.
const STYLE = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #222; }
body { margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) 24rem; grid-template-rows: auto minmax(0, 1fr) auto; height: 100vh; }
header { grid-column: 1 / 3; padding: .5rem 1rem; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.1rem; margin: 0; display: inline; }
header .counts { margin-left: 1rem; color: #555; }
#drawing { overflow: auto; padding: 1rem; }
#drawing svg { display: block; }
#side { border-left: 1px solid #ccc; overflow: auto; padding: 0 1rem; }
#problems-section { grid-column: 1 / 3; border-top: 1px solid #ccc; max-height: 30vh; overflow: auto; padding: 0 1rem; }
h2 { font-size: 1rem; }
code, .loc { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
ol.problems { padding-left: 1.5rem; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; margin-right: .4rem; }
.sev-error { color: #8b0000; }
.sev-warning { color: #8a5a00; }
.sev-info { color: #335; }
.flow { border: 1px solid #ccc; border-radius: 4px; padding: .4rem .6rem; margin-bottom: .6rem; }
.flow.incompatible { border-color: #8b0000; }
.flow .status { font-weight: 600; }
.flow.incompatible .status { color: #8b0000; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; margin: .3rem 0; }
dt { color: #555; }
dd { margin: 0; }
g.edge, g.node { cursor: pointer; }
g.edge path.hit { stroke: transparent; stroke-width: 14px; fill: none; pointer-events: stroke; }
g.edge.selected path:not(.hit), g.node.selected path { stroke: #1a56c4; stroke-width: 3px; }
g.edge:focus, g.node:focus { outline: none; }
g.edge:focus-visible text, g.node:focus-visible text { text-decoration: underline; }
.hurt-mark { color: #8b0000; font-weight: 600; }
`;

const SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const g = data.graph;
  const detail = document.getElementById('detail');
  const make = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const problemList = (indices) => {
    if (!indices.length) return make('p', 'none', 'No problems.');
    const ol = make('ol', 'problems');
    for (const i of indices) {
      const p = g.problems[i];
      const li = make('li', 'problem');
      li.append(make('span', 'sev sev-' + p.severity, p.severity), make('span', 'loc', p.file + ':' + p.line + ':' + p.column), document.createTextNode(' ' + p.message + ' '), make('code', 'rule', p.rule));
      ol.append(li);
    }
    return ol;
  };
  const pair = (dl, term, value, className) => dl.append(make('dt', '', term), make('dd', className, value));
  let selected = null;
  const select = (el) => {
    if (selected) selected.classList.remove('selected');
    selected = el;
    el.classList.add('selected');
  };
  const showEdge = (i, el) => {
    select(el);
    const e = data.edges[i];
    detail.replaceChildren(make('h2', '', e.from + ' \\u2192 ' + e.to));
    for (const fi of e.flows) {
      const f = g.flows[fi];
      const box = make('div', 'flow ' + (f.compatible ? 'compatible' : 'incompatible'));
      box.dataset.flow = String(fi);
      box.append(make('div', 'status', f.compatible ? 'compatible' : 'incompatible'));
      const dl = make('dl');
      pair(dl, 'message', f.message + ' (' + f.kind + ')', 'message');
      pair(dl, 'channel', f.channel, 'channel');
      pair(dl, 'sender', f.sender, 'loc sender');
      pair(dl, 'receiver', f.receiver, 'loc receiver');
      box.append(dl, problemList(data.flowProblems[fi]));
      detail.append(box);
    }
  };
  const showService = (i, el) => {
    select(el);
    const s = g.services[i];
    detail.replaceChildren(make('h2', '', s.title));
    const dl = make('dl');
    pair(dl, 'id', s.id, 'id');
    pair(dl, 'version', s.version, 'version');
    for (const d of s.documents) pair(dl, 'document', d.file + ' (' + d.format + ' ' + d.specVersion + ')', 'loc document');
    detail.append(dl, problemList(data.serviceProblems[i]));
  };
  const wire = (el, show, label) => {
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
    el.addEventListener('click', show);
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        show();
      }
    });
  };
  data.edges.forEach((e, i) => {
    const el = document.getElementById('e' + i);
    if (!el) return;
    // A wide transparent copy of the line, so an arrow is easy to hit.
    const line = el.querySelector('path');
    if (line) {
      const hit = line.cloneNode(false);
      hit.setAttribute('class', 'hit');
      el.insertBefore(hit, line);
    }
    wire(el, () => showEdge(i, el), e.from + ' to ' + e.to);
  });
  g.services.forEach((s, i) => {
    const el = document.getElementById('s' + i);
    if (el) wire(el, () => showService(i, el), s.title);
  });
  for (const [id, list] of Object.entries(data.textWidths)) {
    const el = document.getElementById(id);
    if (!el) continue;
    el.querySelectorAll('text').forEach((t, i) => {
      const w = list[i];
      if (w > 0 && t.getComputedTextLength() > w + 0.5) {
        t.setAttribute('textLength', String(w));
        t.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
    });
  }
  document.documentElement.dataset.ready = 'true';
})();
`;

const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/**
 * Graphviz's SVG keeps a `&name;` of a label as an entity (it escapes only a `&` that starts none), so a
 * title `a &amp; b` would show as `a & b`. With every `&` written `&amp;`, the SVG shows the text as written.
 */
function literalAmpersands(g: Graph): Graph {
  const amp = (s: string) => s.replace(/&/g, '&amp;');
  return {
    ...g,
    services: g.services.map((s) => ({ ...s, title: amp(s.title), documents: s.documents.map((d) => ({ ...d, file: amp(d.file) })) })),
    flows: g.flows.map((f) => ({ ...f, message: amp(f.message) })),
  };
}

interface XdotOp {
  op: string;
  width?: number;
}
interface GvObject {
  id?: string;
  _ldraw_?: XdotOp[];
}

/**
 * Graphviz's SVG of the system, without the XML prolog and comments (the page is HTML), and the width
 * Graphviz gave each text of each node and edge (by SVG id, in order): the viewer's fallback font may be
 * wider than the Helvetica metrics Graphviz measures with, and the page then narrows the text to that width.
 */
async function layout(g: Graph): Promise<{ svg: string; widths: Record<string, number[]> }> {
  // Loaded on first use with `require`, as src/model/pattern.ts loads re2js: the CLI bundle runs through
  // vm.Script, where Node 20 has no loader for `import()`; outside the bundle, Node's require loads it.
  // `require('@viz-js/viz')` literally, or esbuild would not see it (it stays external there).
  const viz = await (
    (typeof require === 'function' ? require('@viz-js/viz') : createRequire(import.meta.url)('@viz-js/viz')) as typeof import('@viz-js/viz')
  ).instance();
  const font = 'Helvetica,Arial,sans-serif';
  const r = viz.renderFormats(dot(literalAmpersands(g), { ids: true }), ['svg', 'json'], { graphAttributes: { fontname: font }, nodeAttributes: { fontname: font }, edgeAttributes: { fontname: font } });
  if (r.status !== 'success') throw new Error(`Graphviz could not lay out the system: ${r.errors.map((e) => e.message).join('; ')}`);
  const json = JSON.parse(r.output.json) as { objects?: GvObject[]; edges?: GvObject[] };
  const widths: Record<string, number[]> = {};
  for (const o of [...(json.objects ?? []), ...(json.edges ?? [])])
    if (o.id) widths[o.id] = (o._ldraw_ ?? []).filter((d) => d.op === 'T').map((d) => d.width ?? 0);
  const svg = r.output.svg.slice(r.output.svg.indexOf('<svg'));
  return { svg: svg.replace(/<!--[\s\S]*?-->\n?/g, ''), widths };
}

export async function html(g: Graph): Promise<string> {
  const { svg, widths } = await layout(g);
  const pairs = edges(g);
  const index = new Map(g.flows.map((f, i) => [f, i]));
  const errorFiles = new Set(g.problems.filter((p) => p.severity === 'error').map((p) => p.file));
  const data = {
    graph: g,
    textWidths: widths,
    edges: pairs.map((e) => ({ from: e.from, to: e.to, flows: e.flows.map((f) => index.get(f)!) })),
    flowProblems: g.flows.map((f) => flowProblems(g, f)),
    serviceProblems: g.services.map((s) => {
      const files = new Set(s.documents.map((d) => d.file));
      return g.problems.flatMap((p, i) => (files.has(p.file) ? [i] : []));
    }),
  };
  const bad = g.flows.filter((f) => !f.compatible).length;
  const errors = g.problems.filter((p) => p.severity === 'error').length;
  const services = g.services.map((s) => {
    const hurt = s.documents.some((d) => errorFiles.has(d.file));
    return `<li class="service${hurt ? ' hurt' : ''}" title="${escapeHtml(s.documents.map((d) => d.file).join(', '))}">${escapeHtml(s.title)} <code>${escapeHtml(s.id)}</code>${hurt ? ' <span class="hurt-mark">has errors</span>' : ''}</li>`;
  });
  const problems = g.problems.map(
    (p) =>
      `<li class="problem" data-at="${escapeHtml(at(p))}"><span class="sev sev-${escapeHtml(p.severity)}">${escapeHtml(p.severity)}</span><span class="loc">${escapeHtml(at(p))}</span> ${escapeHtml(p.message)} <code class="rule">${escapeHtml(p.rule)}</code></li>`,
  );
  const csp = `default-src 'none'; script-src ${sha256(SCRIPT)}; style-src ${sha256(STYLE)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>System: ${g.services.length} services, ${g.flows.length} flows</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>System</h1><span class="counts">${g.services.length} services, ${g.channels.length} channels, ${g.flows.length} flows, ${bad} incompatible, ${g.problems.length} problems (${errors} errors)</span></header>
<main id="drawing">
${svg}</main>
<aside id="side">
<section id="detail"><h2>Details</h2><p>Click an arrow to see its flows: where each side's schema is written, and their problems. Click a service for its documents.</p></section>
<section><h2>Services</h2><ul id="services">${services.join('')}</ul></section>
</aside>
<section id="problems-section"><h2>Problems</h2>${problems.length ? `<ol id="problems" class="problems">${problems.join('')}</ol>` : '<p id="problems">No problems.</p>'}</section>
<script type="application/json" id="graph-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
