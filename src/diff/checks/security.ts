import { same } from '../canonical.js';
import type { ApiModel, Operation } from '../../model/types.js';
import { code, fixed, type ModelCheck } from '../check.js';
import { opIdentity, opRef } from '../describe.js';
import { operationLabel } from '../match.js';
import { edited, openapi } from '../model-examples.js';

/** Orders read with an OAuth token (scope `orders:read`) or an API key. */
const secured = openapi(`security: [{ oauth: [orders:read] }, { apiKey: [] }]
paths:
  /orders:
    get:
      responses: { '200': { description: The orders. } }
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-Api-Key }
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://auth.example.com/token
          scopes: { 'orders:read': Read orders., 'orders:write': Place orders. }
`);

type Obj = Record<string, unknown>;
type Alternative = Map<string, Set<string>>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** OpenAPI security of an operation: a list of alternatives, each a set of schemes with scopes. */
function alternatives(model: ApiModel, op: Operation): Alternative[] | undefined {
  const raw = model.workspace.get(op.source) as Obj | undefined;
  const list = raw && raw.security !== undefined ? raw.security : model.document.security;
  if (!Array.isArray(list)) return undefined;
  return list.filter(isObj).map((alt) => new Map(Object.entries(alt).map(([k, v]) => [k, new Set(Array.isArray(v) ? v.map(String) : [])])));
}

/** Credentials that satisfy `have` also satisfy `need` when `need` asks for no more schemes and scopes. */
function satisfies(have: Alternative, need: Alternative): boolean {
  for (const [scheme, scopes] of need) {
    const h = have.get(scheme);
    if (!h) return false;
    for (const s of scopes) if (!h.has(s)) return false;
  }
  return true;
}

const show = (a: Alternative) => (a.size === 0 ? 'no authentication' : [...a].map(([k, v]) => (v.size ? `${k} (${[...v].join(', ')})` : k)).join(' + '));

const SCHEME_FIELDS = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'openIdConnectUrl'];
const FLOW_URLS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'];

/**
 * Security: an operation that asks more of a caller's credentials breaks it; a security scheme that
 * changes how credentials are sent (type, location, header name, flow URLs) breaks every caller using it.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('security-requirement-added', 'security', 'breaking', 'An operation requires credentials (a scheme or a scope) that were not needed before.'),
    fixed('security-requirement-removed', 'security', 'non-breaking', 'An operation accepts credentials it did not accept before.'),
    fixed('security-scheme-changed', 'security', 'breaking', 'A security scheme sends or obtains credentials differently.'),
    fixed('security-scheme-removed', 'security', 'breaking', 'A security scheme is gone.'),
    fixed('security-scope-removed', 'security', 'breaking', 'An OAuth flow no longer offers a scope.'),
  ],
  examples: () => [
    edited('an extra scope required', secured, '[{ oauth: [orders:read] },', "[{ oauth: [orders:read, orders:write] },", [
      { rule: 'security-requirement-added', level: 'breaking', message: `\`GET /orders\` no longer accepts oauth (orders:read); it requires oauth (orders:read, orders:write) or apiKey.`, at: '6:5' },
    ]),
    edited('API keys no longer accepted', secured, ', { apiKey: [] }]', ']', [
      { rule: 'security-requirement-added', level: 'breaking', message: `\`GET /orders\` no longer accepts apiKey; it requires oauth (orders:read).`, at: '6:5' },
    ]),
    edited('anonymous reads allowed', secured, '{ apiKey: [] }]', '{ apiKey: [] }, {}]', [
      { rule: 'security-requirement-removed', level: 'non-breaking', message: `\`GET /orders\` now accepts no authentication.`, at: '6:5' },
    ]),
    edited('the API key sent in another header', secured, 'name: X-Api-Key', 'name: Authorization', [
      { rule: 'security-scheme-changed', level: 'breaking', message: `Security scheme \`apiKey\` changed: name \`X-Api-Key\` → \`Authorization\`.`, at: '10:5' },
    ]),
    edited('another token URL', secured, 'https://auth.example.com/token', 'https://login.example.com/token', [
      { rule: 'security-scheme-changed', level: 'breaking', message: `Security scheme \`oauth\` changed: flows.clientCredentials.tokenUrl \`https://auth.example.com/token\` → \`https://login.example.com/token\`.`, at: '11:5' },
    ]),
    edited('a scope no longer offered', secured, ", 'orders:write': Place orders.", '', [
      { rule: 'security-scope-removed', level: 'breaking', message: `Security scheme \`oauth\` (clientCredentials flow) no longer offers scope \`orders:write\`.`, at: '11:5' },
    ]),
    { title: 'a basic-auth scheme removed', base: secured.replace('    apiKey: { type: apiKey, in: header, name: X-Api-Key }\n', "    apiKey: { type: apiKey, in: header, name: X-Api-Key }\n    basic: { type: http, scheme: basic }\n"), revision: secured, expect: [
      { rule: 'security-scheme-removed', level: 'breaking', message: `Security scheme \`basic\` was removed.`, at: '11:5' },
    ] },
    edited('a new scope offered', secured, "'orders:write': Place orders.", "'orders:write': Place orders., 'orders:cancel': Cancel orders.", []),
  ],
  run(ctx) {
    if (ctx.base.format === 'openapi' && ctx.rev.format === 'openapi')
      for (const p of ctx.matched.operations) {
        if (!p.base || !p.rev) continue;
        const ba = alternatives(ctx.base, p.base) ?? [new Map()];
        const ra = alternatives(ctx.rev, p.rev) ?? [new Map()];
        const common = { operation: operationLabel(p.rev), identity: opIdentity(p.base), where: { base: p.base.source, revision: p.rev.source } };
        // A webhook's security is what subscribers' endpoints require of the API, which calls them.
        const webhook = p.rev.http?.webhook !== undefined;
        for (const old of ba)
          if (!ra.some((n) => satisfies(old, n)))
            ctx.report({ rule: 'security-requirement-added', message: webhook ? `${opRef(p.rev)} no longer calls subscribers' endpoints with ${show(old)}; it uses ${ra.map(show).join(' or ')}.` : `${opRef(p.rev)} no longer accepts ${show(old)}; it requires ${ra.map(show).join(' or ')}.`, ...common, identity: `${common.identity}|${show(old)}` });
        for (const n of ra)
          if (!ba.some((old) => satisfies(n, old)))
            ctx.report({ rule: 'security-requirement-removed', message: webhook ? `${opRef(p.rev)} may now call subscribers' endpoints with ${show(n)}.` : `${opRef(p.rev)} now accepts ${show(n)}.`, ...common, identity: `${common.identity}|${show(n)}` });
      }
    const schemes = (m: ApiModel) => {
      const out = new Map<string, { value: Obj; loc: { file: string; pointer: string } }>();
      for (const s of m.securitySchemes) {
        const v = m.workspace.get(s.source);
        if (isObj(v)) out.set(s.id, { value: v, loc: s.source });
      }
      return out;
    };
    const bs = schemes(ctx.base);
    const rs = schemes(ctx.rev);
    for (const [id, b] of bs) {
      const r = rs.get(id);
      if (!r) {
        ctx.report({ rule: 'security-scheme-removed', message: `Security scheme \`${id}\` was removed.`, where: { base: b.loc }, identity: `scheme ${id}` });
        continue;
      }
      const changed = SCHEME_FIELDS.filter((f) => !same(b.value[f], r.value[f]));
      const bf = isObj(b.value.flows) ? b.value.flows : {};
      const rf = isObj(r.value.flows) ? r.value.flows : {};
      for (const flow of new Set([...Object.keys(bf), ...Object.keys(rf)])) {
        const x = isObj(bf[flow]) ? (bf[flow] as Obj) : undefined;
        const y = isObj(rf[flow]) ? (rf[flow] as Obj) : undefined;
        if (!x || !y) {
          if (x) changed.push(`flows.${flow} removed`);
          continue;
        }
        for (const u of FLOW_URLS) if (x[u] !== y[u]) changed.push(`flows.${flow}.${u}`);
        const xs = isObj(x.scopes) ? Object.keys(x.scopes) : [];
        const ys = isObj(y.scopes) ? Object.keys(y.scopes) : [];
        for (const s of xs)
          if (!ys.includes(s))
            ctx.report({ rule: 'security-scope-removed', message: `Security scheme \`${id}\` (${flow} flow) no longer offers scope ${code(s)}.`, where: { base: b.loc, revision: r.loc }, identity: `scheme ${id}|${flow}|${s}` });
      }
      if (changed.length)
        ctx.report({
          rule: 'security-scheme-changed',
          message: `Security scheme \`${id}\` changed: ${changed.map((f) => (f.includes(' ') ? f : `${f} ${code(String(getPath(b.value, f) ?? 'unset'))} → ${code(String(getPath(r.value, f) ?? 'unset'))}`)).join(', ')}.`,
          where: { base: b.loc, revision: r.loc },
          identity: `scheme ${id}|${changed.join(',')}`,
        });
    }
  },
};
export default check;

function getPath(o: Obj, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) cur = isObj(cur) ? cur[k] : undefined;
  return cur;
}
