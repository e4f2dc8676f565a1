import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bothWays, diffTexts } from './helpers.js';

/** `id level message` of each change: accepted side (received on orders.in), emitted side (sent on orders.out). */
async function sides(base: unknown, rev: unknown): Promise<{ accept: string[]; emit: string[] }> {
  const r = await diffTexts(bothWays(base), bothWays(rev));
  const line = (c: (typeof r.changes)[number]) => `${c.id} ${c.level} ${c.message}`;
  return { accept: r.changes.filter((c) => c.channel === 'orders.in').map(line), emit: r.changes.filter((c) => c.channel === 'orders.out').map(line) };
}

const IN = 'Payload of message `Order` received on `orders.in`: the payload';
const OUT = 'Payload of message `Order` sent on `orders.out`: the payload';
const RISK = '; consumers may receive values they do not handle';

/** One keyword change: the id, its level when accepted and when emitted, the message after "the payload", and whether the emitted side names the risk. */
type Row = [name: string, base: unknown, rev: unknown, id: string, accept: string, emit: string, text: string, risk?: boolean];

const arr = (extra: object) => ({ type: 'array', ...extra });
const str = { type: 'string' };

const rows: Row[] = [
  ['not added', {}, { not: str }, 'not-added', 'breaking', 'non-breaking', 'now excludes values matching the `not` schema'],
  ['not removed', { not: str }, {}, 'not-removed', 'non-breaking', 'breaking', 'no longer excludes values matching the `not` schema', true],
  ['not: integer -> number', { not: { type: 'integer' } }, { not: { type: 'number' } }, 'not-narrowed', 'breaking', 'non-breaking', 'now also excludes number values'],
  ['not: number -> integer', { not: { type: 'number' } }, { not: { type: 'integer' } }, 'not-widened', 'non-breaking', 'breaking', 'now allows number values', true],
  ['not: any other change may break', { not: { minLength: 2 } }, { not: { minLength: 3 } }, 'not-changed', 'warning', 'warning', '`not` schema changed; it may break: values it allowed may now be rejected, or rejected values allowed'],
  ['contains added', arr({}), arr({ contains: str }), 'contains-added', 'breaking', 'non-breaking', 'must now contain an item matching the `contains` schema'],
  ['contains removed', arr({ contains: str }), arr({}), 'contains-removed', 'non-breaking', 'breaking', 'no longer has to contain an item matching the `contains` schema', true],
  ['contains changed', arr({ contains: str }), arr({ contains: { type: 'number' } }), 'contains-changed', 'warning', 'warning', '`contains` schema changed; it may break: arrays accepted before may now be rejected, or the reverse'],
  ['minContains raised', arr({ contains: str }), arr({ contains: str, minContains: 2 }), 'contains-count-narrowed', 'breaking', 'non-breaking', 'must now contain at least 2 matching items (was at least 1)'],
  ['maxContains added', arr({ contains: str }), arr({ contains: str, maxContains: 2 }), 'contains-count-narrowed', 'breaking', 'non-breaking', 'must now contain 1 to 2 matching items (was at least 1)'],
  ['maxContains dropped', arr({ contains: str, maxContains: 2 }), arr({ contains: str }), 'contains-count-widened', 'non-breaking', 'breaking', 'must now contain at least 1 matching items (was 1 to 2)', true],
  ['then added', { type: 'object' }, { type: 'object', if: { properties: { kind: { const: 'a' } } }, then: { required: ['a'] } }, 'conditional-added', 'breaking', 'non-breaking', 'is now constrained by `if`/`then`/`else`'],
  ['if/then removed', { type: 'object', if: { required: ['k'] }, then: { required: ['a'] } }, { type: 'object' }, 'conditional-removed', 'non-breaking', 'breaking', 'is no longer constrained by `if`/`then`/`else`', true],
  ['property made required inside then', { type: 'object', if: { required: ['k'] }, then: {} }, { type: 'object', if: { required: ['k'] }, then: { required: ['a'] } }, 'conditional-changed', 'warning', 'warning', '`if`/`then`/`else` changed; it may break: conditions are not compared for inclusion'],
  ['propertyNames added', { type: 'object' }, { type: 'object', propertyNames: { maxLength: 3 } }, 'property-names-added', 'breaking', 'non-breaking', 'is now constrained by `propertyNames`'],
  ['propertyNames removed', { type: 'object', propertyNames: { maxLength: 3 } }, { type: 'object' }, 'property-names-removed', 'non-breaking', 'breaking', 'is no longer constrained by `propertyNames`', true],
  ['propertyNames changed', { type: 'object', propertyNames: { maxLength: 3 } }, { type: 'object', propertyNames: { maxLength: 2 } }, 'property-names-changed', 'warning', 'warning', '`propertyNames` changed; it may break: name schemas are not compared for inclusion'],
  ['unevaluatedProperties: false added', { type: 'object' }, { type: 'object', unevaluatedProperties: false }, 'unevaluated-added', 'breaking', 'non-breaking', 'is now constrained by `unevaluatedProperties`/`unevaluatedItems`'],
  ['unevaluatedItems removed', arr({ unevaluatedItems: false }), arr({}), 'unevaluated-removed', 'non-breaking', 'breaking', 'is no longer constrained by `unevaluatedProperties`/`unevaluatedItems`', true],
  ['unevaluatedProperties changed', { type: 'object', unevaluatedProperties: str }, { type: 'object', unevaluatedProperties: false }, 'unevaluated-changed', 'warning', 'warning', '`unevaluatedProperties`/`unevaluatedItems` changed; it may break: what counts as unevaluated depends on the rest of the schema'],
  ['contentSchema added', { type: 'string', contentMediaType: 'application/json' }, { type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'object' } }, 'content-schema-added', 'breaking', 'non-breaking', 'is now constrained by `contentSchema`'],
  ['contentSchema changed', { type: 'string', contentSchema: { type: 'object' } }, { type: 'string', contentSchema: { type: 'array' } }, 'content-schema-changed', 'warning', 'warning', '`contentSchema` changed; it may break: content schemas are not compared for inclusion'],
  ['contentEncoding added', str, { type: 'string', contentEncoding: 'base64' }, 'content-encoding-changed', 'breaking', 'breaking', '`contentEncoding` changed from none to `base64`'],
  ['contentMediaType changed', { type: 'string', contentMediaType: 'text/plain' }, { type: 'string', contentMediaType: 'application/json' }, 'content-encoding-changed', 'breaking', 'breaking', '`contentMediaType` changed from `text/plain` to `application/json`'],
  ['patternProperties pattern added', { type: 'object' }, { type: 'object', patternProperties: { '^x-': str } }, 'pattern-property-added', 'breaking', 'non-breaking', 'properties matching `^x-` must now match a schema'],
  ['patternProperties pattern removed', { type: 'object', patternProperties: { '^x-': str } }, { type: 'object' }, 'pattern-property-removed', 'non-breaking', 'breaking', 'properties matching `^x-` no longer have to match a schema', true],
  ['patternProperties beside additionalProperties: false', { type: 'object', additionalProperties: false }, { type: 'object', additionalProperties: false, patternProperties: { '^x-': str } }, 'pattern-property-changed', 'warning', 'warning', 'properties matching `^x-` are now governed by their own schema instead of `additionalProperties`; it may break'],
  ['prefixItems position added', arr({ prefixItems: [str] }), arr({ prefixItems: [str, str] }), 'prefix-item-added', 'breaking', 'non-breaking', 'tuple item 1 must now match a schema'],
  ['draft-07 tuple position removed', arr({ items: [str, str] }), arr({ items: [str] }), 'prefix-item-removed', 'non-breaking', 'breaking', 'tuple item 1 may now be anything', true],
  ['tuple position added beside additionalItems: false', arr({ items: [str], additionalItems: false }), arr({ items: [str, str], additionalItems: false }), 'prefix-item-changed', 'warning', 'warning', 'tuple item 1 now has its own schema instead of the one for remaining items; it may break'],
];

for (const [name, base, rev, id, accept, emit, text, risk] of rows)
  test(`keywords: ${name}`, async () => {
    const r = await sides(base, rev);
    assert.equal(r.accept, [`${id} ${accept} ${IN} ${text}.`], 'received');
    assert.equal(r.emit, [`${id} ${emit} ${OUT} ${text}${risk ? RISK : ''}.`], 'sent');
  });

test('keywords: a property listed beside an unchanged unevaluatedProperties: false may break', async () => {
  const r = await sides({ type: 'object', unevaluatedProperties: false }, { type: 'object', properties: { a: {} }, unevaluatedProperties: false });
  const warn = (side: string) => `unevaluated-changed warning ${side} \`unevaluatedProperties\`/\`unevaluatedItems\` changed; it may break: what counts as unevaluated depends on the rest of the schema.`;
  assert.equal(r.accept, [warn(IN), `optional-property-added non-breaking ${IN} has a new optional property \`a\`.`]);
  assert.equal(r.emit[0], warn(OUT));
});

/** Clean cases: the same keyword written the same (or equivalently) reports nothing either way. */
const clean: [string, unknown, unknown][] = [
  ['not unchanged', { not: { type: 'integer' } }, { not: { type: 'integer' } }],
  ['not keys reordered', { not: { type: 'string', minLength: 2 } }, { not: { minLength: 2, type: 'string' } }],
  ['contains unchanged', arr({ contains: str, minContains: 2 }), arr({ contains: str, minContains: 2 })],
  ['if/then unchanged', { if: { required: ['k'] }, then: { required: ['a'] } }, { then: { required: ['a'] }, if: { required: ['k'] } }],
  ['propertyNames unchanged', { type: 'object', propertyNames: { maxLength: 3 } }, { type: 'object', propertyNames: { maxLength: 3 } }],
  ['unevaluatedProperties unchanged', { type: 'object', unevaluatedProperties: false }, { type: 'object', unevaluatedProperties: false }],
  ['content keywords unchanged', { type: 'string', contentEncoding: 'base64', contentSchema: str }, { type: 'string', contentEncoding: 'base64', contentSchema: str }],
  ['patternProperties unchanged', { type: 'object', patternProperties: { '^x-': str } }, { type: 'object', patternProperties: { '^x-': str } }],
  ['prefixItems unchanged', arr({ prefixItems: [str], items: false }), arr({ prefixItems: [str], items: false })],
  ['minContains 1 is the default', arr({ contains: str }), arr({ contains: str, minContains: 1 })],
];
for (const [name, base, rev] of clean)
  test(`keywords: ${name} is clean both ways`, async () => {
    assert.equal(await sides(base, rev), { accept: [], emit: [] });
    assert.equal(await sides(rev, base), { accept: [], emit: [] });
  });

test.run();
