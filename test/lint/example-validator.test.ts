// Keyword-level checks of the example checker, on a small OpenAPI 3.0 document.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExampleValidator } from '../../src/lint/example-validator.js';
import { validateFile } from '../../src/validate/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-examples-'));
writeFileSync(path.join(dir, 'money.yaml'), 'Money:\n  type: object\n  required: [amount]\n  properties:\n    amount: { type: string, pattern: "^[0-9]+$" }\n');
writeFileSync(
  path.join(dir, 'api.yaml'),
  `openapi: 3.0.3
info: { title: t, version: 1.0.0 }
paths: {}
components:
  schemas:
    Thing:
      type: object
      required: [id, name, secret]
      additionalProperties: false
      properties:
        id: { type: string, readOnly: true }
        secret: { type: string, writeOnly: true }
        name: { type: string, nullable: true, maxLength: 3 }
        size: { type: integer, minimum: 1, exclusiveMaximum: true, maximum: 10 }
        when: { type: string, format: date-time }
        price: { $ref: './money.yaml#/Money' }
        tags: { type: array, uniqueItems: true, items: { enum: [a, b] } }
        kind: { oneOf: [{ type: string }, { type: integer }] }
`,
);

const model = (await validateFile(path.join(dir, 'api.yaml'), { keepModel: true })).model!;
const v = new ExampleValidator(model);
const at = { file: path.join(dir, 'api.yaml'), pointer: '/components/schemas/Thing' };
const check = (value: unknown, direction?: 'request' | 'response') => v.validate(at, value, direction).map((p) => `${p.instancePath} ${p.message}`);

test('keywords, nullable, boolean exclusiveMaximum, formats and cross-file refs', () => {
  const ok = { id: '1', secret: 's', name: null, size: 9, when: '2024-05-14T09:30:00Z', price: { amount: '12' }, tags: ['a', 'b'], kind: 3 };
  assert.equal(check(ok), []);
  assert.equal(check({ ...ok, name: 'long' }), ['/name must have at most 3 characters']);
  assert.equal(check({ ...ok, size: 10 }), ['/size must be < 10']);
  assert.equal(check({ ...ok, size: 1.5 }), ['/size must be integer']);
  assert.equal(check({ ...ok, when: 'yesterday' }), ['/when must be a valid `date-time`']);
  assert.equal(check({ ...ok, price: { amount: '1.5' } }), ['/price/amount must match pattern `^[0-9]+$`']);
  assert.equal(check({ ...ok, price: {} }), ['/price must have required property `amount`']);
  assert.equal(check({ ...ok, tags: ['a', 'a'] }), ['/tags must not have duplicate items (items 0 and 1 are equal)']);
  assert.equal(check({ ...ok, tags: ['c'] }), ['/tags/0 must be one of `"a"`, `"b"`']);
  assert.equal(check({ ...ok, kind: true }), ['/kind must match one schema of `oneOf`']);
  assert.equal(check({ ...ok, extra: 1 }), [' must not have property `extra`']);
});

test('readOnly may be missing from requests, writeOnly from responses, and nowhere else', () => {
  assert.equal(check({ secret: 's', name: 'a' }, 'request'), []);
  assert.equal(check({ id: '1', name: 'a' }, 'response'), []);
  assert.equal(check({ secret: 's', name: 'a' }), [' must have required property `id`']);
  assert.equal(check({ id: '1', name: 'a' }, 'request'), [' must have required property `secret`']);
});

// OpenAPI 3.1: JSON Schema 2020-12, with `dependentRequired`.
writeFileSync(
  path.join(dir, 'api31.yaml'),
  `openapi: 3.1.0
info: { title: t, version: 1.0.0 }
paths: {}
components:
  schemas:
    Proto: { type: object, required: [__proto__] }
    Ctor: { type: object, required: [constructor] }
    OptionalCtor:
      type: object
      properties: { constructor: { type: string } }
      dependentRequired: { constructor: [id], toString: [id] }
    Ahead: { type: string, pattern: '^(?!x)' }
    Behind: { type: string, pattern: '(?<!a)b' }
    EitherAhead: { anyOf: [{ $ref: '#/components/schemas/Ahead' }, { type: integer }] }
    NotAhead: { not: { $ref: '#/components/schemas/Ahead' } }
    OneAhead: { oneOf: [{ $ref: '#/components/schemas/Ahead' }, { type: string }] }
    AheadAndShort: { allOf: [{ $ref: '#/components/schemas/Ahead' }, { maxLength: 2 }] }
    Names:
      type: object
      patternProperties: { '^(?=a)': { type: integer } }
      additionalProperties: false
    Loop: { anyOf: [{ $ref: '#/components/schemas/Loop' }, { type: string }] }
    Wide: { type: array, items: { anyOf: [{ required: [a] }, { required: [b] }, {}] } }
`,
);
const model31 = (await validateFile(path.join(dir, 'api31.yaml'), { keepModel: true })).model!;
const check31 = (name: string, value: unknown, budget?: number) =>
  new ExampleValidator(model31, budget)
    .validate({ file: path.join(dir, 'api31.yaml'), pointer: `/components/schemas/${name}` }, value)
    .map((p) => `${p.unchecked ? `unchecked (${p.unchecked})` : 'invalid'} ${p.instancePath} ${p.message}`);

test('properties are own properties: __proto__ and constructor are not read from Object.prototype', () => {
  assert.equal(check31('Proto', {}), ['invalid  must have required property `__proto__`']);
  assert.equal(check31('Proto', JSON.parse('{"__proto__": 1}')), []);
  assert.equal(check31('Ctor', {}), ['invalid  must have required property `constructor`']);
  assert.equal(check31('Ctor', { constructor: 'x' }), []);
  assert.equal(check31('OptionalCtor', {}), []);
  assert.equal(check31('OptionalCtor', { constructor: 5, id: 1 }), ['invalid /constructor must be string']);
  assert.equal(check31('OptionalCtor', { constructor: 'x' }), ['invalid  must have property `id` when `constructor` is present']);
});

test('a pattern RE2 cannot run leaves only what depends on it without a verdict', () => {
  const ahead = 'unchecked (pattern)  pattern `^(?!x)` cannot run in linear time (lookahead needs backtracking)';
  assert.equal(check31('Ahead', 'abc'), [ahead]);
  assert.equal(check31('Ahead', 5), ['invalid  must be string']); // the type decides
  assert.equal(check31('Behind', 'ab'), ['invalid  must match pattern `(?<!a)b`']); // lookbehind runs on RE2
  assert.equal(check31('Behind', 'cb'), []);
  assert.equal(check31('EitherAhead', 3), []); // another branch decides
  assert.equal(check31('EitherAhead', 'abc'), [ahead]);
  assert.equal(check31('NotAhead', 'abc'), [ahead]);
  assert.equal(check31('OneAhead', 'abc'), [ahead]);
  assert.equal(check31('OneAhead', 5), ['invalid  must match one schema of `oneOf`']);
  assert.equal(check31('AheadAndShort', 'abc'), ['invalid  must have at most 2 characters']); // a failure elsewhere still counts
  // Whether `^(?=a)` covers `b` is open, and with it whether additionalProperties: false refuses it.
  assert.equal(check31('Names', { b: 1 }), ['unchecked (pattern) /b pattern `^(?=a)` cannot run in linear time (lookahead needs backtracking)']);
  assert.equal(check31('Names', {}), []);
});

test('a schema that refers back to itself for the same value has no verdict unless another branch decides', () => {
  assert.equal(check31('Loop', 'x'), []);
  assert.equal(check31('Loop', 1), ['unchecked (cycle)  schema `#/components/schemas/Loop` refers back to itself for the same value']);
});

test('an example that needs more steps than the budget is too complex to check, as is every one after the document budget is spent', () => {
  const items = Array.from({ length: 40 }, (_, i) => ({ x: i }));
  assert.equal(check31('Wide', items, 100), ['unchecked (too-complex)  too complex to check (more than 100 steps)']);
  assert.equal(check31('Wide', items, 1000), []);
  const v = new ExampleValidator(model31, 100);
  const at31 = { file: path.join(dir, 'api31.yaml'), pointer: '/components/schemas/Wide' };
  // 61 steps each: the 17th passes the document's budget (ten examples' worth), and the ones after it are not checked.
  const verdicts = Array.from({ length: 18 }, () => v.validate(at31, items.slice(0, 10)).map((p) => p.message).join());
  assert.equal(verdicts, [...Array(16).fill(''), ...Array(2).fill('too complex to check (the examples before it took more than 1,000 steps together)')]);
});

test.run();
