import { fixed, type ModelCheck } from '../check.js';
import { messageLabel, opIdentity, webhookRef } from '../describe.js';
import { channelLabel, operationLabel, pairMessages } from '../match.js';
import { edited, openapi } from '../model-examples.js';

/** Listing orders, with a `status` filter and a legacy `state` filter on its way out. */
const listing = openapi(`paths:
  /orders:
    get:
      operationId: listOrders
      parameters:
        - { name: status, in: query, schema: { type: string } }
        - { name: state, in: query, deprecated: true, schema: { type: string } }
      responses:
        '200':
          description: The orders.
          headers: { X-Total-Count: { schema: { type: integer } } }
`);

/**
 * `deprecated` on operations, messages and (through the schema comparison) properties. Deprecating is a
 * minor change by semver (item 7); taking a deprecation back is too.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('deprecated', 'docs', 'non-breaking', 'An operation, message, parameter or property is now deprecated (semver: minor).'),
    fixed('undeprecated', 'docs', 'non-breaking', 'A deprecation was withdrawn.'),
  ],
  examples: () => [
    edited('an operation deprecated', listing, 'operationId: listOrders', 'operationId: listOrders\n      deprecated: true', [
      { rule: 'deprecated', level: 'non-breaking', message: `Operation \`GET /orders\` is now deprecated.`, at: '5:5' },
    ]),
    edited('a query parameter deprecated', listing, 'name: status, in: query,', 'name: status, in: query, deprecated: true,', [
      { rule: 'deprecated', level: 'non-breaking', message: `Query parameter \`status\` of \`GET /orders\` is now deprecated.`, at: '8:11' },
    ]),
    edited('a deprecation withdrawn from a query parameter', listing, 'in: query, deprecated: true,', 'in: query,', [
      { rule: 'undeprecated', level: 'non-breaking', message: `Query parameter \`state\` of \`GET /orders\` is no longer deprecated.`, at: '9:11' },
    ]),
    edited('a response header deprecated', listing, 'X-Total-Count: { schema', 'X-Total-Count: { deprecated: true, schema', [
      { rule: 'deprecated', level: 'non-breaking', message: `Header \`X-Total-Count\` of the \`200\` response of \`GET /orders\` is now deprecated.`, at: '13:22' },
    ]),
    edited('a deprecated parameter removed: not a deprecation change', listing, "        - { name: state, in: query, deprecated: true, schema: { type: string } }\n", '', []),
  ],
  run(ctx) {
    for (const p of ctx.matched.operations) {
      if (!p.base || !p.rev) continue;
      const common = { operation: operationLabel(p.rev), channel: channelLabel(p.rev.channel), identity: opIdentity(p.base), where: { base: p.base.source, revision: p.rev.source } };
      if (p.base.deprecated !== p.rev.deprecated)
        ctx.report({ rule: p.rev.deprecated ? 'deprecated' : 'undeprecated', message: `${p.rev.http?.webhook !== undefined ? webhookRef(p.rev) : `Operation \`${operationLabel(p.rev)}\``} is ${p.rev.deprecated ? 'now' : 'no longer'} deprecated.`, ...common });
      if (p.base.http && p.rev.http) {
        for (const bp of p.base.http.parameters) {
          const rp = p.rev.http.parameters.find((x) => x.in === bp.in && x.name === bp.name);
          if (rp && !!bp.deprecated !== !!rp.deprecated)
            ctx.report({
              rule: rp.deprecated ? 'deprecated' : 'undeprecated',
              message: `${bp.in.charAt(0).toUpperCase()}${bp.in.slice(1)} parameter \`${bp.name}\` of \`${operationLabel(p.rev)}\` is ${rp.deprecated ? 'now' : 'no longer'} deprecated.`,
              ...common,
              identity: `${common.identity}|param ${bp.in}:${bp.name}`,
              where: { base: bp.source, revision: rp.source },
            });
        }
        continue;
      }
      for (const m of pairMessages(p.base.messages, p.rev.messages))
        if (m.base && m.rev && m.base.deprecated !== m.rev.deprecated)
          ctx.report({
            rule: m.rev.deprecated ? 'deprecated' : 'undeprecated',
            message: `Message \`${messageLabel(m.rev)}\` of \`${p.rev.id}\` is ${m.rev.deprecated ? 'now' : 'no longer'} deprecated.`,
            ...common,
            identity: `${common.identity}|msg ${messageLabel(m.base)}`,
            where: { base: m.base.source, revision: m.rev.source },
          });
    }
  },
};
export default check;
