import type { NodeLocation } from '../../load/workspace.js';
import type { LintRule } from '../types.js';
import { at } from './util.js';

/** Server protocol → the binding key that belongs to it. */
const BINDING_OF: Record<string, string> = {
  amqp: 'amqp', amqps: 'amqp', amqp1: 'amqp1', kafka: 'kafka', 'kafka-secure': 'kafka', mqtt: 'mqtt', mqtts: 'mqtt',
  'secure-mqtt': 'mqtt', mqtt5: 'mqtt', ws: 'ws', wss: 'ws', http: 'http', https: 'http', nats: 'nats', jms: 'jms',
  sns: 'sns', sqs: 'sqs', stomp: 'stomp', stomps: 'stomp', redis: 'redis', mercure: 'mercure', ibmmq: 'ibmmq',
  solace: 'solace', googlepubsub: 'googlepubsub', pulsar: 'pulsar', 'anypointmq': 'anypointmq',
};

/** Bindings that may stand beside another protocol's (SNS delivers to SQS queues, MQTT 5 shares `mqtt`). */
const COMPANIONS: Record<string, string[]> = { sns: ['sqs'], sqs: ['sns'], mqtt: ['mqtt5'] };

export const bindingProtocol: LintRule = {
  id: 'binding-protocol',
  description: 'Channel, operation and message bindings are for a protocol one of the document’s servers speaks.',
  docs:
    'A Kafka binding in a document whose servers all speak AMQP is dead configuration, usually left over from a ' +
    'copy or a broker migration: generated code and readers follow it and get it wrong. Remove the binding or ' +
    'declare the server that speaks its protocol. A channel that lists `servers` is checked against those.',
  formats: ['asyncapi'],
  severity: { minimal: 'warning', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a Kafka binding in a document whose broker speaks AMQP',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  broker:
    host: rabbit.example.com
    protocol: amqp
channels:
  orderCreated:
    address: orders.created
    bindings:
      kafka:
        partitions: 12
operations:
  publishOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderCreated'
    bindings:
      amqp:
        deliveryMode: 2
`,
      expect: [{ message: 'channel `orderCreated` has a `kafka` binding, but the servers speak `amqp`', range: '13:7-13:12' }],
    },
    {
      title: 'a message binding for a protocol its channel’s servers do not speak',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  kafka:
    host: kafka.example.com:9092
    protocol: kafka
  mqtt:
    host: mqtt.example.com
    protocol: mqtt
channels:
  orderCreated:
    address: orders.created
    servers:
      - $ref: '#/servers/kafka'
    messages:
      OrderCreated:
        bindings:
          mqtt:
            payloadFormatIndicator: 1
`,
      expect: [{ message: 'message `OrderCreated` has a `mqtt` binding, but its servers speak `kafka`', range: '20:11-20:15' }],
    },
    {
      title: 'SNS and SQS bindings beside each other',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  aws:
    host: sns.eu-west-1.amazonaws.com
    protocol: sns
channels:
  orderCreated:
    address: orders-created
    bindings:
      sns:
        name: orders-created
      sqs:
        queue: { name: billing-orders-created, fifoQueue: false }
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    if (model.servers.length === 0) return;
    const known = new Set(Object.values(BINDING_OF));
    const protocolsOf = (ids: string[]) => {
      const list = model.servers.filter((s) => ids.length === 0 || ids.includes(s.id));
      const out = new Set<string>();
      for (const s of list) {
        const b = BINDING_OF[s.protocol.toLowerCase()] ?? s.protocol.toLowerCase();
        out.add(b);
        for (const c of COMPANIONS[b] ?? []) out.add(c);
      }
      return out;
    };
    const done = new Set<string>();
    const check = (bindings: Record<string, unknown>, source: NodeLocation, serverIds: string[], what: string) => {
      const protocols = protocolsOf(serverIds);
      if (protocols.size === 0) return;
      for (const key of Object.keys(bindings)) {
        if (!known.has(key) || protocols.has(key)) continue;
        const loc = at(source, 'bindings', key);
        const k = `${loc.file}#${loc.pointer}`;
        if (done.has(k)) continue;
        done.add(k);
        report(loc, `${what} has a \`${key}\` binding, but ${serverIds.length ? 'its servers speak' : 'the servers speak'} ${[...protocols].map((p) => `\`${p}\``).join(', ')}`, `remove the \`${key}\` binding or declare a ${key} server`);
      }
    };
    for (const ch of model.channels) {
      check(ch.bindings, ch.source, ch.servers, `channel \`${ch.id}\``);
      for (const m of ch.messages) check(m.bindings, m.source, ch.servers, `message \`${m.name ?? m.id}\``);
    }
    for (const op of model.operations) check(op.bindings, op.source, op.channel.servers, `operation \`${op.id}\``);
  },
};
