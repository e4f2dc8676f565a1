import { fixed, type ModelCheck } from '../check.js';
import { opIdentity, opRef, webhookRef } from '../describe.js';
import { channelLabel, normalisePath, operationLabel } from '../match.js';
import { asyncapi, edited, openapi } from '../model-examples.js';

/** The shop publishes order events and receives payment results. */
const shop = asyncapi(`channels:
  orders: { address: orders.events }
  ordersV2: { address: orders.events.v2 }
  payments: { address: payments.results }
operations:
  publishOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
  onPayment:
    action: receive
    channel: { $ref: '#/channels/payments' }
`);

/** An HTTP API to read and cancel an order. */
const rest = openapi(`paths:
  /orders/{id}:
    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
    get:
      operationId: getOrder
      responses: { '200': { description: The order. } }
    delete:
      operationId: cancelOrder
      responses: { '204': { description: Cancelled. } }
`);

/** Operations that appear, disappear, are renamed, change action or move to another channel. */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('operation-removed', 'operation', 'breaking', 'An operation is gone: clients calling it (or consumers of what it sent) break.'),
    fixed('operation-added', 'operation', 'non-breaking', 'A new operation.'),
    fixed('operation-id-changed', 'operation', 'warning', 'The operation id changed; the wire is the same, but generated code and links by id change.'),
    fixed('operation-action-changed', 'operation', 'breaking', 'An AsyncAPI operation switched between send and receive.'),
    fixed('operation-channel-changed', 'operation', 'breaking', 'An operation now uses another channel address.'),
  ],
  examples: () => [
    edited('an HTTP operation removed', rest, `    delete:
      operationId: cancelOrder
      responses: { '204': { description: Cancelled. } }
`, '', [
      { rule: 'operation-removed', level: 'breaking', message: `Operation \`DELETE /orders/{id}\` was removed.`, at: '9:5' },
    ]),
    edited('an operation added to a channel', shop, 'operations:', `  refunds: { address: payments.refunds }
operations:
  publishRefund:
    action: send
    channel: { $ref: '#/channels/refunds' }`, [
      { rule: 'operation-added', level: 'non-breaking', message: `Operation \`publishRefund\` (send on \`payments.refunds\`) was added.`, at: '9:3' },
    ]),
    edited('an operation renamed, on the same channel and action', shop, 'publishOrder:', 'emitOrder:', [
      { rule: 'operation-id-changed', level: 'warning', message: `Operation on \`orders.events\` was renamed from \`publishOrder\` to \`emitOrder\`.`, at: '8:3' },
    ]),
    edited('an HTTP operationId changed', rest, 'operationId: getOrder', 'operationId: fetchOrder', [
      { rule: 'operation-id-changed', level: 'warning', message: `Operation \`GET /orders/{id}\` was renamed from \`getOrder\` to \`fetchOrder\`.`, at: '6:5' },
    ]),
    edited('an operation that now sends instead of receiving', shop, 'action: receive', 'action: send', [
      { rule: 'operation-action-changed', level: 'breaking', message: `Operation \`onPayment\` now sends on \`payments.results\` instead of receiving.`, at: '11:3' },
    ]),
    edited('an operation moved to another channel', shop, "channel: { $ref: '#/channels/orders' }", "channel: { $ref: '#/channels/ordersV2' }", [
      { rule: 'operation-channel-changed', level: 'breaking', message: `Operation \`publishOrder\` moved from \`orders.events\` to \`orders.events.v2\`.`, at: '5:3' },
    ]),
    edited('a webhook removed: subscribers\' endpoints no longer receive it', openapi(`webhooks:
  orderShipped:
    post:
      responses: { '200': { description: Received. } }
  orderCancelled:
    post:
      responses: { '200': { description: Received. } }
`), `  orderCancelled:
    post:
      responses: { '200': { description: Received. } }
`, '', [
      { rule: 'operation-removed', level: 'breaking', message: `Webhook \`orderCancelled\` (\`POST\`) was removed: subscribers' endpoints no longer receive it.`, at: '8:5' },
    ]),
    edited('a path parameter renamed: the same operation', rest, `  /orders/{id}:
    parameters: [{ name: id,`, `  /orders/{orderId}:
    parameters: [{ name: orderId,`, []),
  ],
  run(ctx) {
    for (const p of ctx.matched.operations) {
      if (p.base && !p.rev) {
        const op = p.base;
        ctx.report({
          rule: 'operation-removed',
          message: op.http?.webhook !== undefined ? `${webhookRef(op)} was removed: subscribers' endpoints no longer receive it.` : op.http ? `Operation ${opRef(op)} was removed.` : `Operation \`${op.id}\` (${op.action} on \`${channelLabel(op.channel)}\`) was removed.`,
          where: { base: op.source },
          identity: opIdentity(op),
          operation: operationLabel(op),
          channel: channelLabel(op.channel),
        });
        continue;
      }
      if (!p.base && p.rev) {
        const op = p.rev;
        ctx.report({
          rule: 'operation-added',
          message: op.http?.webhook !== undefined ? `${webhookRef(op)} was added.` : op.http ? `Operation ${opRef(op)} was added.` : `Operation \`${op.id}\` (${op.action} on \`${channelLabel(op.channel)}\`) was added.`,
          where: { revision: op.source },
          identity: opIdentity(op),
          operation: operationLabel(op),
          channel: channelLabel(op.channel),
        });
        continue;
      }
      const b = p.base!;
      const r = p.rev!;
      const common = { identity: opIdentity(b), operation: operationLabel(r), channel: channelLabel(r.channel) };
      // Ids as written: a synthesised one (AsyncAPI 2 without operationId, OpenAPI without operationId) is no name to change.
      const bid = b.operationId;
      const rid = r.operationId;
      if (bid !== rid && bid !== undefined)
        ctx.report({
          rule: 'operation-id-changed',
          message: `${r.http?.webhook !== undefined ? webhookRef(r) : `Operation ${r.http ? opRef(r) : `on \`${channelLabel(r.channel)}\``}`} ${rid === undefined ? `no longer has operationId \`${bid}\`` : bid === undefined ? `now has operationId \`${rid}\`` : `was renamed from \`${bid}\` to \`${rid}\``}.`,
          where: { base: b.source, revision: r.source },
          ...common,
        });
      if (b.action !== r.action && !b.http)
        ctx.report({
          rule: 'operation-action-changed',
          message: `Operation \`${r.id}\` now ${r.action === 'send' ? 'sends' : 'receives'} on \`${channelLabel(r.channel)}\` instead of ${b.action === 'send' ? 'sending' : 'receiving'}.`,
          where: { base: b.source, revision: r.source },
          ...common,
        });
      const bc = b.http ? normalisePath(b.http.path) : b.channel.address ?? b.channel.id;
      const rc = r.http ? normalisePath(r.http.path) : r.channel.address ?? r.channel.id;
      if (bc !== rc)
        ctx.report({
          rule: 'operation-channel-changed',
          message: `Operation \`${r.id}\` moved from \`${channelLabel(b.channel)}\` to \`${channelLabel(r.channel)}\`.`,
          where: { base: b.channel.source, revision: r.channel.source },
          ...common,
        });
    }
  },
};
export default check;
