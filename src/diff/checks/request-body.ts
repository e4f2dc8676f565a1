import { API_READERS, code, directed, fixed, WEBHOOK_READERS, type ModelCheck } from '../check.js';
import type { Direction } from '../types.js';
import { opIdentity, opRef } from '../describe.js';
import { operationLabel, pairBy, schemaOf } from '../match.js';
import { edited, openapi } from '../model-examples.js';

/** Placing an order: a JSON body, required. */
const placing = openapi(`paths:
  /orders:
    post:
      requestBody:
        required: true
        content:
          application/json: { schema: { type: object } }
      responses: { '201': { description: Created. } }
`);

const JSON_BODY = 'application/json: { schema: { type: object } }';

/** Cancelling an order, with no body. */
const cancelling = openapi(`paths:
  /orders/{id}/cancel:
    post:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '204': { description: Cancelled. } }
`);
const body = (required: boolean) => `\n      requestBody:${required ? '\n        required: true' : ''}\n        content:\n          application/json: { schema: { type: object, properties: { reason: { type: string } } } }`;

const mediaKey = (t?: string) => (t ?? '').split(';')[0].trim().toLowerCase();

/** OpenAPI request bodies: presence, `required`, media types, and each body schema as accepted data. */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    directed('request-body-added', 'request', 'non-breaking', 'non-breaking', 'An operation takes a request body.', 'breaking when the new body is required and accepted (not a webhook\'s, whose body the API sends, nor under `--mode forward`)'),
    fixed('request-body-removed', 'request', 'breaking', 'An operation no longer takes a request body: clients that send one may be rejected.'),
    directed('request-body-became-required', 'request', 'breaking', 'non-breaking', 'The request body is now required.', 'non-breaking when emitted (a webhook\'s, or any under `--mode forward`): writers now always send it'),
    directed('request-body-became-optional', 'request', 'non-breaking', 'breaking', 'The request body is no longer required.', 'breaking when emitted (a webhook\'s, or any under `--mode forward|full`): old readers may require it and now receive none'),
    directed('request-media-type-removed', 'request', 'breaking', 'non-breaking', 'The operation no longer accepts a request media type.', 'non-breaking when emitted (a webhook\'s, or any under `--mode forward`): writers send one type fewer'),
    directed('request-media-type-added', 'request', 'non-breaking', 'warning', 'The operation accepts a new request media type.', 'warning when emitted (a webhook\'s, or any under `--mode forward|full`): old readers may receive a type they do not read'),
  ],
  examples: () => [
    edited('an optional body added', cancelling, 'schema: { type: string } }]', `schema: { type: string } }]${body(false)}`, [
      { rule: 'request-body-added', level: 'non-breaking', message: `\`POST /orders/{id}/cancel\` now takes an optional request body.`, at: '9:11' },
    ]),
    edited('a required body added', cancelling, 'schema: { type: string } }]', `schema: { type: string } }]${body(true)}`, [
      { rule: 'request-body-added', level: 'breaking', message: `\`POST /orders/{id}/cancel\` now takes a required request body.`, at: '10:11' },
    ]),
    edited('the body no longer taken', placing, `      requestBody:
        required: true
        content:
          application/json: { schema: { type: object } }
`, '', [
      { rule: 'request-body-removed', level: 'breaking', message: `\`POST /orders\` no longer takes a request body.`, at: '5:5' },
    ]),
    edited('the body no longer required', placing, '        required: true\n', '', [
      { rule: 'request-body-became-optional', level: 'non-breaking', message: `The request body of \`POST /orders\` is now optional.`, at: '8:11' },
    ]),
    edited('the body now required', placing.replace('        required: true\n', ''), '      requestBody:\n', '      requestBody:\n        required: true\n', [
      { rule: 'request-body-became-required', level: 'breaking', message: `The request body of \`POST /orders\` is now required.`, at: '9:11' },
    ]),
    { title: 'XML no longer accepted', base: placing.replace(JSON_BODY, `${JSON_BODY}\n          application/xml: { schema: { type: object } }`), revision: placing, expect: [
      { rule: 'request-media-type-removed', level: 'breaking', message: `\`POST /orders\` no longer accepts request bodies of type \`application/xml\`.`, at: '9:11' },
    ] },
    edited('form data accepted too', placing, JSON_BODY, `${JSON_BODY}\n          application/x-www-form-urlencoded: { schema: { type: object } }`, [
      { rule: 'request-media-type-added', level: 'non-breaking', message: `\`POST /orders\` now accepts request bodies of type \`application/x-www-form-urlencoded\`.`, at: '10:11' },
    ]),
    edited("a webhook body no longer always sent: subscribers' endpoints may now receive none", openapi(`webhooks:
  orderShipped:
    post:
      requestBody:
        required: true
        content:
          application/json: { schema: { type: object } }
      responses: { '200': { description: Received. } }
`), '        required: true\n', '', [
      { rule: 'request-body-became-optional', level: 'breaking', message: `The request body of \`webhook orderShipped POST\` is now optional: subscribers' endpoints may now receive none.`, at: '8:11' },
    ]),
    // Under `--mode forward|full` a request is checked as emitted data too: old servers may require the body.
    { ...edited('the body no longer required, checked forward', placing, '        required: true\n', '', [
      { rule: 'request-body-became-optional', level: 'breaking', message: `The request body of \`POST /orders\` is now optional: the API's servers may now receive none.`, at: '8:11' },
    ]), mode: 'forward' },
    { ...edited('the body no longer required, checked both ways', placing, '        required: true\n', '', [
      { rule: 'request-body-became-optional', level: 'breaking', message: `The request body of \`POST /orders\` is now optional: the API's servers may now receive none.`, at: '8:11' },
    ]), mode: 'full' },
    { ...edited('form data accepted too, checked both ways', placing, JSON_BODY, `${JSON_BODY}\n          application/x-www-form-urlencoded: { schema: { type: object } }`, [
      { rule: 'request-media-type-added', level: 'warning', message: `\`POST /orders\` now accepts request bodies of type \`application/x-www-form-urlencoded\`; the API's servers may not read it.`, at: '10:11' },
    ]), mode: 'full' },
    { ...edited('the body now required, checked forward', placing.replace('        required: true\n', ''), '      requestBody:\n', '      requestBody:\n        required: true\n', [
      { rule: 'request-body-became-required', level: 'non-breaking', message: `The request body of \`POST /orders\` is now required.`, at: '9:11' },
    ]), mode: 'forward' },
    { ...edited('a required body added, checked forward', cancelling, 'schema: { type: string } }]', `schema: { type: string } }]${body(true)}`, [
      { rule: 'request-body-added', level: 'non-breaking', message: `\`POST /orders/{id}/cancel\` now takes a required request body.`, at: '10:11' },
    ]), mode: 'forward' },
    { title: 'XML no longer accepted, checked forward', mode: 'forward', base: placing.replace(JSON_BODY, `${JSON_BODY}\n          application/xml: { schema: { type: object } }`), revision: placing, expect: [
      { rule: 'request-media-type-removed', level: 'non-breaking', message: `\`POST /orders\` no longer accepts request bodies of type \`application/xml\`.`, at: '9:11' },
    ] },
    edited('the media type written with a charset', placing, 'application/json:', "'application/json; charset=utf-8':", []),
  ],
  run(ctx) {
    for (const p of ctx.matched.operations) {
      const b = p.base;
      const r = p.rev;
      if (!b?.http || !r?.http) continue;
      const bb = b.http.requestBodies;
      const rb = r.http.requestBodies;
      // A webhook's request is sent by the API: its body is emitted data, read by its subscribers' endpoints.
      const webhook = r.http.webhook !== undefined;
      const takes = webhook ? 'sends' : 'takes';
      const natural: Direction = webhook ? 'emit' : 'accept';
      // Checked as emitted data (a webhook's, or any under `--mode forward|full`), who reads the body.
      const readers = webhook ? WEBHOOK_READERS : API_READERS;
      const base = { operation: operationLabel(r), identity: opIdentity(b) };
      // `--mode` decides which way the presence of a body is checked, as it does for its schema; under `full`
      // both reports share an identity and the engine keeps the worse.
      for (const dir of ctx.dirs(natural)) {
        const common = { ...base, dir };
        const emitted = dir === 'emit';
        if (bb.length && !rb.length) {
          ctx.report({ rule: 'request-body-removed', message: `${opRef(r)} no longer ${takes} a request body${emitted ? `: ${readers} no longer receive it` : ''}.`, where: { base: bb[0].source, revision: r.source }, ...common });
          continue;
        }
        if (!bb.length && rb.length) {
          const required = rb[0].required === true;
          ctx.report({
            rule: 'request-body-added',
            message: `${opRef(r)} now ${takes} ${required ? 'a required' : 'an optional'} request body.`,
            where: { base: b.source, revision: rb[0].source },
            ...common,
            ...(required && !emitted ? { level: 'breaking' as const } : {}),
          });
          continue;
        }
        if (!bb.length) continue;
        const breq = bb[0].required === true;
        const rreq = rb[0].required === true;
        if (breq !== rreq)
          ctx.report({
            rule: rreq ? 'request-body-became-required' : 'request-body-became-optional',
            message: `The request body of ${opRef(r)} is now ${rreq ? 'required' : emitted ? `optional: ${readers} may now receive none` : 'optional'}.`,
            where: { base: bb[0].source, revision: rb[0].source },
            ...common,
          });
        for (const m of pairBy(withType(bb), withType(rb), (x) => mediaKey(x.contentType))) {
          if (m.base && !m.rev)
            ctx.report({
              rule: 'request-media-type-removed',
              message: `${opRef(r)} no longer ${webhook ? 'sends' : 'accepts'} request bodies of type ${code(m.base.contentType)}.`,
              where: { base: m.base.source, revision: rb[0].source },
              ...common,
              identity: `${common.identity}|${mediaKey(m.base.contentType)}`,
            });
          else if (!m.base && m.rev)
            ctx.report({
              rule: 'request-media-type-added',
              message: `${opRef(r)} now ${webhook ? 'sends' : 'accepts'} request bodies of type ${code(m.rev.contentType)}${emitted ? `; ${readers} may not read it` : ''}.`,
              where: { base: bb[0].source, revision: m.rev.source },
              ...common,
              identity: `${common.identity}|${mediaKey(m.rev.contentType)}`,
            });
        }
      }
      if (!bb.length || !rb.length) continue;
      // Body schemas: the engine applies `--mode` to the use's natural direction itself.
      for (const m of pairBy(withType(bb), withType(rb), (x) => mediaKey(x.contentType)))
        if (m.base && m.rev && (m.base.payload || m.rev.payload))
          ctx.compareSchemas({
            base: schemaOf(m.base),
            revision: schemaOf(m.rev),
            dir: natural,
            where: `request body of \`${operationLabel(r)}\`${withType(rb).length > 1 ? ` (${m.rev.contentType})` : ''}`,
            root: 'request body',
            identity: `${base.identity}|request ${mediaKey(m.base.contentType)}`,
            operation: base.operation,
            readers,
          });
    }
  },
};
export default check;

type Body = { contentType?: string };
const withType = <T extends Body>(list: T[]) => list.filter((m) => m.contentType !== undefined);
