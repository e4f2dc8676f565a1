import { parseRuntimeExpression } from '../../model/expression.js';
import type { LintRule } from '../types.js';
import { declaresField, msgName } from './util.js';

export const partitionKeyField: LintRule = {
  id: 'partition-key-field',
  description: 'A channel’s partition key (`x-specgate-partition-key`) is a runtime expression naming a field every message of the channel declares.',
  docs:
    'Ordered channels are sharded by a key taken from each message: all messages with one key reach one consumer, ' +
    'in order. A key expression that is malformed or names a field a message does not declare breaks ordering ' +
    'silently (senders key by nothing). Write `$message.payload#/<field>` or `$message.header#/<name>` and declare ' +
    'the field in every message of the channel. Avro record fields (through nullable unions) and Protobuf message ' +
    'fields (by .proto or JSON name) count as declared.',
  formats: ['asyncapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  examples: () => [
    {
      title: 'a key that is not a runtime expression',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    x-specgate-partition-key: orderId
    messages:
      OrderCreated:
        payload: { type: object, properties: { orderId: { type: string } } }
`,
      expect: [{ message: 'partition key `orderId` of channel `orderEvents` is not a runtime expression naming a field', range: '8:5-8:38' }],
    },
    {
      title: 'a key one of the messages does not declare',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    x-specgate-partition-key: '$message.payload#/orderId'
    messages:
      OrderCreated:
        payload: { type: object, properties: { orderId: { type: string } } }
      OrderShipped:
        payload: { type: object, properties: { shipmentId: { type: string } } }
`,
      expect: [
        {
          message: 'partition key `$message.payload#/orderId` of channel `orderEvents` points at `/orderId`, which message `OrderShipped` does not declare',
          range: '8:5-8:58',
        },
      ],
    },
    {
      title: 'a key in an Avro record that one message has and one does not',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    x-specgate-partition-key: '$message.payload#/order/id'
    messages:
      OrderCreated:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: OrderCreated
            fields:
              - name: order
                type: ['null', { type: record, name: OrderRef, fields: [{ name: id, type: string }] }]
      OrderShipped:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: OrderShipped
            fields:
              - { name: orderId, type: string }
`,
      expect: [
        {
          message: 'partition key `$message.payload#/order/id` of channel `orderEvents` points at `/order/id`, which message `OrderShipped` does not declare',
          range: '8:5-8:59',
        },
      ],
    },
    {
      title: 'a key that is a field of every Avro and Protobuf payload',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    x-specgate-partition-key: '$message.payload#/orderId'
    messages:
      OrderCreated:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: OrderCreated
            fields:
              - { name: orderId, type: string }
      OrderShipped:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
            message OrderShipped { string order_id = 1; }
`,
      expect: [],
    },
    {
      title: 'a key every message declares',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderEvents:
    address: orders.events
    x-specgate-partition-key: '$message.payload#/orderId'
    messages:
      OrderCreated:
        payload: { type: object, properties: { orderId: { type: string } } }
      OrderShipped:
        payload: { type: object, properties: { orderId: { type: string } } }
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const ch of model.channels) {
      const pk = ch.partitionKey;
      if (!pk) continue;
      const expr = parseRuntimeExpression(pk.expression);
      if (!expr || expr.pointer === '') {
        report(pk.source, `partition key \`${pk.expression}\` of channel \`${ch.id}\` is not a runtime expression naming a field`, 'write `$message.payload#/<field>` or `$message.header#/<name>`');
        continue;
      }
      for (const m of ch.messages) {
        const schema = expr.source === 'header' ? m.headers : m.payload;
        const declared = schema && declaresField(model.workspace, schema, expr.pointer);
        if (declared === undefined && schema) continue; // a format specgate does not read
        if (!declared)
          report(
            pk.source,
            `partition key \`${pk.expression}\` of channel \`${ch.id}\` points at \`${expr.pointer}\`, which ${msgName(m)} does not declare`,
            `declare \`${expr.pointer.slice(1)}\` in the ${expr.source === 'header' ? 'headers' : 'payload'} of ${m.name ?? m.id}, or fix the key`,
          );
      }
    }
  },
};
