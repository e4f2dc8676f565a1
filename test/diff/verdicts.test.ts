// Verdicts decided by what the schemas allow, not by which keywords changed: a change breaks accepted
// data when some instance valid before is rejected now, and emitted data when something new may be sent.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mode } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

/** An OpenAPI 3.0 document: `POST /orders` takes `request` and answers `201` with `response` (media type objects, YAML flow text). */
function orders(request: string, response: string): string {
  return `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    post:
      operationId: placeOrder
      requestBody:
        content:
          application/json: ${request}
      responses:
        '201':
          description: created
          content:
            application/json: ${response}
`;
}
const body = (schema: string) => `{ schema: ${schema} }`;
const OK = body('{ type: string }');
const REQ = 'Request body of `POST /orders`';
const RES = '`201` response of `POST /orders`';

/** `id level message` of every change, in report order. */
async function changes(base: string, rev: string, mode?: Mode): Promise<string[]> {
  const r = await diffTexts(base, rev, mode ? { mode } : {});
  return r.changes.map((c) => `${c.id} ${c.level} ${c.message}`);
}

test('a readOnly property is not part of requests: its pattern relaxed there is no change; in the response it is', async () => {
  const ro = (p: string) => body(`{ type: object, properties: { id: { type: string, readOnly: true, pattern: '${p}' } } }`);
  assert.equal(await changes(orders(ro('^[a-z]+$'), OK), orders(ro('^[a-z0-9]+$'), OK)), []);
  assert.equal(await changes(orders(OK, ro('^[a-z]+$')), orders(OK, ro('^[a-z0-9]+$'))), [
    `pattern-changed breaking ${RES}: \`id\` pattern changed from \`^[a-z]+$\` to \`^[a-z0-9]+$\`.`,
  ]);
});

test('a writeOnly property is not part of responses: its maxLength raised there is no change; in the request it is', async () => {
  const wo = (n: number) => body(`{ type: object, properties: { pw: { type: string, writeOnly: true, maxLength: ${n} } } }`);
  assert.equal(await changes(orders(OK, wo(10)), orders(OK, wo(20))), []);
  assert.equal(await changes(orders(wo(20), OK), orders(wo(10), OK)), [`max-length-decreased breaking ${REQ}: \`pw\` \`maxLength\` changed from ≤ 20 to ≤ 10; values valid before are now rejected.`]);
});

test('a changed const in a response is breaking: the one value clients can get is new', async () => {
  const c = (v: string) => body(`{ type: object, properties: { status: { type: string, const: ${v} } } }`);
  assert.equal(await changes(orders(OK, c('pending')), orders(OK, c('paid'))), [
    `enum-value-added breaking ${RES}: \`status\` now allows \`paid\`, and none of the values it allowed before: clients only get values they never got.`,
    `enum-value-removed non-breaking ${RES}: \`status\` no longer allows \`pending\`.`,
  ]);
  // An enum that keeps a value is only widened: strict clients may trip on the new one.
  const e = (v: string) => body(`{ type: object, properties: { status: { type: string, enum: [${v}] } } }`);
  assert.equal(await changes(orders(OK, e('pending')), orders(OK, e('pending, paid'))), [
    `enum-value-added warning ${RES}: \`status\` now allows \`paid\`; clients that check the value may not handle it.`,
  ]);
});

test('--mode: a replaced enum value breaks old readers in forward and full, old writers in backward and full', async () => {
  const e = (v: string) => body(`{ type: object, properties: { status: { type: string, enum: [${v}] } } }`);
  const base = orders(e('a, b'), e('a, b'));
  const rev = orders(e('a, c'), e('a, c'));
  const added = (level: string, where: string, risk: string) => `enum-value-added ${level} ${where}: \`status\` now allows \`c\`${risk}.`;
  const removed = (level: string, where: string, risk: string) => `enum-value-removed ${level} ${where}: \`status\` no longer allows \`b\`${risk}.`;
  const REJECTED = '; senders of it are rejected';
  const OLD = '; old readers reject it';
  assert.equal(await changes(base, rev, 'auto'), [
    removed('breaking', REQ, REJECTED),
    added('warning', RES, '; clients that check the value may not handle it'),
    added('non-breaking', REQ, ''),
    removed('non-breaking', RES, ''),
  ]);
  assert.equal(await changes(base, rev, 'backward'), [removed('breaking', REQ, REJECTED), removed('breaking', RES, REJECTED), added('non-breaking', REQ, ''), added('non-breaking', RES, '')]);
  assert.equal(await changes(base, rev, 'forward'), [added('breaking', REQ, OLD), added('breaking', RES, OLD), removed('non-breaking', REQ, ''), removed('non-breaking', RES, '')]);
  assert.equal(await changes(base, rev, 'full'), [added('breaking', REQ, OLD), removed('breaking', REQ, REJECTED), added('breaking', RES, OLD), removed('breaking', RES, REJECTED)]);
  // Dropping the enum altogether: old readers reject every other value.
  const open = orders(body('{ type: object, properties: { status: { type: string } } }'), OK);
  assert.equal(await changes(orders(e('a, b'), OK), open, 'forward'), [`enum-removed breaking ${REQ}: \`status\` is no longer limited to \`a\`, \`b\`; old readers reject other values.`]);
});

test('dropping `foo: false` beside additionalProperties: false is no change, either way and in both directions', async () => {
  const withFoo = body('{ type: object, properties: { a: { type: string }, foo: false }, additionalProperties: false }');
  const without = body('{ type: object, properties: { a: { type: string } }, additionalProperties: false }');
  assert.equal(await changes(orders(withFoo, withFoo), orders(without, without)), []);
  assert.equal(await changes(orders(without, without), orders(withFoo, withFoo)), []);
  // Beside an open model, `foo: false` still forbids what was allowed: dropping it is a change.
  const open = body('{ type: object, properties: { a: { type: string }, foo: false } }');
  assert.equal(await changes(orders(open, OK), orders(body('{ type: object, properties: { a: { type: string } } }'), OK)), [
    `optional-property-removed non-breaking ${REQ}: \`foo\` was removed from the request body; it is no longer read.`,
  ]);
});

test('--mode backward: a new optional property the old schema already held to the same schema is not breaking', async () => {
  const NEW = `optional-property-added non-breaking ${REQ}: the request body has a new optional property \`note\`.`;
  const pattern = (extra: string) => body(`{ type: object, ${extra}patternProperties: { '^n': { type: string } } }`);
  assert.equal(await changes(orders(pattern(''), OK), orders(pattern('properties: { note: { type: string } }, '), OK), 'backward'), [NEW]);
  const additional = (extra: string) => body(`{ type: object, ${extra}additionalProperties: { type: string } }`);
  assert.equal(await changes(orders(additional(''), OK), orders(additional('properties: { note: { type: string } }, '), OK), 'backward'), [NEW]);
  // Held to another schema: the new one is compared with it.
  assert.equal(await changes(orders(additional(''), OK), orders(additional('properties: { note: { type: string, maxLength: 3 } }, '), OK), 'backward'), [
    `max-length-added breaking ${REQ}: \`note\` now has \`maxLength\` ≤ 3; values valid before are now rejected.`,
    NEW,
  ]);
  // Not held to anything: old writers may have sent any value under the name.
  assert.equal(await changes(orders(body('{ type: object }'), OK), orders(body('{ type: object, properties: { note: { type: string } } }'), OK), 'backward'), [
    `optional-property-added breaking ${REQ}: the request body has a new optional property \`note\`, which the old schema allowed with any value: data old writers sent under it may be rejected.`,
  ]);
});

test('a media type without a schema gaining one: breaking for a request body, non-breaking for a response', async () => {
  const obj = body('{ type: object, required: [a] }');
  assert.equal(await changes(orders('{}', OK), orders(obj, OK)), [
    `property-became-required breaking ${REQ}: \`a\` in the request body became required; senders that omit it are rejected.`,
    `type-narrowed breaking ${REQ}: the request body is now restricted to type \`object\`; values of other types are rejected.`,
  ]);
  assert.equal(await changes(orders(OK, '{}'), orders(OK, obj)), [
    `property-became-required non-breaking ${RES}: \`a\` in the response body is now always sent.`,
    `type-narrowed non-breaking ${RES}: the response body is now restricted to type \`object\`.`,
  ]);
  // Losing the schema widens: breaking for the response.
  assert.equal((await changes(orders(OK, obj), orders(OK, '{}'))).map((c) => c.split(':')[0]), [
    `property-became-optional breaking ${RES}`,
    `type-widened breaking ${RES}`,
  ]);
});

test('a request body wrapped in a oneOf whose branches overlap: breaking when old values match both, else may break', async () => {
  const str = body('{ type: string }');
  assert.equal(await changes(orders(str, OK), orders(body('{ oneOf: [{ type: string }, { type: [string, number] }] }'), OK)), [
    `variants-overlap breaking ${REQ}: the request body must now match exactly one \`oneOf\` branch, but values accepted before match both \`#1\` and \`#2\`: they are rejected.`,
    `variant-added non-breaking ${REQ}: the request body now allows the \`#2\` variant.`,
  ]);
  assert.equal(await changes(orders(str, OK), orders(body('{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }'), OK)), [
    `variants-overlap warning ${REQ}: the request body must now match exactly one \`oneOf\` branch, and \`#1\` and \`#2\` may overlap; it may break: values accepted before that match both are rejected.`,
    `variant-added non-breaking ${REQ}: the request body now allows the \`#2\` variant.`,
  ]);
  // Disjoint branches (distinct types, or a required property with distinct values) cannot both match.
  assert.equal(await changes(orders(str, OK), orders(body('{ oneOf: [{ type: string }, { type: number }] }'), OK)), [
    `variant-added non-breaking ${REQ}: the request body now allows the \`#2\` variant.`,
  ]);
  const kind = (k: string) => `{ type: object, required: [kind], properties: { kind: { const: ${k} } } }`;
  assert.equal(await changes(orders(body(`{ oneOf: [${kind('a')}] }`), OK), orders(body(`{ oneOf: [${kind('a')}, ${kind('b')}] }`), OK)), [
    `variant-added non-breaking ${REQ}: the request body now allows the \`#2\` variant.`,
  ]);
  // In a response, oneOf rejecting more only narrows what clients get: harmless, and only where old values match both.
  assert.equal(await changes(orders(OK, str), orders(OK, body('{ oneOf: [{ type: string }, { type: [string, number] }] }'))), [
    `variant-added breaking ${RES}: the response body now allows the \`#2\` variant; clients may receive a shape they do not handle.`,
    `variants-overlap non-breaking ${RES}: the response body must now match exactly one \`oneOf\` branch: values sent before that match both \`#1\` and \`#2\` are no longer sent.`,
  ]);
  const mayOverlap = await changes(orders(OK, str), orders(OK, body('{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }')));
  assert.equal(mayOverlap.filter((l) => l.startsWith('variants-overlap')), []);
});

test('anyOf [string] to oneOf [number, string]: disjoint branches make oneOf anyOf, a pure widening', async () => {
  assert.equal(await changes(orders(body('{ anyOf: [{ type: string }] }'), OK), orders(body('{ oneOf: [{ type: number }, { type: string }] }'), OK)), [
    `variant-added non-breaking ${REQ}: the request body now allows the \`#1\` variant.`,
  ]);
  // Branches that may overlap: oneOf rejects what matches both.
  assert.equal(await changes(orders(body('{ anyOf: [{ type: string }] }'), OK), orders(body('{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }'), OK)), [
    `combinator-changed breaking ${REQ}: the request body changed from \`anyOf\` to \`oneOf\`.`,
    `variant-added non-breaking ${REQ}: the request body now allows the \`#2\` variant.`,
  ]);
});

test.run();
