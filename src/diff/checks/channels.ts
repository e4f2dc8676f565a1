import { fixed, type ModelCheck } from '../check.js';
import { channelLabel } from '../match.js';
import { asyncapi, edited } from '../model-examples.js';

/** Order events on one channel, refunds on another. */
const events = asyncapi(`channels:
  orderEvents:
    address: orders.events
    messages:
      OrderPlaced: { payload: { type: object } }
  refunds:
    address: payments.refunds
    messages:
      RefundIssued: { payload: { type: object } }
`);

/** Without the refunds channel. */
const ordersOnly = events.replace(/  refunds:[^]*$/, '');

/** AsyncAPI channels that appear, disappear or change address (OpenAPI paths are covered by their operations). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('channel-removed', 'channel', 'breaking', 'A channel address is gone: whoever sends to or listens on it breaks.'),
    fixed('channel-added', 'channel', 'non-breaking', 'A new channel.'),
    fixed('channel-address-changed', 'channel', 'breaking', 'A channel (same id) has a new address: senders and listeners on the old address break.'),
  ],
  examples: () => [
    { title: 'the refunds channel removed', base: events, revision: ordersOnly, expect: [
      { rule: 'channel-removed', level: 'breaking', message: `Channel \`payments.refunds\` was removed.`, at: '8:3' },
    ] },
    { title: 'a refunds channel added', base: ordersOnly, revision: events, expect: [
      { rule: 'channel-added', level: 'non-breaking', message: `Channel \`payments.refunds\` was added.`, at: '8:3' },
    ] },
    edited('a channel moved to a new address', events, 'address: orders.events', 'address: orders.events.v2', [
      { rule: 'channel-address-changed', level: 'breaking', message: `Channel \`orderEvents\` moved from address \`orders.events\` to \`orders.events.v2\`.`, at: '4:3' },
    ]),
    edited('a channel whose address is now only known at runtime', events, 'address: payments.refunds', 'address: null', [
      { rule: 'channel-address-changed', level: 'breaking', message: `Channel \`refunds\` no longer has a fixed address (it was \`payments.refunds\`).`, at: '8:3' },
    ]),
    edited('a channel renamed in the document, its address kept', events, 'orderEvents:', 'orders:', []),
    edited('a channel described', events, 'address: payments.refunds', 'address: payments.refunds\n    description: Refunds issued to customers.', []),
  ],
  run(ctx) {
    if (ctx.base.format !== 'asyncapi' || ctx.rev.format !== 'asyncapi') return;
    for (const p of ctx.matched.channels) {
      if (p.base && !p.rev)
        ctx.report({ rule: 'channel-removed', message: `Channel \`${channelLabel(p.base)}\` was removed.`, where: { base: p.base.source }, identity: `channel ${channelLabel(p.base)}`, channel: channelLabel(p.base) });
      else if (!p.base && p.rev)
        ctx.report({ rule: 'channel-added', message: `Channel \`${channelLabel(p.rev)}\` was added.`, where: { revision: p.rev.source }, identity: `channel ${channelLabel(p.rev)}`, channel: channelLabel(p.rev) });
      else if (p.base && p.rev && (p.base.address ?? null) !== (p.rev.address ?? null))
        ctx.report({
          rule: 'channel-address-changed',
          message: `Channel \`${p.rev.id}\` ${moved(p.base.address, p.rev.address)}.`,
          where: { base: p.base.source, revision: p.rev.source },
          identity: `channel #${p.base.id}`,
          channel: channelLabel(p.rev),
        });
    }
  },
};
export default check;

/** A null address is one only known at runtime: say so rather than show the channel id as an address. */
function moved(from: string | null | undefined, to: string | null | undefined): string {
  if (from == null) return `now has the fixed address \`${to}\``;
  if (to == null) return `no longer has a fixed address (it was \`${from}\`)`;
  return `moved from address \`${from}\` to \`${to}\``;
}
