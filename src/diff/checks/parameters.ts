import type { ApiModel, Parameter } from '../../model/types.js';
import { API_READERS, code, directed, fixed, WEBHOOK_READERS, type ModelCheck, type ModelContext } from '../check.js';
import { opIdentity, opRef } from '../describe.js';
import { channelLabel, operationLabel, pairBy } from '../match.js';
import type { Direction } from '../types.js';
import { asyncapi, edited, openapi } from '../model-examples.js';

/** Listing a customer's orders: a path id, a `status` filter, a page size and a tenant header. */
const listing = openapi(`paths:
  /customers/{id}/orders:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: status, in: query, schema: { type: array, items: { type: string } } }
        - { name: limit, in: query, schema: { type: integer } }
        - { name: X-Tenant, in: header, required: true, schema: { type: string } }
      responses: { '200': { description: The orders. } }
`);

/** Order events per region, received by the shop. */
const regional = asyncapi(`channels:
  orders:
    address: 'orders.{region}'
    parameters:
      region: { description: The region the order was placed in. }
operations:
  onOrder: { action: receive, channel: { $ref: '#/channels/orders' } }
`);

type Obj = Record<string, unknown>;

/** Position of a path parameter in its template: `/orders/{id}` and `/orders/{orderId}` name the same one. */
function paramKey(p: Parameter, template: string): string {
  if (p.in === 'path' || p.in === 'channel') {
    const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const i = names.indexOf(p.name);
    if (i >= 0) return `${p.in}#${i}`;
  }
  return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
}

function serialization(model: ApiModel, p: Parameter): { style: string; explode: boolean; allowEmptyValue: boolean; allowReserved: boolean } {
  const raw = (model.workspace.get(p.source) ?? {}) as Obj;
  const style = typeof raw.style === 'string' ? raw.style : p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple';
  return {
    style,
    explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
    allowEmptyValue: raw.allowEmptyValue === true,
    allowReserved: raw.allowReserved === true,
  };
}

/**
 * Parameters, which the API accepts: OpenAPI path, query, header and cookie parameters (path parameters
 * matched by position, so renaming one is silent) and AsyncAPI channel parameters.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('parameter-removed', 'parameter', 'breaking', 'A parameter is gone: clients that send it may be rejected or silently ignored.'),
    directed('required-parameter-added', 'parameter', 'breaking', 'non-breaking', 'A new required parameter: clients that do not send it are rejected.', 'non-breaking when emitted (a webhook\'s, or any under `--mode forward`): writers now always send it'),
    fixed('optional-parameter-added', 'parameter', 'non-breaking', 'A new optional parameter.'),
    directed('parameter-became-required', 'parameter', 'breaking', 'non-breaking', 'A parameter is now required.', 'non-breaking when emitted (a webhook\'s, or any under `--mode forward`): writers now always send it'),
    directed('parameter-became-optional', 'parameter', 'non-breaking', 'breaking', 'A parameter is no longer required.', 'breaking when emitted (a webhook\'s, or any under `--mode forward|full`): old readers may require it and no longer receive it'),
    fixed('parameter-serialization-changed', 'parameter', 'breaking', 'A parameter is serialized differently (`style`, `explode`, `allowReserved`, or `allowEmptyValue` withdrawn).'),
  ],
  examples: () => [
    edited('a query parameter removed', listing, '        - { name: limit, in: query, schema: { type: integer } }\n', '', [
      { rule: 'parameter-removed', level: 'breaking', message: `\`GET /customers/{id}/orders\` no longer has query parameter \`limit\`.`, at: '9:11' },
    ]),
    edited('a required header added', listing, "      responses:", "        - { name: X-Api-Version, in: header, required: true, schema: { type: string } }\n      responses:", [
      { rule: 'required-parameter-added', level: 'breaking', message: `\`GET /customers/{id}/orders\` has a new required header parameter \`X-Api-Version\`.`, at: '11:11' },
    ]),
    edited('an optional query parameter added', listing, "      responses:", "        - { name: since, in: query, schema: { type: string, format: date } }\n      responses:", [
      { rule: 'optional-parameter-added', level: 'non-breaking', message: `\`GET /customers/{id}/orders\` has a new optional query parameter \`since\`.`, at: '11:11' },
    ]),
    edited('a query parameter now required', listing, 'name: limit, in: query,', 'name: limit, in: query, required: true,', [
      { rule: 'parameter-became-required', level: 'breaking', message: `Query parameter \`limit\` of \`GET /customers/{id}/orders\` is now required.`, at: '9:11' },
    ]),
    edited('a header no longer required', listing, 'in: header, required: true,', 'in: header,', [
      { rule: 'parameter-became-optional', level: 'non-breaking', message: `Header parameter \`X-Tenant\` of \`GET /customers/{id}/orders\` is now optional.`, at: '10:11' },
    ]),
    edited('an array filter sent as one comma-separated value', listing, 'name: status, in: query,', 'name: status, in: query, explode: false,', [
      { rule: 'parameter-serialization-changed', level: 'breaking', message: `Query parameter \`status\` of \`GET /customers/{id}/orders\` is serialized differently: explode true → false.`, at: '8:11' },
    ]),
    edited('a channel parameter removed with its place in the address', regional, `    address: 'orders.{region}'
    parameters:
      region: { description: The region the order was placed in. }`, '    address: orders', [
      { rule: 'parameter-removed', level: 'breaking', message: `Channel \`orders\` no longer has parameter \`region\`.`, at: '7:7' },
    ]),
    // Under `--mode forward|full` a request is checked as emitted data too: old servers may require the header.
    { ...edited('a header no longer required, checked forward', listing, 'in: header, required: true,', 'in: header,', [
      { rule: 'parameter-became-optional', level: 'breaking', message: `Header parameter \`X-Tenant\` of \`GET /customers/{id}/orders\` is now optional: the API's servers may no longer receive it.`, at: '10:11' },
    ]), mode: 'forward' },
    { ...edited('a header no longer required, checked both ways', listing, 'in: header, required: true,', 'in: header,', [
      { rule: 'parameter-became-optional', level: 'breaking', message: `Header parameter \`X-Tenant\` of \`GET /customers/{id}/orders\` is now optional: the API's servers may no longer receive it.`, at: '10:11' },
    ]), mode: 'full' },
    { ...edited('a query parameter now required, checked forward', listing, 'name: limit, in: query,', 'name: limit, in: query, required: true,', [
      { rule: 'parameter-became-required', level: 'non-breaking', message: `Query parameter \`limit\` of \`GET /customers/{id}/orders\` is now required.`, at: '9:11' },
    ]), mode: 'forward' },
    { ...edited('a required header added, checked forward', listing, "      responses:", "        - { name: X-Api-Version, in: header, required: true, schema: { type: string } }\n      responses:", [
      { rule: 'required-parameter-added', level: 'non-breaking', message: `\`GET /customers/{id}/orders\` has a new required header parameter \`X-Api-Version\`.`, at: '11:11' },
    ]), mode: 'forward' },
    { ...edited('a required header added, checked both ways', listing, "      responses:", "        - { name: X-Api-Version, in: header, required: true, schema: { type: string } }\n      responses:", [
      { rule: 'required-parameter-added', level: 'breaking', message: `\`GET /customers/{id}/orders\` has a new required header parameter \`X-Api-Version\`.`, at: '11:11' },
    ]), mode: 'full' },
    edited('a path parameter renamed', listing, `  /customers/{id}/orders:
    get:
      parameters:
        - { name: id,`, `  /customers/{customerId}/orders:
    get:
      parameters:
        - { name: customerId,`, []),
  ],
  run(ctx) {
    if (ctx.base.format === 'openapi' && ctx.rev.format === 'openapi') {
      for (const p of ctx.matched.operations) {
        if (!p.base?.http || !p.rev?.http) continue;
        compareParams(ctx, p.base.http.parameters, p.rev.http.parameters, p.base.http.path, p.rev.http.path, {
          label: opRef(p.rev),
          identity: opIdentity(p.base),
          operation: operationLabel(p.rev),
          // A webhook's parameters (headers) are sent by the API to its subscribers' endpoints.
          dirs: p.rev.http.webhook !== undefined ? ['emit'] : ['accept'],
          // Presence is checked in the directions `--mode` gives (under `full` the engine keeps the worse).
          presence: ctx.dirs(p.rev.http.webhook !== undefined ? 'emit' : 'accept'),
          // Checked as emitted data (`--mode forward|full`), an operation's parameters are read by the API.
          readers: p.rev.http.webhook !== undefined ? WEBHOOK_READERS : API_READERS,
        });
      }
      return;
    }
    for (const c of ctx.matched.channels) {
      if (!c.base || !c.rev) continue;
      const ops = ctx.rev.operations.filter((o) => o.channel === c.rev);
      const dirs: Direction[] = [...new Set(ops.map((o): Direction => (o.action === 'receive' ? 'accept' : 'emit')))];
      compareParams(ctx, c.base.parameters, c.rev.parameters, c.base.address ?? '', c.rev.address ?? '', {
        label: `channel \`${channelLabel(c.rev)}\``,
        identity: `channel ${channelLabel(c.base)}`,
        channel: channelLabel(c.rev),
        dirs: dirs.length ? dirs : ['accept'],
        // A channel parameter is part of the address both sides must agree on: its presence is checked as accepted.
        presence: ['accept'],
      });
    }
  },
};
export default check;

function compareParams(
  ctx: ModelContext,
  bl: Parameter[],
  rl: Parameter[],
  btemplate: string,
  rtemplate: string,
  on: { label: string; identity: string; operation?: string; channel?: string; dirs: Direction[]; presence: Direction[]; readers?: string },
): void {
  const pairs = pairBy(
    bl.map((p) => ({ p, k: paramKey(p, btemplate) })),
    rl.map((p) => ({ p, k: paramKey(p, rtemplate) })),
    (x) => x.k,
  );
  const common = { operation: on.operation, channel: on.channel, dir: on.dirs[0] };
  const readers = on.readers ?? WEBHOOK_READERS;
  for (const pair of pairs) {
    const b = pair.base?.p;
    const r = pair.rev?.p;
    const name = (x: Parameter) => `${x.in === 'channel' ? 'parameter' : `${x.in} parameter`} ${code(x.name)}`;
    const identity = `${on.identity}|param ${(pair.base ?? pair.rev)!.k}`;
    if (b && !r) {
      for (const dir of on.presence)
        ctx.report({ rule: 'parameter-removed', message: `${capital(on.label)} no longer has ${name(b)}${dir === 'emit' ? `: ${readers} no longer receive it` : ''}.`, where: { base: b.source }, identity, ...common, dir });
      continue;
    }
    if (!b && r) {
      for (const dir of on.presence)
        ctx.report({
          rule: r.required ? 'required-parameter-added' : 'optional-parameter-added',
          message: `${capital(on.label)} has a new ${r.required ? 'required' : 'optional'} ${name(r)}.`,
          where: { revision: r.source },
          identity,
          ...common,
          dir,
        });
      continue;
    }
    if (!b || !r) continue;
    if (b.required !== r.required)
      for (const dir of on.presence)
        ctx.report({
          rule: r.required ? 'parameter-became-required' : 'parameter-became-optional',
          message: `${capital(name(r))} of ${on.label} is now ${r.required ? 'required' : dir === 'emit' ? `optional: ${readers} may no longer receive it` : 'optional'}.`,
          where: { base: b.source, revision: r.source },
          identity,
          ...common,
          dir,
        });
    if (b.in !== 'channel') {
      const bs = serialization(ctx.base, b);
      const rs = serialization(ctx.rev, r);
      const what: string[] = [];
      if (bs.style !== rs.style) what.push(`style ${code(bs.style)} → ${code(rs.style)}`);
      if (bs.explode !== rs.explode) what.push(`explode ${bs.explode} → ${rs.explode}`);
      if (bs.allowReserved !== rs.allowReserved) what.push(`allowReserved ${bs.allowReserved} → ${rs.allowReserved}`);
      if (bs.allowEmptyValue && !rs.allowEmptyValue) what.push('empty values no longer allowed');
      if (what.length)
        ctx.report({
          rule: 'parameter-serialization-changed',
          message: `${capital(name(r))} of ${on.label} is serialized differently: ${what.join(', ')}.`,
          where: { base: b.source, revision: r.source },
          identity: `${identity}|${what.join(',')}`,
          ...common,
        });
    }
    if (b.schema && r.schema)
      for (const dir of on.dirs)
        ctx.compareSchemas({
          base: { value: b.schema.value, loc: b.schema.source },
          revision: { value: r.schema.value, loc: r.schema.source },
          dir,
          where: `${name(r)} of ${on.label}`,
          root: 'parameter',
          identity,
          operation: on.operation,
          channel: on.channel,
          ...(on.readers ? { readers: on.readers } : {}),
        });
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
