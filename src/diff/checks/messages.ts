import type { Message, Operation } from '../../model/types.js';
import { code, directed, fixed, type ModelCheck, type ModelContext } from '../check.js';
import { messageLabel, messageOn, messagePlace, opIdentity } from '../describe.js';
import { channelLabel, operationLabel, pairMessages } from '../match.js';
import type { Direction } from '../types.js';
import { asyncapi, edited } from '../model-examples.js';
import { payloadFormat } from '../../formats/index.js';
import type { SchemaNode } from '../../model/types.js';
import { renderPath } from '../schema/compare.js';

/** The shop receives order requests and replies to each; it publishes order events. */
const shop = asyncapi(`channels:
  requests:
    address: orders.requests
    messages:
      PlaceOrder: { correlationId: { location: '$message.header#/requestId' }, payload: { type: object } }
  replies:
    address: orders.replies
    messages:
      OrderAccepted: { payload: { type: object } }
  events:
    address: orders.events
    messages:
      OrderPlaced: { contentType: application/json, payload: { type: object } }
operations:
  placeOrder:
    action: receive
    channel: { $ref: '#/channels/requests' }
    reply: { channel: { $ref: '#/channels/replies' } }
  publishOrder:
    action: send
    channel: { $ref: '#/channels/events' }
`);

/** The shop does not reply to order requests. */
const noReply = shop.replace("\n    reply: { channel: { $ref: '#/channels/replies' } }", '');

/** Each requester names where its reply goes, in the `replyTo` header. */
const dynamic = shop
  .replace('address: orders.replies', 'address: null')
  .replace("reply: { channel:", "reply: { address: { location: '$message.header#/replyTo' }, channel:");

/** The shop also publishes `OrderShipped` events. */
const withShipped = shop.replace('      OrderPlaced:', '      OrderShipped: { payload: { type: object } }\n      OrderPlaced:');

/**
 * AsyncAPI messages of each matched operation and of its reply: messages that appear or disappear,
 * content type and correlation id, then payload and headers compared as schemas in the direction the
 * message travels (received: accepted data; sent, or a reply the application sends: emitted data).
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('message-removed', 'message', 'breaking', 'An operation no longer carries a message: its senders are rejected, or its consumers never get it again.'),
    directed('message-added', 'message', 'non-breaking', 'warning', 'An operation carries a new message; consumers of sent messages may not handle it.'),
    fixed('message-content-type-changed', 'message', 'breaking', 'A message has another content type: readers decode it differently.'),
    fixed('correlation-id-changed', 'message', 'breaking', 'A message carries its correlation id somewhere else: replies are no longer matched.'),
    fixed('reply-removed', 'operation', 'breaking', 'An operation no longer replies: requesters wait in vain.'),
    fixed('reply-added', 'operation', 'non-breaking', 'An operation now replies.'),
    fixed('schema-format-changed', 'message', 'breaking', 'A payload or headers schema is written in another schema format (JSON Schema, Avro): its data is encoded differently.'),
    fixed('reply-address-changed', 'operation', 'breaking', 'Replies go to another channel or address expression.'),
  ],
  examples: () => [
    edited('a new message received: senders may use it or not', shop, '      PlaceOrder:', '      CancelOrder: { payload: { type: object } }\n      PlaceOrder:', [
      { rule: 'message-added', level: 'non-breaking', message: `Operation \`placeOrder\` now accepts message \`CancelOrder\` on \`orders.requests\`.`, at: '7:7' },
    ]),
    { title: 'a new message sent: consumers may not handle it', base: shop, revision: withShipped, expect: [
      { rule: 'message-added', level: 'warning', message: `Operation \`publishOrder\` now sends message \`OrderShipped\` on \`orders.events\`; consumers may not handle it.`, at: '15:7' },
    ] },
    { title: 'a sent message no longer sent', base: withShipped, revision: shop, expect: [
      { rule: 'message-removed', level: 'breaking', message: `Operation \`publishOrder\` no longer sends message \`OrderShipped\` on \`orders.events\`.`, at: '21:3' },
    ] },
    edited('a sent message encoded as Avro instead of JSON', shop, 'contentType: application/json', 'contentType: application/vnd.apache.avro', [
      { rule: 'message-content-type-changed', level: 'breaking', message: `Content type of message \`OrderPlaced\` sent on \`orders.events\` changed from \`application/json\` to \`application/vnd.apache.avro\`.`, at: '15:7' },
    ]),
    edited('a correlation id moved to another header', shop, '#/requestId', '#/correlationId', [
      { rule: 'correlation-id-changed', level: 'breaking', message: `Correlation id of message \`PlaceOrder\` received on \`orders.requests\` moved from \`$message.header#/requestId\` to \`$message.header#/correlationId\`.`, at: '7:21' },
    ]),
    edited('a correlation id removed', shop, "correlationId: { location: '$message.header#/requestId' }, ", '', [
      { rule: 'correlation-id-changed', level: 'breaking', message: `Correlation id of message \`PlaceOrder\` received on \`orders.requests\` (\`$message.header#/requestId\`) was removed.`, at: '7:7' },
    ]),
    edited('an operation that no longer replies', shop, "\n    reply: { channel: { $ref: '#/channels/replies' } }", '', [
      { rule: 'reply-removed', level: 'breaking', message: `Operation \`placeOrder\` on \`orders.requests\` no longer replies.`, at: '17:3' },
    ]),
    { title: 'an operation that now replies', base: noReply, revision: shop, expect: [
      { rule: 'reply-added', level: 'non-breaking', message: `Operation \`placeOrder\` on \`orders.requests\` now replies.`, at: '20:5' },
    ] },
    { title: 'replies sent to the address each requester names', base: shop, revision: dynamic, expect: [
      { rule: 'reply-address-changed', level: 'breaking', message: `Replies of \`placeOrder\` now go to the address in \`$message.header#/replyTo\` instead of channel \`orders.replies\`.`, at: '20:5' },
    ] },
    edited('the reply address read from another header', dynamic, '#/replyTo', '#/replyChannel', [
      { rule: 'reply-address-changed', level: 'breaking', message: `Replies of \`placeOrder\` now go to the address in \`$message.header#/replyChannel\` instead of the address in \`$message.header#/replyTo\`.`, at: '20:5' },
    ]),
    edited('replies sent to a channel with a new address', shop, 'address: orders.replies', 'address: orders.confirmations', [
      { rule: 'reply-address-changed', level: 'breaking', message: `Replies of \`placeOrder\` now go to channel \`orders.confirmations\` instead of channel \`orders.replies\`.`, at: '20:5' },
    ]),
    edited('a received payload now Avro instead of JSON Schema', shop, "/requestId' }, payload: { type: object } }", "/requestId' }, payload: { schemaFormat: application/vnd.apache.avro;version=1.9.0, schema: { type: record, name: PlaceOrder, fields: [] } } }", [
      { rule: 'schema-format-changed', level: 'breaking', message: `Payload of message \`PlaceOrder\` received on \`orders.requests\` changed schema format from JSON Schema to Avro (\`application/vnd.apache.avro;version=1.9.0\`): senders and the application encode it differently.`, at: '7:148' },
    ]),
    edited('a message summarised', shop, 'OrderPlaced: { contentType', 'OrderPlaced: { summary: An order was placed., contentType', []),
  ],
  run(ctx) {
    if (ctx.base.format !== 'asyncapi' || ctx.rev.format !== 'asyncapi') return;
    for (const p of ctx.matched.operations) {
      if (!p.base || !p.rev) continue;
      const b = p.base;
      const r = p.rev;
      const dir: Direction = r.action === 'receive' ? 'accept' : 'emit';
      compareMessages(ctx, b, r, b.messages, r.messages, dir, false);
      if (b.reply && !r.reply)
        ctx.report({ rule: 'reply-removed', message: `Operation \`${r.id}\` on \`${channelLabel(r.channel)}\` no longer replies.`, where: { base: b.reply.source, revision: r.source }, identity: opIdentity(b), operation: operationLabel(r), channel: channelLabel(r.channel) });
      else if (!b.reply && r.reply)
        ctx.report({ rule: 'reply-added', message: `Operation \`${r.id}\` on \`${channelLabel(r.channel)}\` now replies.`, where: { base: b.source, revision: r.reply.source }, identity: opIdentity(b), operation: operationLabel(r), channel: channelLabel(r.channel) });
      else if (b.reply && r.reply) {
        // A reply `address` is where replies go whatever the channel says (its channel's address is null then).
        const where = (x: NonNullable<Operation['reply']>) =>
          x.addressLocation ? `the address in \`${x.addressLocation}\`` : x.channel ? `channel \`${channelLabel(x.channel)}\`` : 'none';
        const ba = where(b.reply);
        const ra = where(r.reply);
        if (ba !== ra)
          ctx.report({ rule: 'reply-address-changed', message: `Replies of \`${r.id}\` now go to ${ra} instead of ${ba}.`, where: { base: b.reply.source, revision: r.reply.source }, identity: `${opIdentity(b)}|${ra}`, operation: operationLabel(r), channel: channelLabel(r.channel) });
        compareMessages(ctx, b, r, b.reply.messages, r.reply.messages, dir === 'accept' ? 'emit' : 'accept', true);
      }
    }
  },
};
export default check;

function compareMessages(ctx: ModelContext, bop: Operation, rop: Operation, bms: Message[], rms: Message[], dir: Direction, reply: boolean): void {
  const common = { operation: operationLabel(rop), channel: channelLabel(rop.channel) };
  const idBase = `${opIdentity(bop)}${reply ? '|reply' : ''}`;
  for (const p of pairMessages(bms, rms)) {
    if (p.base && !p.rev) {
      ctx.report({
        rule: 'message-removed',
        message: `Operation \`${rop.id}\` no longer ${dir === 'accept' ? 'accepts' : 'sends'} ${messageOn(p.base, rop, reply)}.`,
        where: { base: p.base.source, revision: rop.source },
        identity: `${idBase}|msg ${messageLabel(p.base)}`,
        dir,
        ...common,
      });
      continue;
    }
    if (!p.base && p.rev) {
      ctx.report({
        rule: 'message-added',
        message: `Operation \`${rop.id}\` now ${dir === 'accept' ? 'accepts' : 'sends'} ${messageOn(p.rev, rop, reply)}${dir === 'emit' ? '; consumers may not handle it' : ''}.`,
        where: { base: bop.source, revision: p.rev.source },
        identity: `${idBase}|msg ${messageLabel(p.rev)}`,
        dir,
        ...common,
      });
      continue;
    }
    const b = p.base!;
    const r = p.rev!;
    const place = messagePlace(r, rop, reply);
    const identity = `${idBase}|msg ${messageLabel(b)}`;
    if ((b.contentType ?? '') !== (r.contentType ?? ''))
      ctx.report({
        rule: 'message-content-type-changed',
        message: `Content type of ${place} changed from ${code(b.contentType ?? 'unset')} to ${code(r.contentType ?? 'unset')}.`,
        where: { base: b.source, revision: r.source },
        identity: `${identity}|${r.contentType ?? ''}`,
        ...common,
      });
    if ((b.correlationId?.location ?? '') !== (r.correlationId?.location ?? '') && b.correlationId)
      ctx.report({
        rule: 'correlation-id-changed',
        message: `Correlation id of ${place} ${r.correlationId ? `moved from ${code(b.correlationId.location)} to ${code(r.correlationId.location)}` : `(${code(b.correlationId.location)}) was removed`}.`,
        where: { base: b.correlationId.source, revision: r.correlationId?.source ?? r.source },
        identity,
        ...common,
      });
    for (const part of ['payload', 'headers', 'key'] as const) {
      const bs = b[part];
      const rs = r[part];
      if (!bs || !rs) continue;
      if (otherFormat(ctx, bs, rs, dir, part, place, identity, common)) continue;
      // A JSON Schema Kafka key is covered by `bindings-changed`, as it always was.
      if (part === 'key') continue;
      ctx.compareSchemas({
        base: { value: bs.value, loc: bs.source },
        revision: { value: rs.value, loc: rs.source },
        dir,
        where: `${part} of ${place}`,
        root: part,
        identity: `${identity}|${part}`,
        ...common,
      });
    }
  }
}

const FAMILY_NAMES: Record<string, string> = { avro: 'Avro', protobuf: 'Protobuf', 'json-schema': 'JSON Schema' };

/**
 * Schemas in a format of their own (Avro) are compared by that format's rules; a schema whose format
 * changed (JSON Schema → Avro) is one breaking change either way. True when the pair is dealt with here.
 */
function otherFormat(ctx: ModelContext, bs: SchemaNode, rs: SchemaNode, dir: Direction, part: 'payload' | 'headers' | 'key', place: string, identity: string, common: { operation: string; channel: string }): boolean {
  const bf = payloadFormat(bs.format);
  const rf = payloadFormat(rs.format);
  if (!bf && !rf) return false;
  const Part = part === 'payload' ? 'Payload' : part === 'headers' ? 'Headers' : 'Kafka key';
  if (bf?.id !== rf?.id) {
    const name = (f: typeof bf, s: SchemaNode) => `${FAMILY_NAMES[f?.id ?? 'json-schema']}${f ? ` (${code(s.format)})` : ''}`;
    const who = dir === 'accept' ? 'senders and the application' : 'the application and its consumers';
    ctx.report({
      rule: 'schema-format-changed',
      message: `${Part} of ${place} changed schema format from ${name(bf, bs)} to ${name(rf, rs)}: ${who} encode it differently.`,
      where: { base: bs.source, revision: rs.source },
      identity: `${identity}|${part}|format`,
      ...common,
    });
    return true;
  }
  for (const d of ctx.dirs(dir))
    for (const f of bf!.diff({ node: bs, ws: ctx.base.workspace }, { node: rs, ws: ctx.rev.workspace }, d)) {
      const rendered = renderPath(f.path);
      ctx.report({
        rule: f.rule,
        message: `${Part} of ${place}: ${f.text.replace('{path}', rendered ? '`' + rendered + '`' : part === 'key' ? 'the key' : `the ${part}`)}.`,
        where: { base: f.base, revision: f.revision },
        identity: `${identity}|${part}|${f.path.join('/')}|${f.data ?? ''}`,
        dir: d,
        level: f.level,
        ...common,
      });
    }
  return true;
}
