import { same } from '../canonical.js';
import { fixed, type ModelCheck } from '../check.js';
import { messageLabel, opIdentity } from '../describe.js';
import { channelLabel, operationLabel, pairMessages } from '../match.js';
import { asyncapi, edited } from '../model-examples.js';

/** A Kafka broker and topic; the order events are published keyed by order id. */
const kafka = asyncapi(`servers:
  production:
    host: kafka.example.com:9092
    protocol: kafka
    bindings: { kafka: { schemaRegistryUrl: 'https://registry.example.com' } }
channels:
  orders:
    address: orders
    bindings: { kafka: { partitions: 6, replicas: 3 } }
    messages:
      OrderPlaced:
        payload: { type: object }
        bindings: { kafka: { key: { type: string } } }
operations:
  publishOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
    bindings: { kafka: { clientId: { type: string, enum: [checkout] } } }
`);

/**
 * AsyncAPI protocol bindings (Kafka keys and partitions, AMQP exchanges and queues, ...). They shape how
 * messages are routed, so a change deserves a look, but whether it breaks depends on the broker: warning.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [fixed('bindings-changed', 'channel', 'warning', 'Protocol bindings of a server, channel, operation or message changed.')],
  examples: () => [
    edited('another schema registry for the broker', kafka, 'https://registry.example.com', 'https://registry.eu.example.com', [
      { rule: 'bindings-changed', level: 'warning', message: `Bindings of server \`production\` changed.`, at: '7:5' },
    ]),
    edited('a topic with more partitions', kafka, 'partitions: 6', 'partitions: 12', [
      { rule: 'bindings-changed', level: 'warning', message: `Bindings of channel \`orders\` changed.`, at: '11:5' },
    ]),
    edited('another client id for the publishing operation', kafka, 'enum: [checkout]', 'enum: [checkout-v2]', [
      { rule: 'bindings-changed', level: 'warning', message: `Bindings of operation \`publishOrder\` changed.`, at: '20:5' },
    ]),
    edited('a message key that became an integer', kafka, 'key: { type: string }', 'key: { type: integer }', [
      { rule: 'bindings-changed', level: 'warning', message: `Bindings of message \`OrderPlaced\` of \`publishOrder\` changed.`, at: '15:9' },
    ]),
    edited('the same bindings, written in another key order', kafka, 'partitions: 6, replicas: 3', 'replicas: 3, partitions: 6', []),
  ],
  run(ctx) {
    if (ctx.base.format !== 'asyncapi' || ctx.rev.format !== 'asyncapi') return;
    const report = (what: string, b: { source: { file: string; pointer: string } }, r: { source: { file: string; pointer: string } }, identity: string, channel?: string) =>
      ctx.report({
        rule: 'bindings-changed',
        message: `Bindings of ${what} changed.`,
        where: { base: { file: b.source.file, pointer: `${b.source.pointer}/bindings` }, revision: { file: r.source.file, pointer: `${r.source.pointer}/bindings` } },
        identity,
        channel,
      });
    for (const p of ctx.matched.servers) if (p.base && p.rev && !same(p.base.bindings, p.rev.bindings)) report(`server \`${p.rev.id}\``, p.base, p.rev, `server ${p.base.id}`);
    for (const p of ctx.matched.channels)
      if (p.base && p.rev && !same(p.base.bindings, p.rev.bindings)) report(`channel \`${channelLabel(p.rev)}\``, p.base, p.rev, `channel ${channelLabel(p.base)}`, channelLabel(p.rev));
    for (const p of ctx.matched.operations) {
      if (!p.base || !p.rev) continue;
      if (!same(p.base.bindings, p.rev.bindings)) report(`operation \`${operationLabel(p.rev)}\``, p.base, p.rev, opIdentity(p.base), channelLabel(p.rev.channel));
      for (const m of pairMessages(p.base.messages, p.rev.messages))
        if (m.base && m.rev && !same(m.base.bindings, m.rev.bindings))
          report(`message \`${messageLabel(m.rev)}\` of \`${p.rev.id}\``, m.base, m.rev, `${opIdentity(p.base)}|msg ${messageLabel(m.base)}`, channelLabel(p.rev.channel));
    }
  },
};
export default check;
