import { same } from '../canonical.js';
import type { NodeLocation } from '../../load/workspace.js';
import { fixed, type ModelCheck, type ModelContext } from '../check.js';
import { messageLabel, opIdentity } from '../describe.js';
import { channelLabel, operationLabel, pairMessages } from '../match.js';
import { asyncapi, edited, openapi } from '../model-examples.js';

/** Order events, documented. */
const events = asyncapi(`channels:
  orders:
    address: orders.events
    description: Every change to an order.
    messages:
      OrderPlaced:
        title: Order placed
        payload: { type: object }
        examples:
          - payload: { id: o-1 }
operations:
  publishOrder:
    action: send
    summary: Publish order events.
    channel: { $ref: '#/channels/orders' }
`);

/** Reading an order over HTTP, documented and tagged. */
const rest = openapi(`paths:
  /orders/{id}:
    get:
      tags: [orders]
      x-rate-limit: 100
      parameters:
        - { name: id, in: path, required: true, description: The order id., schema: { type: string } }
      responses: { '200': { description: The order. } }
`);

type Obj = Record<string, unknown>;

/**
 * Documentation: no effect on the contract, a patch. Descriptions, summaries, titles, examples and tags
 * of the document, servers, channels, operations, messages and parameters; `x-` extensions anywhere
 * (`--extensions ignore` drops them). Schema documentation is compared with the schemas.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('description-changed', 'docs', 'patch', 'A description changed.'),
    fixed('summary-changed', 'docs', 'patch', 'A summary changed.'),
    fixed('title-changed', 'docs', 'patch', 'A title changed.'),
    fixed('examples-changed', 'docs', 'patch', 'Examples changed.'),
    fixed('tags-changed', 'docs', 'patch', 'Tags changed.'),
    fixed('info-changed', 'docs', 'patch', 'Document information (title, contact, license, terms of service) changed.'),
    fixed('extension-changed', 'docs', 'patch', 'An `x-` extension was added, removed or changed.'),
  ],
  examples: () => [
    edited('a channel description reworded', events, 'Every change to an order.', 'Every event in the life of an order.', [
      { rule: 'description-changed', level: 'patch', message: `Description of channel \`orders.events\` changed.`, at: '6:5' },
    ]),
    edited('a path parameter described differently', rest, `description: The order id.,`, `description: The id of the order.,`, [
      { rule: 'description-changed', level: 'patch', message: `Description of path parameter \`id\` of \`GET /orders/{id}\` changed.`, at: '9:11' },
    ]),
    edited('an operation summary removed', events, '    summary: Publish order events.\n', '', [
      { rule: 'summary-changed', level: 'patch', message: `Summary of operation \`publishOrder\` removed.`, at: '14:3' },
    ]),
    edited('a message title added', events.replace('        title: Order placed\n', ''), '      OrderPlaced:', '      OrderPlaced:\n        title: Order placed', [
      { rule: 'title-changed', level: 'patch', message: `Title of message \`Order placed\` added.`, at: '9:9' },
    ]),
    edited('a message example changed', events, 'id: o-1', 'id: o-2', [
      { rule: 'examples-changed', level: 'patch', message: `Examples of message \`Order placed\` changed.`, at: '11:9' },
    ]),
    edited('an operation tagged', rest, 'tags: [orders]', 'tags: [orders, public]', [
      { rule: 'tags-changed', level: 'patch', message: `Tags of operation \`GET /orders/{id}\` changed.`, at: '6:7' },
    ]),
    edited('the document title changed', rest, 'title: Orders', 'title: Order service', [
      { rule: 'info-changed', level: 'patch', message: `Document \`info.title\` changed.`, at: '2:9' },
    ]),
    edited('the document described', events, 'version: 1.0.0 }', 'version: 1.0.0, description: Events of the order service. }', [
      { rule: 'description-changed', level: 'patch', message: `Document description changed.`, at: '2:40' },
    ]),
    edited('an extension changed', rest, 'x-rate-limit: 100', 'x-rate-limit: 50', [
      { rule: 'extension-changed', level: 'patch', message: `Extension \`x-rate-limit\` of operation \`GET /orders/{id}\` changed.`, at: '7:7' },
    ]),
    edited('an extension added to the document', events, 'channels:', 'x-owner: checkout-team\nchannels:', [
      { rule: 'extension-changed', level: 'patch', message: `Extension \`x-owner\` of the document added.`, at: '3:1' },
    ]),
    edited('a response described differently', rest, 'description: The order. }', 'description: The order found. }', [
      { rule: 'description-changed', level: 'patch', message: `Description of the \`200\` response of \`GET /orders/{id}\` changed.`, at: '10:20' },
    ]),
    edited('an operation\'s tags only reordered', rest.replace('tags: [orders]', 'tags: [orders, public]'), 'tags: [orders, public]', 'tags: [public, orders]', []),
  ],
  run(ctx) {
    const bi = (ctx.base.document.info ?? {}) as Obj;
    const ri = (ctx.rev.document.info ?? {}) as Obj;
    const info = { base: ctx.base.info.source, revision: ctx.rev.info.source };
    for (const k of ['title', 'contact', 'license', 'termsOfService', 'summary'])
      if (!same(bi[k], ri[k])) ctx.report({ rule: 'info-changed', message: `Document \`info.${k}\` changed.`, where: at(info, k), identity: `info ${k}` });
    if (!same(bi.description, ri.description)) ctx.report({ rule: 'description-changed', message: 'Document description changed.', where: at(info, 'description'), identity: 'info description' });
    extensions(ctx, ctx.base.extensions, ctx.rev.extensions, { base: { file: ctx.base.file, pointer: '' }, revision: { file: ctx.rev.file, pointer: '' } }, 'the document', 'document');
    for (const p of ctx.matched.servers)
      if (p.base && p.rev && !same(p.base.description, p.rev.description))
        ctx.report({ rule: 'description-changed', message: `Description of server \`${p.rev.id}\` changed.`, where: at({ base: p.base.source, revision: p.rev.source }, 'description'), identity: `server ${p.base.id}` });
    for (const p of ctx.matched.channels) {
      if (!p.base || !p.rev || ctx.rev.format === 'openapi') continue;
      const where = { base: p.base.source, revision: p.rev.source };
      const name = `channel \`${channelLabel(p.rev)}\``;
      text(ctx, p.base, p.rev, where, name, `channel ${channelLabel(p.base)}`, undefined, channelLabel(p.rev));
      extensions(ctx, p.base.extensions, p.rev.extensions, where, name, `channel ${channelLabel(p.base)}`, undefined, channelLabel(p.rev));
    }
    for (const p of ctx.matched.operations) {
      if (!p.base || !p.rev) continue;
      const where = { base: p.base.source, revision: p.rev.source };
      const name = `operation \`${operationLabel(p.rev)}\``;
      const id = opIdentity(p.base);
      text(ctx, p.base, p.rev, where, name, id, operationLabel(p.rev));
      if (!same([...p.base.tags].sort(), [...p.rev.tags].sort()))
        ctx.report({ rule: 'tags-changed', message: `Tags of ${name} changed.`, where: at(where, 'tags'), identity: id, operation: operationLabel(p.rev) });
      extensions(ctx, p.base.extensions, p.rev.extensions, where, name, id, operationLabel(p.rev));
      if (p.base.http && p.rev.http) {
        for (const bp of p.base.http.parameters) {
          const rp = p.rev.http.parameters.find((x) => x.in === bp.in && x.name === bp.name);
          if (rp && !same(bp.description, rp.description))
            ctx.report({
              rule: 'description-changed',
              message: `Description of ${bp.in} parameter \`${bp.name}\` of \`${operationLabel(p.rev)}\` changed.`,
              where: at({ base: bp.source, revision: rp.source }, 'description'),
              identity: `${id}|param ${bp.in}:${bp.name}`,
              operation: operationLabel(p.rev),
            });
        }
        const desc = (list: typeof p.base.http.responses) => new Map(list.map((m) => [m.status ?? '', m]));
        const br = desc(p.base.http.responses);
        for (const [status, rm] of desc(p.rev.http.responses)) {
          const bm = br.get(status);
          if (bm && !same(bm.description, rm.description))
            ctx.report({
              rule: 'description-changed',
              message: `Description of the \`${status}\` response of \`${operationLabel(p.rev)}\` changed.`,
              where: { base: bm.source, revision: rm.source },
              identity: `${id}|${status}`,
              operation: operationLabel(p.rev),
            });
        }
        continue;
      }
      for (const m of pairMessages(p.base.messages, p.rev.messages)) {
        if (!m.base || !m.rev) continue;
        const mw = { base: m.base.source, revision: m.rev.source };
        const mname = `message \`${messageLabel(m.rev)}\``;
        text(ctx, m.base, m.rev, mw, mname, `${id}|msg ${messageLabel(m.base)}`, operationLabel(p.rev));
        if (m.base.examples.length !== m.rev.examples.length || !same(ctx.base.workspace.get(at(mw, 'examples').base!), ctx.rev.workspace.get(at(mw, 'examples').revision!)))
          ctx.report({ rule: 'examples-changed', message: `Examples of ${mname} changed.`, where: at(mw, 'examples'), identity: `${id}|msg ${messageLabel(m.base)}`, operation: operationLabel(p.rev) });
        extensions(ctx, m.base.extensions, m.rev.extensions, mw, mname, `${id}|msg ${messageLabel(m.base)}`, operationLabel(p.rev));
      }
    }
  },
};
export default check;

function at(w: { base?: NodeLocation; revision?: NodeLocation }, key: string) {
  const f = (l?: NodeLocation) => (l ? { file: l.file, pointer: `${l.pointer}/${key}` } : undefined);
  return { base: f(w.base), revision: f(w.revision) };
}

function text(
  ctx: ModelContext,
  b: { description?: string; summary?: string; title?: string },
  r: { description?: string; summary?: string; title?: string },
  where: { base: NodeLocation; revision: NodeLocation },
  name: string,
  identity: string,
  operation?: string,
  channel?: string,
): void {
  for (const k of ['description', 'summary', 'title'] as const)
    if (!same(b[k], r[k]))
      ctx.report({ rule: `${k}-changed`, message: `${k.charAt(0).toUpperCase() + k.slice(1)} of ${name} ${b[k] === undefined ? 'added' : r[k] === undefined ? 'removed' : 'changed'}.`, where: at(where, k), identity, operation, channel });
}

function extensions(ctx: ModelContext, b: Obj, r: Obj, where: { base: NodeLocation; revision: NodeLocation }, name: string, identity: string, operation?: string, channel?: string): void {
  for (const k of new Set([...Object.keys(b), ...Object.keys(r)]))
    if (!same(b[k], r[k]))
      ctx.report({
        rule: 'extension-changed',
        message: `Extension \`${k}\` of ${name} ${b[k] === undefined ? 'added' : r[k] === undefined ? 'removed' : 'changed'}.`,
        where: { base: b[k] === undefined ? where.base : at(where, k).base, revision: r[k] === undefined ? where.revision : at(where, k).revision },
        identity: `${identity}|${k}`,
        operation,
        channel,
      });
}
