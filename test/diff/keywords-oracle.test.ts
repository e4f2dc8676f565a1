// Brute force against the diff: for each keyword family, every pair of a few small schemas using it, and
// seeded random instances. An instance valid under one schema and invalid under the other proves a break
// in that direction (ajv decides): the diff must then not pass that direction as "none" (no breaking or
// warning change). Draft-07 `items: [...]` is left out (ajv 2020 rejects it), as are contentEncoding,
// contentMediaType and contentSchema (annotations ajv does not validate; see keywords.test.ts).
import Ajv2020 from 'ajv/dist/2020.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seeded } from '../hostile.js';
import { bothWays, diffTexts } from './helpers.js';

const str = { type: 'string' };
const obj = (extra: object = {}) => ({ type: 'object', ...extra });
const arr = (extra: object = {}) => ({ type: 'array', ...extra });

const families: Record<string, unknown[]> = {
  not: [{}, { not: { type: 'integer' } }, { not: { type: 'number' } }, { not: str }, { not: { type: ['string', 'null'] } }, { not: { minLength: 2 } }],
  contains: [arr(), arr({ contains: str }), arr({ contains: str, minContains: 2 }), arr({ contains: str, maxContains: 1 }), arr({ contains: { type: 'number' } }), arr({ contains: str, minContains: 0 })],
  conditional: [obj(), obj({ if: { required: ['k'] }, then: { required: ['a'] } }), obj({ if: { required: ['k'] }, then: {} }), obj({ if: { required: ['k'] }, else: { required: ['b'] } }), obj({ if: { required: ['a'] }, then: { required: ['k'] } })],
  propertyNames: [obj(), obj({ propertyNames: { maxLength: 1 } }), obj({ propertyNames: { maxLength: 3 } }), obj({ propertyNames: { pattern: '^a' } })],
  unevaluated: [obj(), obj({ unevaluatedProperties: false }), obj({ properties: { a: {} }, unevaluatedProperties: false }), obj({ unevaluatedProperties: str }), arr({ prefixItems: [str], unevaluatedItems: false }), arr({ prefixItems: [str] })],
  patternProperties: [obj(), obj({ patternProperties: { '^x-': str } }), obj({ patternProperties: { '^a': { type: 'number' } } }), obj({ additionalProperties: false }), obj({ additionalProperties: false, patternProperties: { '^x-': str } })],
  prefixItems: [arr(), arr({ prefixItems: [str] }), arr({ prefixItems: [str, str] }), arr({ prefixItems: [str], items: false }), arr({ prefixItems: [str, { type: 'number' }], items: false })],
};

const ATOMS = [0, 2, 1.5, 'a', 'abcd', '', null, true];
const KEYS = ['a', 'k', 'b', 'x-a', 'abcd'];
function instance(random: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const r = random();
  if (depth > 0 || r < 0.3) return pick(ATOMS);
  if (r < 0.65) return Array.from({ length: Math.floor(random() * 4) }, () => instance(random, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 3) }, () => [pick(KEYS), instance(random, depth + 1)]));
}

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const alarming = (levels: string[]) => levels.some((l) => l === 'breaking' || l === 'warning');

test('keyword diffs never pass a break that brute force proves', async () => {
  const random = seeded(15);
  const instances = Array.from({ length: 400 }, () => instance(random));
  const lines: string[] = [];
  const misses: string[] = [];
  for (const [family, pool] of Object.entries(families)) {
    const validators = pool.map((s) => ajv.compile(s as object));
    let proven = 0;
    let agreed = 0;
    for (let i = 0; i < pool.length; i++)
      for (let j = 0; j < pool.length; j++) {
        if (i === j) continue;
        const lost = instances.find((x) => validators[i](x) && !validators[j](x));
        const gained = instances.find((x) => !validators[i](x) && validators[j](x));
        if (lost === undefined && gained === undefined) continue;
        const r = await diffTexts(bothWays(pool[i]), bothWays(pool[j]));
        const levels = (ch: string) => r.changes.filter((c) => c.channel === ch).map((c) => c.level);
        for (const [proof, ch, dir] of [[lost, 'orders.in', 'accepted'], [gained, 'orders.out', 'emitted']] as const) {
          if (proof === undefined) continue;
          proven++;
          if (alarming(levels(ch))) agreed++;
          else misses.push(`${family}: ${JSON.stringify(pool[i])} -> ${JSON.stringify(pool[j])} passes ${dir} data although ${JSON.stringify(proof)} proves a break`);
        }
      }
    lines.push(`${family}: ${agreed}/${proven} proven breaks reported`);
  }
  console.log(lines.join('\n'));
  assert.equal(misses, []);
});

test.run();
