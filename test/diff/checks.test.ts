import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffTexts } from './helpers.js';

const rows = async (base: string, rev: string) => (await diffTexts(base, rev)).changes.map((c) => `${c.id} ${c.level} ${c.operation ?? c.channel ?? '-'}`);

/** AsyncAPI 3: one receive and one send operation with a reply each; `edit` changes the text. */
const async3 = (edit: (s: string) => string = (s) => s) =>
  edit(`asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }
servers:
  prod: { host: 'broker:{port}', protocol: kafka, variables: { port: { default: '9092', enum: ['9092', '9093'] } }, bindings: { kafka: { schemaRegistryUrl: 'https://r' } } }
channels:
  in: { address: orders.in, messages: { Create: { name: Create, contentType: application/json, correlationId: { location: '$message.header#/cid' }, payload: { type: string } } } }
  out: { address: orders.out, messages: { Created: { name: Created, contentType: application/json, payload: { type: string } } } }
  replies: { address: orders.replies, messages: { Ack: { name: Ack, payload: { type: string } } } }
operations:
  create: { action: receive, channel: { $ref: '#/channels/in' }, reply: { channel: { $ref: '#/channels/replies' } } }
  publish: { action: send, channel: { $ref: '#/channels/out' } }
`);

test('messages: added is non-breaking when received, a warning when sent; removed breaks either way', async () => {
  const addIn = async3((s) => s.replace("in: { address: orders.in, messages: { Create:", "in: { address: orders.in, messages: { Cancel: { name: Cancel, payload: { type: string } }, Create:"));
  assert.equal(await rows(async3(), addIn), ['message-added non-breaking create']);
  const addOut = async3((s) => s.replace("out: { address: orders.out, messages: { Created:", "out: { address: orders.out, messages: { Shipped: { name: Shipped, payload: { type: string } }, Created:"));
  assert.equal(await rows(async3(), addOut), ['message-added warning publish']);
  assert.equal(await rows(addIn, async3()), ['message-removed breaking create']);
  assert.equal(await rows(addOut, async3()), ['message-removed breaking publish']);
});

test('messages: content type and correlation id', async () => {
  assert.equal(await rows(async3(), async3((s) => s.replace('Create, contentType: application/json', 'Create, contentType: application/avro'))), ['message-content-type-changed breaking create']);
  assert.equal(await rows(async3(), async3((s) => s.replace("'$message.header#/cid'", "'$message.header#/correlationId'"))), ['correlation-id-changed breaking create']);
});

test('replies: removed, added, another channel; reply payloads are emitted by a receive operation', async () => {
  const noReply = async3((s) => s.replace(", reply: { channel: { $ref: '#/channels/replies' } } }", ' }'));
  assert.equal(await rows(async3(), noReply), ['reply-removed breaking create']);
  assert.equal(await rows(noReply, async3()), ['reply-added non-breaking create']);
  const moved = await rows(async3(), async3((s) => s.replace("reply: { channel: { $ref: '#/channels/replies' } }", "reply: { channel: { $ref: '#/channels/out' } }")));
  assert.equal(moved, ['message-removed breaking create', 'reply-address-changed breaking create', 'message-added warning create']);
  const narrower = async3((s) => s.replace('Ack: { name: Ack, payload: { type: string } }', 'Ack: { name: Ack, payload: { type: string, maxLength: 3 } }'));
  assert.equal(await rows(async3(), narrower), ['max-length-added non-breaking create']);
  assert.equal(await rows(narrower, async3()), ['max-length-removed breaking create']);
});

test('servers: variables and bindings', async () => {
  assert.equal(await rows(async3(), async3((s) => s.replace("default: '9092', enum: ['9092', '9093']", "default: '9093', enum: ['9092', '9093']"))), ['server-variable-changed breaking -']);
  assert.equal(await rows(async3(), async3((s) => s.replace("enum: ['9092', '9093']", "enum: ['9092']"))), ['server-variable-changed breaking -']);
  assert.equal(await rows(async3(), async3((s) => s.replace("enum: ['9092', '9093']", "enum: ['9092', '9093', '9094']"))), ['server-variable-added non-breaking -']);
  assert.equal(await rows(async3(), async3((s) => s.replace("schemaRegistryUrl: 'https://r'", "schemaRegistryUrl: 'https://s'"))), ['bindings-changed warning -']);
  assert.equal(await rows(async3(), async3((s) => s.replace('protocol: kafka', 'protocol: amqp'))), ['server-protocol-changed breaking -']);
  // Key order inside bindings is not a change.
  const twoKeys = (a: string, b: string) => async3((s) => s.replace("bindings: { kafka: { schemaRegistryUrl: 'https://r' } }", `bindings: { kafka: { ${a}, ${b} } }`));
  assert.equal(await rows(twoKeys("schemaRegistryUrl: 'https://r'", 'bindingVersion: 0.5.0'), twoKeys('bindingVersion: 0.5.0', "schemaRegistryUrl: 'https://r'")), []);
});

test('channel parameters are compared in the direction of the operations on the channel', async () => {
  const doc = (param: string) => `asyncapi: 2.6.0
info: { title: T, version: 1.0.0 }
channels:
  'orders/{region}':
    parameters: { region: { schema: ${param} } }
    publish: { operationId: take, message: { name: M, payload: { type: string } } }
  'events/{region}':
    parameters: { region: { schema: ${param} } }
    subscribe: { operationId: give, message: { name: E, payload: { type: string } } }
`;
  assert.equal(await rows(doc('{ type: string, enum: [eu, us] }'), doc('{ type: string, enum: [eu] }')), [
    'enum-value-removed breaking orders/{region}',
    'enum-value-removed non-breaking events/{region}',
  ]);
});

/** OpenAPI 3.0 with one operation; `edit` changes the text. */
const oas = (edit: (s: string) => string = (s) => s) =>
  edit(`openapi: 3.0.3
info: { title: T, version: 1.0.0 }
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://a/token', scopes: { read: r, write: w } } } }
  schemas:
    Pet:
      type: object
      properties:
        id: { type: string }
        secret: { type: string }
        kind: { type: string }
      required: [id]
      discriminator: { propertyName: kind, mapping: { cat: '#/components/schemas/Cat' } }
    Cat: { type: object }
paths:
  /pets:
    post:
      security: [{ oauth: [write] }]
      parameters:
        - { name: q, in: query, schema: { type: string } }
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
      responses:
        '200':
          description: ok
          headers: { X-Rate: { schema: { type: integer } } }
          content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } }
`);

test('OpenAPI readOnly and writeOnly move a property out of one direction', async () => {
  const ro = oas((s) => s.replace('id: { type: string }', 'id: { type: string, readOnly: true }'));
  assert.equal(await rows(oas(), ro), ['property-became-read-only breaking POST /pets', 'property-became-read-only non-breaking POST /pets']);
  assert.equal(await rows(ro, oas()), ['read-only-removed breaking POST /pets', 'read-only-removed non-breaking POST /pets']);
  const wo = oas((s) => s.replace('secret: { type: string }', 'secret: { type: string, writeOnly: true }'));
  assert.equal(await rows(oas(), wo), ['property-became-write-only breaking POST /pets', 'property-became-write-only non-breaking POST /pets']);
});

test('OpenAPI discriminator, security schemes and scopes, parameter serialization, response headers', async () => {
  assert.equal(await rows(oas(), oas((s) => s.replace('propertyName: kind', 'propertyName: type'))), ['discriminator-changed breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace("mapping: { cat: '#/components/schemas/Cat' }", 'mapping: {}'))), [
    'discriminator-mapping-removed breaking POST /pets',
    'discriminator-mapping-removed non-breaking POST /pets',
  ]);
  assert.equal(await rows(oas(), oas((s) => s.replace("tokenUrl: 'https://a/token'", "tokenUrl: 'https://b/token'"))), ['security-scheme-changed breaking -']);
  assert.equal(await rows(oas(), oas((s) => s.replace('scopes: { read: r, write: w }', 'scopes: { write: w }'))), ['security-scope-removed breaking -']);
  assert.equal(await rows(oas(), oas((s) => s.replace('[{ oauth: [write] }]', '[{ oauth: [write, read] }]'))), ['security-requirement-added breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace('[{ oauth: [write] }]', '[{ oauth: [write] }, {}]'))), ['security-requirement-removed non-breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace('in: query, schema', 'in: query, style: spaceDelimited, schema'))), ['parameter-serialization-changed breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace('X-Rate: { schema: { type: integer } }', 'X-Rate: { schema: { type: integer }, explode: true }'))), ['response-header-serialization-changed breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace("headers: { X-Rate: { schema: { type: integer } } }", 'headers: {}'))), ['response-header-removed breaking POST /pets']);
  assert.equal(await rows(oas(), oas((s) => s.replace('X-Rate: { schema: { type: integer } }', 'X-Rate: { schema: { type: integer, maximum: 10 } }'))), ['maximum-added non-breaking POST /pets']);
});

test('OpenAPI request bodies: a new required body breaks, an optional one does not', async () => {
  const none = oas((s) => s.replace("      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }\n", ''));
  assert.equal(await rows(none, oas()), ['request-body-added non-breaking POST /pets']);
  assert.equal(await rows(none, oas((s) => s.replace('requestBody: { content', 'requestBody: { required: true, content'))), ['request-body-added breaking POST /pets']);
  assert.equal(await rows(oas(), none), ['request-body-removed breaking POST /pets']);
});

test.run();
