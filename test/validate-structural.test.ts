// Structural validation against the official schemas: exact messages and pointers for the mistakes people
// make, and what is accepted (references as written, pre-release versions).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectSpec, validateStructure } from '../src/validate/structural.ts';

const info = { title: 'Orders', version: '1.0.0' };

async function problems(doc: Record<string, unknown>): Promise<[string, string][]> {
  const spec = detectSpec(doc);
  if ('error' in spec) throw new Error(spec.error);
  const diags = await validateStructure(doc, spec, 'api.yaml');
  for (const d of diags) {
    assert.is(d.file, 'api.yaml');
    assert.is(d.severity, 'error');
    assert.is(d.rule, spec.format === 'asyncapi' ? 'asyncapi-schema' : 'openapi-schema');
    assert.is(d.range, undefined);
  }
  return diags.map((d) => [d.pointer, d.message]);
}

test('detectSpec names the format and version as written', () => {
  assert.equal(detectSpec({ asyncapi: '3.0.0' }), { format: 'asyncapi', version: '3.0.0' });
  assert.equal(detectSpec({ asyncapi: '2.0.0-rc2' }), { format: 'asyncapi', version: '2.0.0-rc2' });
  assert.equal(detectSpec({ openapi: '3.0.3' }), { format: 'openapi', version: '3.0.3' });
  assert.equal(detectSpec({ openapi: '3.1.1' }), { format: 'openapi', version: '3.1.1' });
});

test('detectSpec explains what it cannot validate', () => {
  assert.equal(detectSpec(42), { error: 'the document must be an object with an `asyncapi` or `openapi` field; found a number', pointer: '' });
  assert.equal(detectSpec([]), { error: 'the document must be an object with an `asyncapi` or `openapi` field; found an array', pointer: '' });
  assert.equal(detectSpec({ info }), { error: 'the document has no `asyncapi` or `openapi` field, so its specification is unknown', pointer: '' });
  assert.equal(detectSpec({ swagger: '2.0' }), {
    error: 'Swagger 2.0 (OpenAPI 2.0) is not supported; convert it to OpenAPI 3.0 or 3.1',
    pointer: '/swagger',
  });
  assert.equal(detectSpec({ asyncapi: '2.7.0' }), {
    error: 'AsyncAPI 2.7.0 is not supported; supported versions: 2.0.0, 2.1.0, 2.2.0, 2.3.0, 2.4.0, 2.5.0, 2.6.0, 3.0.0, 3.1.0',
    pointer: '/asyncapi',
  });
  assert.equal(detectSpec({ openapi: '3.2.0' }), { error: 'OpenAPI 3.2.0 is not supported; supported versions: 3.0.x, 3.1.x', pointer: '/openapi' });
  assert.equal(detectSpec({ asyncapi: 3 }), { error: '`asyncapi` must be a version string such as `3.0.0`; found 3', pointer: '/asyncapi' });
});

test('a valid minimal document has no problems', async () => {
  assert.equal(await problems({ asyncapi: '3.0.0', info }), []);
  assert.equal(await problems({ asyncapi: '2.6.0', info, channels: {} }), []);
  assert.equal(await problems({ openapi: '3.0.3', info, paths: {} }), []);
  assert.equal(await problems({ openapi: '3.1.0', info, paths: {} }), []);
});

test('a typo in a root key names the key and suggests the right one', async () => {
  assert.equal(await problems({ asyncapi: '3.0.0', info, chanels: {} }), [
    ['/chanels', 'unknown property `chanels` in the document root; did you mean `channels`?'],
  ]);
  assert.equal(await problems({ asyncapi: '3.0.0', info, xfoo: 1 }), [
    ['/xfoo', 'unknown property `xfoo` in the document root; extensions must start with `x-`'],
  ]);
});

test('a wrong enum value in an operation action lists the allowed values', async () => {
  const doc = { asyncapi: '3.0.0', info, operations: { createOrder: { action: 'publish', channel: { $ref: '#/channels/a' } } } };
  assert.equal(await problems(doc), [
    ['/operations/createOrder/action', '`action` in operation `createOrder` must be one of `send`, `receive`; found `publish`'],
  ]);
});

test('a missing required field names the object and the field', async () => {
  const doc = { asyncapi: '3.0.0', info: { version: '1' }, operations: { createOrder: { channel: { $ref: '#/channels/a' } } } };
  assert.equal(await problems(doc), [
    ['/info', '`info` is missing required `title`'],
    ['/operations/createOrder', 'operation `createOrder` is missing required `action`'],
  ]);
});

test('a wrong type names the value found', async () => {
  assert.equal(await problems({ asyncapi: '3.0.0', info: { title: 42, version: '1' } }), [
    ['/info/title', '`info.title` must be a string; found the number 42'],
  ]);
  assert.equal(await problems({ asyncapi: '3.0.0', info, servers: { prod: { host: 'x', protocol: 5 } } }), [
    ['/servers/prod/protocol', '`protocol` in server `prod` must be a string; found the number 5'],
  ]);
});

test('AsyncAPI 2 message oneOf reports only the alternative that was meant', async () => {
  const doc = {
    asyncapi: '2.6.0',
    info,
    channels: { orders: { subscribe: { message: { oneOf: [{ payload: { type: 'string' } }, { payloda: {} }] } } } },
  };
  assert.equal(await problems(doc), [
    [
      '/channels/orders/subscribe/message/oneOf/1/payloda',
      'unknown property `payloda` in `oneOf[1]` in message of subscribe operation of channel `orders`; did you mean `payload`?',
    ],
  ]);
});

test('a payload schema with a misspelt type suggests the JSON type', async () => {
  const doc = { asyncapi: '2.6.0', info, channels: { a: { publish: { message: { payload: { type: 'strin' } } } } } };
  assert.equal(await problems(doc), [
    [
      '/channels/a/publish/message/payload/type',
      '`payload.type` in message of publish operation of channel `a` must be one of `array`, `boolean`, `integer`, `null`, `number`, `object`, `string`; found `strin`; did you mean `string`?',
    ],
  ]);
});

test('a message in an AsyncAPI 3 channel with a misspelt field', async () => {
  const doc = { asyncapi: '3.0.0', info, channels: { a: { messages: { m: { payload: { type: 'object' }, contentTyp: 'x' } } } } };
  assert.equal(await problems(doc), [
    ['/channels/a/messages/m/contentTyp', 'unknown property `contentTyp` in message `m` of channel `a`; did you mean `contentType`?'],
  ]);
});

test('security schemes are told apart by their type', async () => {
  const doc = {
    asyncapi: '2.6.0',
    info,
    channels: {},
    components: { securitySchemes: { a: { type: 'apiKey' }, b: { type: 'apikey' } } },
  };
  assert.equal(await problems(doc), [
    ['/components/securitySchemes/a', 'security scheme `a` is missing required `in`'],
    [
      '/components/securitySchemes/b/type',
      '`type` in security scheme `b` must be one of `userPassword`, `apiKey`, `X509`, `symmetricEncryption`, `asymmetricEncryption`, `http`, `httpApiKey`, `oauth2`, `openIdConnect`, `plain`, `scramSha256`, `scramSha512`, `gssapi`; found `apikey`; did you mean `apiKey`?',
    ],
  ]);
});

test('references are accepted as written, wherever the specification allows them', async () => {
  const doc = {
    asyncapi: '2.0.0',
    info,
    channels: {
      a: { $ref: 'other.yaml#/a' },
      b: { subscribe: { message: { schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0', payload: { $ref: 'user.avsc' } } } },
    },
    components: { messageTraits: { t: { $ref: 'lib.yaml#/t' } }, parameters: { p: { $ref: 'lib.yaml#/p' } } },
  };
  assert.equal(await problems(doc), []);
});

test('AsyncAPI 2 names must match the field patterns of the specification', async () => {
  assert.equal(await problems({ asyncapi: '2.0.0', info, channels: {}, servers: { 'a$b': { url: 'x', protocol: 'kafka' } } }), [
    ['/servers/a$b', 'name `a$b` in `servers` is not allowed: names must match `^[A-Za-z0-9_\\-]+$`'],
  ]);
});

test('a pre-release version is checked as its release', async () => {
  assert.equal(await problems({ asyncapi: '2.0.0-rc2', info, channels: {} }), []);
});

test('AsyncAPI 2 bindings with a bindingVersion are checked against their binding schema', async () => {
  const mqtt = { asyncapi: '2.6.0', info, channels: { a: { publish: { bindings: { mqtt: { qos: 3, bindingVersion: '0.1.0' } } } } } };
  assert.equal(await problems(mqtt), [
    ['/channels/a/publish/bindings/mqtt/qos', '`bindings.mqtt.qos` in publish operation of channel `a` must be one of `0`, `1`, `2`; found `3`'],
  ]);
  const amqp = { asyncapi: '2.0.0', info, channels: { a: { publish: { bindings: { amqp: { ack: true, foo: 1, bindingVersion: '0.2.0' } } } } } };
  assert.equal(await problems(amqp), [
    ['/channels/a/publish/bindings/amqp/foo', 'unknown property `foo` in `bindings.amqp` in publish operation of channel `a`'],
  ]);
  const ws = { asyncapi: '2.0.0', info, channels: { a: { bindings: { ws: { method: 'OPTIONS', bindingVersion: '1.1.1' } } } } };
  assert.equal(await problems(ws), [
    ['/channels/a/bindings/ws/method', '`bindings.ws.method` in channel `a` must be one of `GET`, `POST`; found `OPTIONS`'],
  ]);
  // without bindingVersion a 2.x binding is not tied to a schema
  const loose = { asyncapi: '2.0.0', info, channels: { a: { publish: { bindings: { amqp: { replyTo: { type: 'string' } } } } } } };
  assert.equal(await problems(loose), []);
});

test('AsyncAPI 3 bindings are checked by the official schema', async () => {
  const doc = { asyncapi: '3.0.0', info, channels: { a: { bindings: { kafka: { partitions: 'x' } } } } };
  assert.equal(await problems(doc), [
    ['/channels/a/bindings/kafka/partitions', '`bindings.kafka.partitions` in channel `a` must be an integer; found the string `x`'],
  ]);
});

test('OpenAPI response without description', async () => {
  const doc = { openapi: '3.0.3', info, paths: { '/pets': { get: { responses: { '200': {} } } } } };
  assert.equal(await problems(doc), [
    ['/paths/~1pets/get/responses/200', 'response `200` of `GET /pets` is missing required `description`'],
  ]);
});

test('OpenAPI path keys must start with a slash', async () => {
  assert.equal(await problems({ openapi: '3.1.0', info, paths: { pets: {} } }), [
    ['/paths/pets', 'name `pets` in `paths` is not allowed: names must match `^/`'],
  ]);
});

test('OpenAPI 3.0 parameter: location and schema-or-content', async () => {
  const doc = { openapi: '3.0.0', info, paths: { '/a': { get: { parameters: [{ name: 'x', in: 'body' }], responses: { '200': { description: 'ok' } } } } } };
  assert.equal(await problems(doc), [
    ['/paths/~1a/get/parameters/0', '`parameters[0]` in operation `GET /a` must have either `schema` or `content`'],
    ['/paths/~1a/get/parameters/0/in', '`parameters[0].in` in operation `GET /a` must be one of `path`, `query`, `header`, `cookie`; found `body`'],
  ]);
});

test('OpenAPI 3.1: example and examples together, and a document without containers', async () => {
  const both = { openapi: '3.1.0', info, components: { parameters: { p: { name: 'p', in: 'header', schema: {}, example: 1, examples: {} } } } };
  assert.equal(await problems(both), [['/components/parameters/p', 'parameter `p` must not have both `example` and `examples`']]);
  assert.equal(await problems({ openapi: '3.1.0', info }), [['', 'the document root must have one of `paths`, `components` or `webhooks`']]);
});

test('problems come sorted by pointer and the same on every run', async () => {
  const doc = { asyncapi: '3.0.0', info: { version: 1 }, zzz: 1, operations: { b: {}, a: { action: 'x' } } };
  const first = await problems(doc);
  assert.equal(first, await problems(doc));
  const pointers = first.map(([p]) => p);
  assert.equal(pointers, [...pointers].sort());
});

test.run();
