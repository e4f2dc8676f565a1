import { parseRuntimeExpression } from '../../model/expression.js';
import type { Message } from '../../model/types.js';
import type { LintRule } from '../types.js';
import { at, declaresField, isJsonSchemaFormat, msgName } from './util.js';

/**
 * Message properties the broker protocol itself carries, which a headers schema need not declare:
 * AMQP `correlation_id`/`reply_to`/`message_id`, MQTT 5 `correlationData`, JMS `JMSCorrelationID`, IBM MQ's `MQMD`.
 */
const PROTOCOL_PROPERTIES: Record<string, string[]> = {
  amqp: ['correlation_id', 'reply_to', 'message_id'],
  amqps: ['correlation_id', 'reply_to', 'message_id'],
  amqp1: ['correlation-id', 'reply-to', 'message-id'],
  mqtt: ['correlationData', 'responseTopic'],
  mqtt5: ['correlationData', 'responseTopic'],
  jms: ['JMSCorrelationID', 'JMSMessageID', 'JMSReplyTo'],
  ibmmq: ['MQMD'],
};

export const correlationIdField: LintRule = {
  id: 'correlation-id-field',
  description: '`correlationId.location` points at a header or payload field that the message’s schema declares.',
  docs:
    'A correlation id whose location names a field the headers or payload schema does not declare is a ' +
    'promise the message cannot keep: senders do not know they must set it, and receivers read nothing. ' +
    'Declare the field (usually a `correlationId` header) or fix the expression. Properties the broker ' +
    'protocol carries itself (AMQP `correlation_id`, MQTT 5 `correlationData`, JMS `JMSCorrelationID`, IBM MQ ' +
    '`MQMD`) count as declared when a server speaks that protocol. In Avro payloads the location names a record ' +
    'field (through nullable unions), in Protobuf payloads a field of the root message by its .proto or JSON name.',
  formats: ['asyncapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a correlation id read from headers the message does not have',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        payload: { type: object }
        correlationId:
          location: '$message.header#/correlationId'
`,
      expect: [
        {
          message: 'correlation id of message `AuthorizePayment` is read from its headers (`$message.header#/correlationId`), but the message declares no headers',
          range: '12:11-12:53',
        },
      ],
    },
    {
      title: 'a correlation id pointing at a payload field that is not declared',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        payload:
          type: object
          properties:
            paymentId: { type: string }
        correlationId:
          location: '$message.payload#/requestId'
`,
      expect: [
        {
          message: 'correlation id location `$message.payload#/requestId` of message `AuthorizePayment` points at `/requestId`, which its payload schema does not declare',
          range: '15:11-15:50',
        },
      ],
    },
    {
      title: 'a correlation id in a Protobuf payload, one field declared and one not',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
            message Authorize { string request_id = 1; }
        correlationId:
          location: '$message.payload#/requestId'
      PaymentAuthorized:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
            message Authorized { string payment_id = 1; }
        correlationId:
          location: '$message.payload#/requestId'
`,
      expect: [
        {
          message: 'correlation id location `$message.payload#/requestId` of message `PaymentAuthorized` points at `/requestId`, which its payload schema does not declare',
          range: '24:11-24:50',
        },
      ],
    },
    {
      title: 'a declared `correlationId` header',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        headers:
          type: object
          properties:
            correlationId: { type: string }
        correlationId:
          location: '$message.header#/correlationId'
`,
      expect: [],
    },
    {
      title: 'the AMQP `correlation_id` property, which the broker carries',
      doc: `asyncapi: 3.0.0
info:
  title: Payments
  version: 1.0.0
servers:
  rabbit:
    host: rabbit.example.com
    protocol: amqp
channels:
  authorize:
    address: payments.authorize
    messages:
      AuthorizePayment:
        payload: { type: object }
        correlationId:
          location: '$message.header#/correlation_id'
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const done = new Set<string>();
    const protocolProperties = new Set(model.servers.flatMap((s) => PROTOCOL_PROPERTIES[s.protocol.toLowerCase()] ?? []));
    for (const m of model.messages) {
      const c = m.correlationId;
      if (!c) continue;
      const expr = parseRuntimeExpression(c.location);
      if (!expr || expr.pointer === '') continue; // syntax: the `runtime-expression` check
      const loc = at(c.source, 'location');
      const key = `${m.source.file}#${m.source.pointer}`;
      if (done.has(key)) continue;
      done.add(key);
      const schema = expr.source === 'header' ? m.headers : m.payload;
      const where = expr.source === 'header' ? 'headers' : 'payload';
      const first = expr.pointer.split('/')[1];
      if (expr.source === 'header' && protocolProperties.has(first) && !(schema && declaresField(model.workspace, schema, `/${first}`))) continue;
      if (!schema) {
        report(loc, `correlation id of ${msgName(m)} is read from its ${where} (\`${c.location}\`), but the message declares no ${where}`, `add a ${where} schema with the field \`${expr.pointer.slice(1)}\``);
        continue;
      }
      if (declaresField(model.workspace, schema, expr.pointer) === false)
        report(loc, `correlation id location \`${c.location}\` of ${msgName(m)} points at \`${expr.pointer}\`, which its ${where} schema does not declare`, `declare \`${expr.pointer.slice(1)}\` in the ${where} schema, or fix the location`);
    }
  },
};

/** Avro, Protobuf, RAML payloads are not walked as JSON Schema. */
export function isJsonSchema(m: Message, part: 'header' | 'payload'): boolean {
  return isJsonSchemaFormat((part === 'header' ? m.headers : m.payload)?.format ?? '');
}
