// When a sender's address and a receiver's meet: parameters match one segment, broker wildcards of the
// receiver's protocol match one or the rest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addressesMeet, parseAddress } from '../../src/system/address.js';

/** sender, receiver, receiver protocol takes wildcards, meet? */
const CASES: [string, string, boolean, boolean][] = [
  ['orders.created', 'orders.created', false, true],
  ['orders.created', 'orders.shipped', false, false],
  ['orders.created', 'orders.created.v2', false, false],
  ['orders.{region}.created', 'orders.eu.created', false, true],
  ['orders.eu.created', 'orders.{region}.created', false, true],
  ['orders.{a}.created', 'orders.{b}.created', false, true],
  ['orders.{region}', 'orders.eu.created', false, false],
  ['order-{id}', 'order-7', false, true],
  ['order-{id}', 'invoice-{id}', false, false],
  ['orders/{id}/events', 'orders/42/events', false, true],
  ['/orders/{id}', 'orders/1', false, true],
  ['tenant:{t}:orders', 'tenant:acme:orders', false, true],
  // Broker wildcards only count where the receiver's protocol has them.
  ['orders.eu.created', 'orders.*.created', true, true],
  ['orders.eu.created', 'orders.*.created', false, false],
  ['orders/eu/created', 'orders/+/created', true, true],
  ['orders.eu.created', 'orders.>', true, true],
  ['orders', 'orders.>', true, false],
  ['orders', 'orders.#', true, true],
  ['orders.eu.created', 'orders.#', true, true],
  ['orders.eu.created', '#.created', true, true],
  ['payments.eu.created', 'orders.#', true, false],
  ['orders.{region}.created', 'orders.*.created', true, true],
];

for (const [sender, receiver, wild, meets] of CASES)
  test(`${sender} ${meets ? 'meets' : 'does not meet'} ${receiver}${wild ? ' (wildcards)' : ''}`, () => {
    assert.is(addressesMeet(parseAddress(sender, false), parseAddress(receiver, wild)), meets);
  });

test('a long address with many wildcards is matched in time linear in its pairs (memoised)', () => {
  const long = Array.from({ length: 200 }, (_, i) => `s${i}`).join('.');
  const pattern = Array.from({ length: 100 }, () => '#').join('.') + '.nope';
  assert.is(addressesMeet(parseAddress(long, false), parseAddress(pattern, true)), false);
});

test.run();
