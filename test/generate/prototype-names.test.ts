// Names a spec chooses are keys like any other, never Object.prototype's: operation ids `constructor`,
// `toString`, `__proto__`, `valueOf`, `hasOwnProperty` and properties `__proto__`, `constructor`,
// `toString` give code that compiles, sends and receives, validates right, and finds no inherited
// member in the runtime's maps (operations, handlers, fallbacks, expressions, address parameters).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientCore, InMemoryTransport, readExpression, registerHandlers, RequestTimeoutError, ValidationError, type OperationSpec } from 'specgate/runtime';
import { resolveAddress } from '../../src/runtime/codec.js';
import { writeExpression } from '../../src/runtime/envelope.js';
import { MissingParameterError } from '../../src/runtime/errors.js';
import { assertRuntimeBuilt, GENERATED, generateInto, ROOT, TSC } from './helpers.js';

assertRuntimeBuilt();
const base = path.join(GENERATED, 'prototype-names');
mkdirSync(base, { recursive: true });
const specFile = path.join(base, 'prototype.asyncapi.yaml');
const channel = (address: string, message: string) => `    address: ${address}\n    messages:\n      ${message}: { $ref: '#/components/messages/${message}' }\n`;
writeFileSync(
  specFile,
  `asyncapi: 3.0.0
info: { title: Prototype Service, version: 1.0.0 }
channels:
  ctor:
${channel('proto.constructor', 'Thing')}  ctorReplies:
${channel('proto.constructor.replies', 'Answer')}  str:
${channel('proto.to-string', 'Thing')}  proto:
${channel('proto.proto', 'Thing')}  value:
${channel('proto.value-of', 'Thing')}  own:
${channel('proto.has-own-property', 'Thing')}operations:
  constructor: { action: send, channel: { $ref: '#/channels/ctor' }, reply: { channel: { $ref: '#/channels/ctorReplies' } } }
  toString: { action: send, channel: { $ref: '#/channels/str' } }
  __proto__: { action: send, channel: { $ref: '#/channels/proto' } }
  valueOf: { action: receive, channel: { $ref: '#/channels/value' } }
  hasOwnProperty: { action: receive, channel: { $ref: '#/channels/own' } }
components:
  messages:
    Thing:
      name: Thing
      payload: { $ref: '#/components/schemas/Thing' }
    Answer:
      name: Answer
      payload: { type: object, required: [constructor], properties: { constructor: { type: string } } }
  schemas:
    Thing:
      type: object
      required: [__proto__]
      properties:
        __proto__: { type: string }
        constructor: { type: string }
        toString: { type: string }
`,
);

const service = await generateInto(specFile, 'service', path.join('prototype-names', 'service'));
const client = await generateInto(specFile, 'client', path.join('prototype-names', 'client'));
// Typed loosely: compile-time shape is checked by tsc below, behaviour here.
type Module = Record<string, any>;
const svc: Module = await import(pathToFileURL(path.join(service, 'index.ts')).href);
const cli: Module = await import(pathToFileURL(path.join(client, 'index.ts')).href);
const validators: Module = await import(pathToFileURL(path.join(service, 'validators.ts')).href);
const thing = (extra: Record<string, unknown> = {}) => Object.assign(JSON.parse('{"__proto__":"p"}'), extra);
const IDS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf'];

test('the generated code of both roles compiles with tsc --strict', () => {
  writeFileSync(
    path.join(base, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true },
      files: ['service/index.ts', 'client/index.ts'],
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(base, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.stdout + r.stderr, '');
  assert.is(r.status, 0);
});

test('every operation id is an own key of operations; methods named after Object.prototype are renamed', () => {
  assert.equal(Object.keys(svc.operations).sort(), IDS);
  assert.is(Object.getPrototypeOf(svc.operations), Object.prototype);
  for (const id of IDS) assert.is(svc.operations[id].id, id);
  const c = svc.createPrototypeServiceClient({ transport: new InMemoryTransport() });
  assert.equal(Object.keys(c).sort(), ['__proto___', 'close', 'constructor_', 'toString_']);
  assert.is(String(c), '[object Object]', 'String(client) sends nothing');
});

test('send and receive over InMemoryTransport with those ids, payloads with own __proto__ and constructor', async () => {
  const transport = new InMemoryTransport();
  const seen: string[] = [];
  const record = (handler: string) => ({ payload }: { payload: Record<string, unknown> }) => void seen.push(`${handler} ${JSON.stringify(payload)} own __proto__: ${Object.hasOwn(payload, '__proto__')}`);
  const clientSide = await cli.registerPrototypeServiceHandlers(
    { transport, group: 'client' },
    {
      handleConstructor: ({ payload }: { payload: Record<string, unknown> }) => ({ constructor: `for ${payload.__proto__}` }),
      handleToString: record('handleToString'),
      handleProto: record('handleProto'),
    },
  );
  const serviceSide = await svc.registerPrototypeServiceHandlers({ transport, group: 'service' }, { handleValueOf: record('handleValueOf'), handleHasOwnProperty: record('handleHasOwnProperty') });
  const sender = svc.createPrototypeServiceClient({ transport });
  const answer = await sender.constructor_(thing({ constructor: 'c' }), { timeoutMs: 2000 });
  assert.equal([answer.message, answer.payload], ['Answer', { constructor: 'for p' }]);
  await sender.toString_(thing({ toString: 't' }));
  await sender.__proto___(thing());
  const other = cli.createPrototypeServiceClient({ transport });
  await other.valueOf_(thing());
  await other.hasOwnProperty_(thing({ constructor: 'c' }));
  await transport.drain();
  assert.equal(seen, [
    'handleToString {"__proto__":"p","toString":"t"} own __proto__: true',
    'handleProto {"__proto__":"p"} own __proto__: true',
    'handleValueOf {"__proto__":"p"} own __proto__: true',
    'handleHasOwnProperty {"__proto__":"p","constructor":"c"} own __proto__: true',
  ]);
  assert.equal(transport.published.map((m) => m.address), ['proto.constructor', 'proto.constructor.replies', 'proto.to-string', 'proto.proto', 'proto.value-of', 'proto.has-own-property']);
  await Promise.all([clientSide.close(), serviceSide.close(), sender.close(), other.close()]);
});

test('validators: required __proto__ is an own key; an optional constructor or toString is not required', () => {
  const v = validators.validateThing;
  assert.is(v({}), false);
  assert.equal(v.errors.map((e: { keyword: string; params: unknown }) => [e.keyword, e.params]), [['required', { missingProperty: '__proto__' }]]);
  assert.is(v(thing()), true, 'without constructor and toString');
  assert.is(v(thing({ constructor: 'c', toString: 't' })), true);
  assert.is(v(thing({ constructor: 1 })), false);
  assert.equal(v.errors.map((e: { instancePath: string; message: string }) => [e.instancePath, e.message]), [['/constructor', 'must be string']]);
});

test('the runtime validates by those verdicts: a payload without own __proto__ is not sent', async () => {
  const sender = svc.createPrototypeServiceClient({ transport: new InMemoryTransport() });
  const err = await sender.__proto___({}).catch((e: unknown) => e);
  assert.instance(err, ValidationError);
  assert.is((err as Error).message, "__proto__: outgoing payload (root) must have required property '__proto__'");
});

test('a request of operation `constructor` without a fallback times out; a fallback named by its method answers', async () => {
  const transport = new InMemoryTransport();
  const plain = svc.createPrototypeServiceClient({ transport, circuitBreaker: false });
  const err = await plain.constructor_(thing(), { timeoutMs: 20 }).catch((e: unknown) => e);
  assert.instance(err, RequestTimeoutError);
  const fallback = { message: 'Answer', payload: { constructor: 'fallback' }, headers: {}, messageId: 'm', correlationId: 'c' };
  const withFallback = svc.createPrototypeServiceClient({ transport, circuitBreaker: false, fallbacks: { constructor_: () => fallback } });
  assert.is(await withFallback.constructor_(thing(), { timeoutMs: 20 }), fallback);
  await Promise.all([plain.close(), withFallback.close()]);
});

const op = (id: string, extra: Partial<OperationSpec> = {}): OperationSpec => ({ id, address: `a.${id}`, parameters: [], mode: 'point-to-point', messages: [{ name: 'M', contentType: 'application/json' }], ...extra });

test('ClientCore: an id missing from its operations or fallbacks finds nothing inherited', async () => {
  const core = new ClientCore({ transport: new InMemoryTransport(), circuitBreaker: false }, { valueOf: op('valueOf', { reply: { messages: [{ name: 'R', contentType: 'application/json' }] } }) });
  const unknown = await core.send('toString', {}).catch((e: unknown) => e);
  assert.is((unknown as Error).message, 'unknown operation toString');
  const err = await core.request('valueOf', { x: 1 }, { timeoutMs: 20 }).catch((e: unknown) => e);
  assert.instance(err, RequestTimeoutError, 'no fallback valueOf from Object.prototype answers with the payload');
  await core.close();
});

test('registerHandlers: an operation without a handler is not subscribed, even when named like an Object.prototype member', async () => {
  const transport = new InMemoryTransport();
  const subscribed: string[] = [];
  const spy = Object.assign(Object.create(transport), { subscribe: (address: string, ...rest: Parameters<InMemoryTransport['subscribe']> extends [string, ...infer R] ? R : never) => (subscribed.push(address), transport.subscribe(address, ...rest)) });
  const handle = await registerHandlers({ transport: spy, group: 'g' }, [op('toString'), op('constructor'), op('own')], { own: () => undefined });
  assert.equal(subscribed, ['a.own']);
  await handle.close();
});

test('runtime expressions and address parameters read and write own properties only', () => {
  assert.is(readExpression('$message.payload#/constructor', {}, {}), undefined);
  assert.is(readExpression('$message.payload#/toString', {}, { toString: 't' }), 't');
  assert.is(readExpression('$message.header#/__proto__', JSON.parse('{"__proto__":"x"}'), undefined), 'x');
  const headers: Record<string, unknown> = {};
  writeExpression('$message.header#/__proto__', 'v', headers, undefined);
  assert.ok(Object.hasOwn(headers, '__proto__'));
  assert.is(Object.getPrototypeOf(headers), Object.prototype);
  assert.equal(writeExpression('$message.payload#/constructor', 'c', {}, { x: 1 }), { x: 1, constructor: 'c' });

  const withParameter = (name: string) => op('p', { address: `a.{${name}}`, parameters: [{ name }] });
  assert.throws(() => resolveAddress(withParameter('constructor'), {}, {}, undefined), (e: unknown) => e instanceof MissingParameterError);
  assert.is(resolveAddress(withParameter('__proto__'), JSON.parse('{"__proto__":"eu"}'), {}, undefined), 'a.eu');
  assert.is(resolveAddress(withParameter('toString'), { toString: 'eu' } as unknown as Record<string, string>, {}, undefined), 'a.eu');
});

test.run();
