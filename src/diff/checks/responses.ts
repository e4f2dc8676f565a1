import type { Message, Parameter } from '../../model/types.js';
import { API_READERS, code, fixed, WEBHOOK_READERS, type ModelCheck, type ModelContext } from '../check.js';
import { opIdentity, opRef } from '../describe.js';
import { operationLabel, pairBy, schemaOf } from '../match.js';
import { edited, openapi } from '../model-examples.js';

/** Creating an order: a `201` with a `Location` header and a JSON body, and a `409`. */
const creating = openapi(`paths:
  /orders:
    post:
      responses:
        '201':
          description: Created.
          headers:
            Location: { required: true, schema: { type: string } }
            X-Request-Id: { schema: { type: string } }
          content:
            application/json: { schema: { type: object } }
        '409': { description: A duplicate order. }
`);

const mediaKey = (t?: string) => (t ?? '').split(';')[0].trim().toLowerCase();

/**
 * OpenAPI responses, which the API emits: status codes and media types that disappear or appear,
 * response headers, and each response schema compared as emitted data.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('response-removed', 'response', 'breaking', 'A documented response status is gone: clients that handle it lose it.'),
    fixed('response-added', 'response', 'non-breaking', 'A new response status.'),
    fixed('response-media-type-removed', 'response', 'breaking', 'A response media type is gone: clients that ask for it get something else.'),
    fixed('response-media-type-added', 'response', 'non-breaking', 'A new response media type.'),
    fixed('response-header-removed', 'response', 'breaking', 'A response header is gone: clients that read it (`Location`, `ETag`, rate limits) break.', 'non-breaking for a webhook, whose responses the API reads'),
    fixed('response-header-serialization-changed', 'response', 'breaking', 'A response header is serialized differently (`style`, `explode`).'),
    fixed('response-header-added', 'response', 'non-breaking', 'A new response header.', "breaking for a webhook when required: subscribers' endpoints must now send it"),
    fixed('response-header-became-optional', 'response', 'breaking', 'A required response header is now optional: clients may no longer receive it.', 'non-breaking for a webhook, whose responses the API reads'),
    fixed('response-header-became-required', 'response', 'non-breaking', 'A response header is now always sent.', "breaking for a webhook: subscribers' endpoints must now send it"),
  ],
  examples: () => [
    edited('a documented response removed', creating, "        '409': { description: A duplicate order. }\n", '', [
      { rule: 'response-removed', level: 'breaking', message: `\`POST /orders\` no longer documents the \`409\` response.`, at: '5:5' },
    ]),
    edited('a new response documented', creating, "        '409':", "        '422': { description: An invalid order. }\n        '409':", [
      { rule: 'response-added', level: 'non-breaking', message: `\`POST /orders\` now documents a \`422\` response.`, at: '14:9' },
    ]),
    edited('JSON responses replaced by XML', creating, 'application/json: { schema: { type: object } }', 'application/xml: { schema: { type: object } }', [
      { rule: 'response-media-type-removed', level: 'breaking', message: `The \`201\` response of \`POST /orders\` no longer has media type \`application/json\`.`, at: '13:13' },
      { rule: 'response-media-type-added', level: 'non-breaking', message: `The \`201\` response of \`POST /orders\` now has media type \`application/xml\`.`, at: '13:13' },
    ]),
    edited('a response media type added', creating, 'application/json: { schema: { type: object } }', 'application/json: { schema: { type: object } }\n            application/xml: { schema: { type: object } }', [
      { rule: 'response-media-type-added', level: 'non-breaking', message: `The \`201\` response of \`POST /orders\` now has media type \`application/xml\`.`, at: '14:13' },
    ]),
    edited('a response header removed', creating, '            X-Request-Id: { schema: { type: string } }\n', '', [
      { rule: 'response-header-removed', level: 'breaking', message: `The \`201\` response of \`POST /orders\` no longer has header \`X-Request-Id\`.`, at: '11:13' },
    ]),
    edited('a response header added', creating, '            X-Request-Id:', '            X-RateLimit-Remaining: { schema: { type: integer } }\n            X-Request-Id:', [
      { rule: 'response-header-added', level: 'non-breaking', message: `The \`201\` response of \`POST /orders\` now has header \`X-RateLimit-Remaining\`.`, at: '11:13' },
    ]),
    edited('a response header no longer always sent', creating, 'Location: { required: true, schema', 'Location: { schema', [
      { rule: 'response-header-became-optional', level: 'breaking', message: `Header \`Location\` of the \`201\` response of \`POST /orders\` is now optional; clients may no longer receive it.`, at: '10:13' },
    ]),
    edited('a response header now always sent', creating, 'X-Request-Id: { schema', 'X-Request-Id: { required: true, schema', [
      { rule: 'response-header-became-required', level: 'non-breaking', message: `Header \`X-Request-Id\` of the \`201\` response of \`POST /orders\` is now required.`, at: '11:13' },
    ]),
    edited('a response header serialized differently', creating, 'X-Request-Id: { schema', 'X-Request-Id: { explode: true, schema', [
      { rule: 'response-header-serialization-changed', level: 'breaking', message: `Header \`X-Request-Id\` of the \`201\` response of \`POST /orders\` is serialized differently: simple/no-explode → simple/explode.`, at: '11:13' },
    ]),
    edited("a webhook whose subscribers' endpoints must now answer with a header", openapi(`webhooks:
  orderShipped:
    post:
      responses:
        '200':
          description: Received.
          headers:
            X-Receipt: { schema: { type: string } }
`), 'X-Receipt: { schema', 'X-Receipt: { required: true, schema', [
      { rule: 'response-header-became-required', level: 'breaking', message: `Header \`X-Receipt\` of the \`200\` response of \`webhook orderShipped POST\` is now required: subscribers' endpoints must now send it.`, at: '10:13' },
    ]),
    edited('a response header names matched without case', creating, 'X-Request-Id:', 'x-request-id:', []),
  ],
  run(ctx) {
    for (const p of ctx.matched.operations) {
      const b = p.base;
      const r = p.rev;
      if (!b?.http || !r?.http) continue;
      // A webhook's responses come from its subscribers' endpoints: the API accepts them.
      const webhook = r.http.webhook !== undefined;
      const common = { operation: operationLabel(r), dir: webhook ? ('accept' as const) : ('emit' as const) };
      const id = opIdentity(b);
      const byStatus = (list: Message[]) => {
        const m = new Map<string, Message[]>();
        for (const x of list) m.set(x.status ?? '', [...(m.get(x.status ?? '') ?? []), x]);
        return m;
      };
      const bs = byStatus(b.http.responses);
      const rs = byStatus(r.http.responses);
      for (const [status, bl] of bs) {
        const rl = rs.get(status);
        if (!rl) {
          ctx.report({ rule: 'response-removed', message: `${opRef(r)} no longer documents the \`${status}\` response.`, where: { base: bl[0].source, revision: r.source }, identity: `${id}|${status}`, ...common });
          continue;
        }
        compareHeaders(ctx, webhook, status, bl[0].headerParameters ?? [], rl[0].headerParameters ?? [], `${id}|${status}`, operationLabel(r));
        const typed = (l: Message[]) => l.filter((m) => m.contentType !== undefined);
        for (const m of pairBy(typed(bl), typed(rl), (x) => mediaKey(x.contentType))) {
          if (m.base && !m.rev)
            ctx.report({
              rule: 'response-media-type-removed',
              message: `The \`${status}\` response of ${opRef(r)} no longer has media type ${code(m.base.contentType)}.`,
              where: { base: m.base.source, revision: rl[0].source },
              identity: `${id}|${status}|${mediaKey(m.base.contentType)}`,
              ...common,
            });
          else if (!m.base && m.rev)
            ctx.report({
              rule: 'response-media-type-added',
              message: `The \`${status}\` response of ${opRef(r)} now has media type ${code(m.rev.contentType)}.`,
              where: { base: bl[0].source, revision: m.rev.source },
              identity: `${id}|${status}|${mediaKey(m.rev.contentType)}`,
              ...common,
            });
          else if (m.base && m.rev && (m.base.payload || m.rev.payload))
            ctx.compareSchemas({
              base: schemaOf(m.base),
              revision: schemaOf(m.rev),
              dir: common.dir,
              where: `\`${status}\` response of \`${operationLabel(r)}\`${typed(rl).length > 1 ? ` (${m.rev.contentType})` : ''}`,
              root: 'response body',
              identity: `${id}|${status}|${mediaKey(m.base.contentType)}`,
              operation: common.operation,
              // A webhook's answer is read by the API (as emitted data only under `--mode forward|full`).
              ...(webhook ? { readers: API_READERS } : {}),
            });
        }
      }
      for (const [status, rl] of rs)
        if (!bs.has(status))
          ctx.report({ rule: 'response-added', message: `${opRef(r)} now documents a \`${status}\` response.`, where: { base: b.source, revision: rl[0].source }, identity: `${id}|${status}`, ...common });
    }
  },
};
export default check;

/** `webhook`: the headers are the subscribers' endpoints' answer, which the API accepts; their presence rules turn around. */
function compareHeaders(ctx: ModelContext, webhook: boolean, status: string, bh: Parameter[], rh: Parameter[], identity: string, operation: string): void {
  const label = `\`${status}\` response of \`${operation}\``;
  const common = { operation, dir: webhook ? ('accept' as const) : ('emit' as const) };
  for (const p of pairBy(bh, rh, (h) => h.name.toLowerCase())) {
    if (p.base && !p.rev) {
      ctx.report({
        rule: 'response-header-removed',
        message: `The ${label} no longer has header \`${p.base.name}\`.`,
        where: { base: p.base.source },
        identity: `${identity}|header ${p.base.name.toLowerCase()}`,
        ...common,
        ...(webhook ? { level: 'non-breaking' as const } : {}),
      });
    } else if (!p.base && p.rev) {
      ctx.report({
        rule: 'response-header-added',
        message: `The ${label} now has ${webhook && p.rev.required ? 'required ' : ''}header \`${p.rev.name}\`${webhook && p.rev.required ? `: ${WEBHOOK_READERS} must now send it` : ''}.`,
        where: { revision: p.rev.source },
        identity: `${identity}|header ${p.rev.name.toLowerCase()}`,
        ...common,
        ...(webhook && p.rev.required ? { level: 'breaking' as const } : {}),
      });
    } else if (p.base && p.rev) {
      if (p.base.required !== p.rev.required)
        ctx.report({
          rule: p.rev.required ? 'response-header-became-required' : 'response-header-became-optional',
          message: `Header \`${p.rev.name}\` of the ${label} is now ${p.rev.required ? (webhook ? `required: ${WEBHOOK_READERS} must now send it` : 'required') : webhook ? 'optional' : `optional; clients may no longer receive it`}.`,
          where: { base: p.base.source, revision: p.rev.source },
          identity: `${identity}|header ${p.base.name.toLowerCase()}`,
          ...common,
          ...(webhook ? { level: p.rev.required ? ('breaking' as const) : ('non-breaking' as const) } : {}),
        });
      const ser = (m: ModelContext['base'], h: Parameter) => {
        const raw = (m.workspace.get(h.source) ?? {}) as Record<string, unknown>;
        return `${typeof raw.style === 'string' ? raw.style : 'simple'}/${raw.explode === true ? 'explode' : 'no-explode'}`;
      };
      const bs = ser(ctx.base, p.base);
      const rs = ser(ctx.rev, p.rev);
      if (bs !== rs)
        ctx.report({
          rule: 'response-header-serialization-changed',
          message: `Header \`${p.rev.name}\` of the ${label} is serialized differently: ${bs} → ${rs}.`,
          where: { base: p.base.source, revision: p.rev.source },
          identity: `${identity}|header ${p.base.name.toLowerCase()}|${rs}`,
          ...common,
        });
      if (!!p.base.deprecated !== !!p.rev.deprecated)
        ctx.report({
          rule: p.rev.deprecated ? 'deprecated' : 'undeprecated',
          message: `Header \`${p.rev.name}\` of the ${label} is ${p.rev.deprecated ? 'now' : 'no longer'} deprecated.`,
          where: { base: p.base.source, revision: p.rev.source },
          identity: `${identity}|header ${p.base.name.toLowerCase()}`,
          ...common,
        });
      if (p.base.schema && p.rev.schema)
        ctx.compareSchemas({
          base: { value: p.base.schema.value, loc: p.base.schema.source },
          revision: { value: p.rev.schema.value, loc: p.rev.schema.source },
          dir: common.dir,
          where: `header \`${p.rev.name}\` of the ${label}`,
          root: 'header',
          identity: `${identity}|header ${p.base.name.toLowerCase()}`,
          operation,
          ...(webhook ? { readers: API_READERS } : {}),
        });
    }
  }
}
