import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messageChannelKind: LintRule = {
  id: 'message-channel-kind',
  description: 'Commands travel on point-to-point channels, events on publish-subscribe channels.',
  docs:
    'A command asks one service to do something: on a publish-subscribe channel every subscriber would do it. ' +
    'An event tells whoever cares that something happened: on a point-to-point channel only one consumer hears ' +
    'it. The kind of a message comes from `x-specgate-kind` or its name (imperative `CreateOrder`, past tense ' +
    '`OrderCreated`); the kind of a channel from `x-specgate-channel` or its bindings (AMQP queue or exchange ' +
    'type, Kafka, SNS, SQS, JMS destination type).',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a command on a Kafka topic',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  payments:
    address: payments
    bindings:
      kafka:
        partitions: 6
    messages:
      CapturePayment:
        payload:
          type: object
`,
      expect: [{ message: 'message `CapturePayment` is a command (imperative name ("capture")) but channel `payments` is publish-subscribe (kafka binding)', range: '12:7-12:21' }],
    },
    {
      title: 'an event on an AMQP queue',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  paymentEvents:
    address: payment-events
    bindings:
      amqp:
        is: queue
        queue: { name: payment-events }
    messages:
      PaymentCaptured:
        payload:
          type: object
`,
      expect: [{ message: 'message `PaymentCaptured` is an event (past-tense name ("captured")) but channel `paymentEvents` is point-to-point (amqp binding `is: queue`)', range: '13:7-13:22' }],
    },
    {
      title: 'a command on a queue, an event on a fanout exchange',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  paymentCommands:
    address: payment-commands
    bindings:
      amqp:
        is: queue
        queue: { name: payment-commands }
    messages:
      CapturePayment:
        payload:
          type: object
  paymentEvents:
    address: payment-events
    bindings:
      amqp:
        is: routingKey
        exchange:
          name: payment-events
          type: fanout
    messages:
      PaymentCaptured:
        payload:
          type: object
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const ch of model.channels) {
      if (ch.kind === 'unknown') continue;
      ch.messages.forEach((m) => {
        const want = m.kind === 'command' ? 'point-to-point' : m.kind === 'event' ? 'publish-subscribe' : undefined;
        if (!want || want === ch.kind) return;
        report(
          m.source,
          `${msgName(m)} is ${m.kind === 'command' ? 'a command' : 'an event'} (${m.kindReason}) but channel \`${ch.id}\` is ${ch.kind} (${ch.kindReason})`,
          m.kind === 'command'
            ? 'send commands to a queue (point-to-point), or mark the channel `x-specgate-channel: point-to-point` if one consumer group reads it'
            : 'publish events on a topic or fanout exchange, or set `x-specgate-kind` if this is not an event',
        );
      });
    }
  },
};
