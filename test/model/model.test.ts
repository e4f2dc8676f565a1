import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateFile } from '../../src/validate/index.js';
import type { ApiModel } from '../../src/model/types.js';
import { tempFiles } from '../helpers.js';

async function model(file: string): Promise<ApiModel> {
  const r = await validateFile(file, { keepModel: true });
  assert.ok(r.model, `model of ${file}`);
  return r.model!;
}

test('AsyncAPI 3: actions, channels, replies, kinds and partition keys from the Order service', async () => {
  const m = await model('specs/order-service.asyncapi.yaml');
  assert.is(m.format, 'asyncapi');
  assert.is(m.specVersion, '3.0.0');
  const create = m.operations.find((o) => o.id === 'createOrder')!;
  assert.is(create.action, 'receive');
  assert.is(create.channel.address, 'order-service.commands.create-order');
  assert.is(create.channel.kind, 'point-to-point');
  assert.is(create.messages[0].kind, 'command');
  assert.is(create.messages[0].correlationId?.location, '$message.header#/correlationId');
  assert.is(create.reply?.addressLocation, '$message.header#/replyTo');
  assert.equal(create.reply?.messages.map((x) => x.id), ['CreateOrderReply']);
  const created = m.operations.find((o) => o.id === 'publishOrderCreated')!;
  assert.is(created.action, 'send');
  assert.is(created.channel.kind, 'publish-subscribe');
  assert.is(created.channel.partitionKey?.expression, '$message.payload#/orderId');
  assert.is(created.messages[0].kind, 'event');
  // Shared headers live in another file; the node knows it.
  const anyHeaders = m.messages.map((x) => x.headers).find(Boolean)!;
  assert.ok(anyHeaders.source.file.endsWith('order-service.asyncapi.yaml'));
});

test('AsyncAPI 2: publish means the application receives, subscribe that it sends', async () => {
  const m = await model('specs/customer-service.asyncapi.yaml');
  const recv = m.operations.find((o) => o.id === 'receiveCustomerCommand')!;
  const send = m.operations.find((o) => o.id === 'publishCustomerEvent')!;
  assert.is(recv.action, 'receive');
  assert.is(send.action, 'send');
  assert.equal(send.messages.map((x) => x.kind), ['event', 'event']);
  assert.equal(recv.channel.parameters.map((p) => p.name), ['region']);
});

test('OpenAPI: paths are channels, methods receive requests and send responses', async () => {
  const m = await model('specs/orders-api.openapi.yaml');
  const put = m.operations.find((o) => o.id === 'putOrder')!;
  assert.is(put.action, 'receive');
  assert.is(put.http?.method, 'put');
  assert.is(put.http?.path, '/v1/orders/{orderId}');
  assert.ok(put.http!.parameters.some((p) => p.in === 'path' && p.name === 'orderId' && p.required));
  assert.is(put.http!.requestBodies[0].contentType, 'application/json');
  assert.ok(put.reply!.messages.some((r) => r.status === '412' && r.contentType === 'application/problem+json'));
});

test('nodes from $ref-ed files point into those files; traits are applied without losing sources', async () => {
  const { dir, cleanup } = tempFiles({
    'api.yaml': `asyncapi: 2.6.0
info: { title: T, version: 1.0.0 }
channels:
  user/signedup:
    subscribe:
      operationId: sendUserSignedUp
      message:
        $ref: './messages.yaml#/UserSignedUp'
`,
    'messages.yaml': `UserSignedUp:
  name: UserSignedUp
  traits:
    - $ref: '#/CommonHeaders'
  payload:
    type: object
    properties:
      id: { type: string }
CommonHeaders:
  headers:
    type: object
    properties:
      messageId: { type: string }
`,
  });
  try {
    const m = await model(`${dir}/api.yaml`);
    const msg = m.operations[0].messages[0];
    assert.is(msg.source.file, `${dir}/messages.yaml`);
    assert.is(msg.source.pointer, '/UserSignedUp');
    assert.is(msg.payload?.source.pointer, '/UserSignedUp/payload');
    assert.is(msg.headers?.source.pointer, '/CommonHeaders/headers');
    assert.is(msg.kind, 'event');
  } finally {
    cleanup();
  }
});

test.run();
