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

test.run();
