import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffSpecs } from '../../src/diff/index.js';
import type { Change } from '../../src/diff/types.js';
import { diffTexts, fixture, sideFromText } from './helpers.js';
import { diffLoaded } from '../../src/diff/index.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CORPUS } from './conformance-lib.js';
import { needs } from '../helpers.js';

const line = (c: Change) => `${c.level} ${c.id} ${c.operation ?? c.channel ?? '-'}`;

test('AsyncAPI 3: servers, channels, operations, renames, replies, messages, schemas by direction', async () => {
  const r = await diffSpecs(fixture('asyncapi3/base.yaml'), fixture('asyncapi3/revision.yaml'));
  assert.equal(r.changes.map(line), [
    'breaking server-removed -',
    'breaking channel-removed audit.log',
    'breaking property-became-optional placeOrder',
    'breaking required-property-added placeOrder',
    'breaking message-removed publishOrderEvents',
    'breaking property-became-optional publishOrderEvents',
    'breaking operation-removed writeAudit',
    'warning operation-id-changed placeOrder',
    'warning message-added publishOrderEvents',
    'warning enum-value-added publishOrderEvents',
  ]);
  assert.is(r.bump, 'major');
  assert.equal(r.versionCheck, { declared: '1.3.0', required: '2.0.0', ok: false, message: 'info.version is 1.3.0, but the changes need a major bump: at least 2.0.0' });
  const reply = r.changes.find((c) => c.id === 'property-became-optional' && c.operation === 'placeOrder')!;
  assert.is(reply.message, 'Payload of message `OrderAccepted` sent as a reply on `orders.replies`: consumers may no longer receive `eta` in the payload: it is no longer required.');
  assert.is(reply.direction, 'emit');
  const removed = r.changes.find((c) => c.id === 'message-removed')!;
  assert.is(removed.message, 'Operation `publishOrderEvents` no longer sends message `OrderCancelled` on `orders.events`.');
  const rename = r.changes.find((c) => c.id === 'operation-id-changed')!;
  assert.is(rename.message, 'Operation on `orders.commands` was renamed from `createOrder` to `placeOrder`.');
  assert.equal(rename.base, { file: fixture('asyncapi3/base.yaml'), pointer: '/operations/createOrder', line: 33, column: 3 });
  assert.equal(rename.revision, { file: fixture('asyncapi3/revision.yaml'), pointer: '/operations/placeOrder', line: 28, column: 3 });
});

test('AsyncAPI 2: publish is received (accepted), subscribe is sent (emitted); below 1.0.0 breaking needs minor', async () => {
  const r = await diffSpecs(fixture('asyncapi2/base.yaml'), fixture('asyncapi2/revision.yaml'));
  assert.equal(
    r.changes.map((c) => [c.id, c.level, c.bump, c.operation, c.direction]),
    [
      ['max-length-decreased', 'breaking', 'minor', 'handleCustomerCommand', 'accept'],
      ['max-length-decreased', 'non-breaking', 'patch', 'emitCustomerEvents', 'emit'],
    ],
  );
  assert.is(r.bump, 'minor');
  assert.is(r.versionCheck!.ok, true);
});

test('OpenAPI: parameters, request bodies, responses, headers, security, path parameter renamed silently', async () => {
  const r = await diffSpecs(fixture('openapi/base.yaml'), fixture('openapi/revision.yaml'));
  assert.equal(r.changes.map(line), [
    'breaking operation-removed DELETE /orders/{orderId}',
    'breaking parameter-removed GET /orders',
    'breaking maximum-decreased GET /orders',
    'breaking required-parameter-added GET /orders',
    'breaking response-header-became-optional GET /orders',
    'breaking security-requirement-added GET /orders/{id}',
    'breaking response-removed POST /orders',
    'breaking request-body-became-required POST /orders',
    'breaking request-media-type-removed POST /orders',
    'warning optional-property-removed GET /orders',
    'non-breaking deprecated GET /orders/{id}',
    'non-breaking operation-added POST /orders/{id}/cancel',
  ]);
  const prop = r.changes.find((c) => c.id === 'optional-property-removed')!;
  assert.is(prop.message, 'Schema `Order` (in `200` response of `GET /orders` and 2 more): clients may no longer receive `createdAt` in the `Order` schema.');
  const limit = r.changes.find((c) => c.id === 'maximum-decreased')!;
  assert.is(limit.message, 'Query parameter `limit` of `GET /orders`: the parameter `maximum` changed from ≤ 100 to ≤ 50; values valid before are now rejected.');
});

test('refactors are silent: inlining, components, another file, allOf, key order, path parameter names', async () => {
  const r = await diffSpecs(fixture('refactor/base.yaml'), fixture('refactor/revision.yaml'));
  assert.equal(r.changes, []);
  assert.is(r.bump, 'none');
  const back = await diffSpecs(fixture('refactor/revision.yaml'), fixture('refactor/base.yaml'));
  assert.equal(back.changes, []);
});

test('an identical pair gives none', async () => {
  const r = await diffSpecs(fixture('openapi/base.yaml'), fixture('openapi/base.yaml'));
  assert.equal(r, {
    format: 'openapi',
    base: { file: fixture('openapi/base.yaml'), version: '2.0.0' },
    revision: { file: fixture('openapi/base.yaml'), version: '2.0.0' },
    bump: 'none',
    changes: [],
    versionCheck: { declared: '2.0.0', required: '2.0.0', ok: true, message: 'info.version 2.0.0 satisfies the unchanged contract (at least 2.0.0)' },
  });
});

test('locations point into $ref-ed files, in both sides', async () => {
  const root = `openapi: 3.0.3
info: { title: P, version: 1.0.0 }
paths:
  /p:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: 'money.yaml' }
      responses:
        '204': { description: ok }
`;
  const money = (min: number) => `type: object\nproperties:\n  value:\n    type: integer\n    minimum: ${min}\n`;
  const r = await diffLoaded(await sideFromText('a/root.yaml', root, { 'a/money.yaml': money(0) }), await sideFromText('b/root.yaml', root.replace('1.0.0', '1.1.0'), { 'b/money.yaml': money(1) }));
  assert.is(r.changes.length, 1);
  const c = r.changes[0];
  assert.is(c.id, 'minimum-increased');
  assert.is(c.level, 'breaking');
  assert.equal(c.base, { file: 'a/money.yaml', pointer: '/properties/value/minimum', line: 5, column: 5 });
  assert.equal(c.revision, { file: 'b/money.yaml', pointer: '/properties/value/minimum', line: 5, column: 5 });
  assert.is(c.message, 'Schema `money.yaml` (in request body of `POST /p`): `value` `minimum` changed from ≥ 0 to ≥ 1; values valid before are now rejected.');
});

test('fingerprints ignore line numbers and file names but not the change', async () => {
  const doc = (max: number, pad: string) => `asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }${pad}
channels:
  c: { address: orders, messages: { M: { name: M, payload: { type: string, maxLength: ${max} } } } }
operations:
  o: { action: receive, channel: { $ref: '#/channels/c' } }
`;
  const a = await diffTexts(doc(10, ''), doc(5, ''));
  const b = await diffTexts(doc(10, '\n# moved down\n\n'), doc(5, '\n\n\n\n'));
  const c = await diffTexts(doc(10, ''), doc(4, ''));
  assert.is(a.changes[0].fingerprint, b.changes[0].fingerprint);
  assert.is.not(a.changes[0].revision!.line, b.changes[0].revision!.line);
  assert.is.not(a.changes[0].fingerprint, c.changes[0].fingerprint);
  assert.match(a.changes[0].fingerprint, /^[0-9a-f]{16}$/);
});

test('operations matched by (address, action) when renamed; a different action is remove + add', async () => {
  const doc = (id: string, action: string) => `asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }
channels:
  c: { address: orders, messages: { M: { name: M, payload: { type: string } } } }
operations:
  ${id}: { action: ${action}, channel: { $ref: '#/channels/c' } }
`;
  const renamed = await diffTexts(doc('a', 'send'), doc('b', 'send'));
  assert.equal(renamed.changes.map((c) => c.id), ['operation-id-changed']);
  const flipped = await diffTexts(doc('a', 'send'), doc('b', 'receive'));
  assert.equal(flipped.changes.map((c) => c.id), ['operation-removed', 'operation-added']);
  const sameId = await diffTexts(doc('a', 'send'), doc('a', 'receive'));
  assert.equal(sameId.changes.map((c) => c.id), ['operation-action-changed']);
});

test('--extensions ignore drops x- changes; patch otherwise', async () => {
  const doc = (x: string) => `asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }
channels:
  c: { address: orders, x-team: ${x} }
`;
  const r = await diffTexts(doc('a'), doc('b'));
  assert.equal(r.changes.map((c) => [c.id, c.level, c.bump]), [['extension-changed', 'patch', 'patch']]);
  assert.is(r.bump, 'patch');
  assert.equal((await diffTexts(doc('a'), doc('b'), { extensions: 'ignore' })).changes, []);
});

const specExamples = path.join(CORPUS, 'asyncapi/spec-examples');
needs('corpus', existsSync(specExamples), `${specExamples} is absent`)('AsyncAPI 2.6 to 3.0: the same contract migrated compares as (almost) nothing', async () => {
  const dir = specExamples;
  const r = await diffSpecs(path.join(dir, '2.6.0/streetlights-kafka.yml'), path.join(dir, '3.0.0/streetlights-kafka-asyncapi.yml'));
  assert.equal(r.changes.filter((c) => c.level !== 'patch'), []);
  const simple = await diffSpecs(path.join(dir, '2.6.0/simple.yml'), path.join(dir, '3.0.0/simple-asyncapi.yml'));
  assert.equal(simple.changes.filter((c) => c.level !== 'patch'), []);
});

test.run();
