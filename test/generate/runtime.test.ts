// The runtime's parts on their own: InMemoryTransport semantics, dedup store contract, per-key serializer,
// runtime expressions, body encoding, the date-time format check (circuit breaker: test/runtime/).
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ajvFormats, isUuid, plainDateTime } from '../../src/runtime/ajv.js';
import { InMemoryDedupStore } from '../../src/runtime/dedup.js';
import { decodeBody, encodeBody, readExpression, stringifyHeadersInPlace, writeExpression } from '../../src/runtime/envelope.js';
import { InMemoryTransport } from '../../src/runtime/in-memory.js';
import { KeyedSerializer } from '../../src/runtime/ordering.js';
import type { IncomingMessage } from '../../src/runtime/port.js';

const msg = (address: string, n: number, key?: string) => ({ address, headers: { n: String(n) }, body: new Uint8Array(), ...(key ? { key } : {}) });

test('point-to-point: one queue per address, subscribers compete, messages wait for a consumer', async () => {
  const t = new InMemoryTransport();
  await t.publish(msg('q', 1), { mode: 'point-to-point' });
  await t.publish(msg('q', 2), { mode: 'point-to-point' });
  const a: string[] = [];
  const b: string[] = [];
  await t.subscribe('q', async (m) => void a.push(m.headers.n), { mode: 'point-to-point', group: 'x' });
  await t.subscribe('q', async (m) => void b.push(m.headers.n), { mode: 'point-to-point', group: 'y' });
  for (let n = 3; n <= 6; n++) await t.publish(msg('q', n), { mode: 'point-to-point' });
  await t.drain();
  assert.equal([...a, ...b].sort(), ['1', '2', '3', '4', '5', '6']);
  assert.equal(a, ['1', '2', '3', '5']);
  assert.equal(b, ['4', '6']);
});

test('publish-subscribe: every group once, nothing kept for a group that is not there yet', async () => {
  const t = new InMemoryTransport();
  await t.publish(msg('topic', 0), { mode: 'publish-subscribe' });
  const got: string[] = [];
  await t.subscribe('topic', async (m) => void got.push(`g1 ${m.headers.n}`), { mode: 'publish-subscribe', group: 'g1' });
  await t.subscribe('topic', async (m) => void got.push(`g2 ${m.headers.n}`), { mode: 'publish-subscribe', group: 'g2' });
  await t.publish(msg('topic', 1), { mode: 'publish-subscribe' });
  await t.drain();
  assert.equal(got.sort(), ['g1 1', 'g2 1']);
});

test('a rejecting handler gets the message again, then it is dead-lettered', async () => {
  const t = new InMemoryTransport({ maxAttempts: 2 });
  const attempts: number[] = [];
  await t.subscribe('q', async (m: IncomingMessage) => {
    attempts.push(m.attempt);
    throw new Error('no');
  }, { mode: 'point-to-point', group: 'g' });
  await t.publish(msg('q', 1), { mode: 'point-to-point' });
  await t.drain();
  assert.equal(attempts, [1, 2]);
  assert.is(t.deadLetters.length, 1);
  assert.is(t.deadLetters[0].headers.n, '1');
});

test('a closed temporary subscription takes its queue with it', async () => {
  const t = new InMemoryTransport();
  const got: string[] = [];
  const s = await t.subscribe('inbox', async (m) => void got.push(m.headers.n), { mode: 'point-to-point', group: 'inbox', temporary: true });
  await t.publish(msg('inbox', 1), { mode: 'point-to-point' });
  await t.drain();
  await s.close();
  await t.subscribe('inbox', async (m) => void got.push(`later ${m.headers.n}`), { mode: 'publish-subscribe', group: 'other' });
  await t.publish(msg('inbox', 2), { mode: 'publish-subscribe' });
  await t.drain();
  assert.equal(got, ['1', 'later 2']);
});

test('dedup store: one claim per id, released claims can be taken again, committed ids stay', async () => {
  const d = new InMemoryDedupStore();
  assert.is(await d.claim('g', 'm1'), true);
  assert.is(await d.claim('g', 'm1'), false, 'claimed by someone else');
  await d.release('g', 'm1');
  assert.is(await d.claim('g', 'm1'), true);
  await d.commit('g', 'm1');
  assert.is(await d.claim('g', 'm1'), false);
  assert.is(await d.claim('other-group', 'm1'), true, 'per group');
});

test('keyed serializer: one key in order, others alongside', async () => {
  const s = new KeyedSerializer();
  const log: string[] = [];
  const task = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (log.push(name), r()), ms));
  await Promise.all([s.run('a', task('a1', 10)), s.run('a', task('a2', 0)), s.run('b', task('b1', 5)), s.run(undefined, task('free', 0))]);
  assert.equal(log, ['free', 'b1', 'a1', 'a2']);
  assert.is(s.size, 0);
});

test('keyed serializer: a failing task releases its key; arguments are passed; the first task of an idle key starts at once', async () => {
  const s = new KeyedSerializer();
  const log: string[] = [];
  const failing = s.run('a', async () => {
    log.push('a1');
    throw new Error('boom');
  });
  const second = s.run('a', async (n: number) => void log.push(`a${n}`), 2);
  assert.equal(log, ['a1'], 'a1 started synchronously, a2 waits');
  assert.is(await failing.then(() => 'resolved', (e: Error) => e.message), 'boom');
  await second;
  assert.equal(log, ['a1', 'a2']);
  assert.is(await s.run(undefined, (x: string) => x.toUpperCase(), 'free'), 'FREE');
  assert.is(s.size, 0);
});

test('bodies: JSON bytes out (a Buffer), JSON back; empty for undefined; headers stringified in place', () => {
  const body = encodeBody({ a: 'é', n: [1, 2] });
  assert.ok(Buffer.isBuffer(body));
  assert.is(Buffer.from(body).toString('utf8'), '{"a":"é","n":[1,2]}');
  assert.equal(decodeBody('op', body), { a: 'é', n: [1, 2] });
  assert.is(encodeBody(undefined).byteLength, 0);
  assert.is(decodeBody('op', new Uint8Array()), undefined);
  assert.throws(() => decodeBody('op', Buffer.from('{')), /is not JSON/);
  const h: Record<string, unknown> = { s: 'x', n: 5, b: true, o: { k: 1 }, u: undefined };
  assert.is(stringifyHeadersInPlace(h), h);
  assert.equal(h, { s: 'x', n: '5', b: 'true', o: '{"k":1}' });
});

test('date-time: the fast check accepts only what ajv-formats accepts, and the verdicts are the same', () => {
  const original = (createRequire(import.meta.url)('ajv-formats/dist/formats').fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;
  const ours = (ajvFormats()['date-time'] as { validate: (s: string) => boolean }).validate;
  const cases = [
    '2024-05-14T09:30:00Z', '2024-05-14t09:30:00z', '2024-05-14 09:30:00Z', '2024-05-14T09:30:00.123456+02:00', '2024-05-14T09:30:00-23:59',
    '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-04-31T00:00:00Z', '2024-13-01T00:00:00Z',
    '2024-00-10T00:00:00Z', '2024-01-00T00:00:00Z', '2024-05-14T24:00:00Z', '2024-05-14T23:60:00Z', '2024-05-14T23:59:60Z', '2016-12-31T23:59:60Z',
    '2016-12-31T15:59:60-08:00', '2024-05-14T09:30:00', '2024-05-14T09:30:00+0200', '2024-05-14T09:30:00+02', '2024-05-14T09:30:00+24:00',
    '2024-05-14T09:30:00+02:60', '2024-05-14T09:30:00.Z', '2024-05-14\t09:30:00Z', '2024-05-14\n09:30:00Z', '2024-05-14T09:30:00ZZ', '2024-5-14T09:30:00Z',
    '20240514T093000Z', '２０２４-05-14T09:30:00Z', '2024-05-14T09:30:00z ', '', 'T',
  ];
  // Deterministic mutations of valid date-times: every character position replaced by characters that matter.
  const alphabet = '0123456789-:.TtZz+ \t';
  for (const base of ['2024-02-29T23:59:59.5+23:59', '1999-12-31t00:00:00z']) {
    for (let i = 0; i < base.length; i++) for (const c of alphabet) cases.push(base.slice(0, i) + c + base.slice(i + 1));
    for (let i = 0; i <= base.length; i++) cases.push(base.slice(0, i) + base.slice(i + 1), `${base.slice(0, i)}5${base.slice(i)}`);
  }
  let fast = 0;
  for (const c of cases) {
    assert.is(ours(c), original(c), JSON.stringify(c));
    if (plainDateTime(c)) {
      fast++;
      assert.ok(original(c), `fast path accepted ${JSON.stringify(c)}`);
    }
  }
  assert.ok(fast > 50, `the fast path answered ${fast} cases`);
});

test('isUuid gives the verdicts of ajv-formats\' uuid expression', () => {
  const expression = createRequire(import.meta.url)('ajv-formats/dist/formats').fullFormats.uuid as RegExp;
  const base = ['3f2b8c4d-1e6a-4b7c-9d0e-000000000001', 'urn:uuid:3F2B8C4D-1E6A-4B7C-9D0E-00000000000A'];
  const cases = [...base, 'URN:UUID:3f2b8c4d-1e6a-4b7c-9d0e-000000000001', '\u212Arn:uuid:3f2b8c4d-1e6a-4b7c-9d0e-000000000001', '', 'urn:uuid:'];
  // Deterministic mutations: substituted, dropped and inserted characters.
  const alphabet = '0123456789abcdefABCDEFgG-:urnUIDx \u0660';
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let n = 0; n < 20000; n++) {
    const chars = [...base[n % 2]];
    for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
      const at = Math.floor(rnd() * chars.length);
      const c = alphabet[Math.floor(rnd() * alphabet.length)];
      const op = rnd();
      if (op < 0.6) chars[at] = c;
      else if (op < 0.8) chars.splice(at, 1);
      else chars.splice(at, 0, c);
    }
    cases.push(chars.join(''));
  }
  let accepted = 0;
  for (const c of cases) {
    assert.is(isUuid(c), expression.test(c), JSON.stringify(c));
    if (isUuid(c)) accepted++;
  }
  assert.ok(accepted > 1000, `accepted ${accepted}`);
  assert.is(ajvFormats().uuid, isUuid);
});

test('runtime expressions read and write headers and payload fields', () => {
  assert.is(readExpression('$message.header#/correlationId', { correlationId: 'c' }, {}), 'c');
  assert.is(readExpression('$message.payload#/user/id', {}, { user: { id: 7 } }), 7);
  assert.is(readExpression('$message.payload#/a~1b', {}, { 'a/b': 1 }), 1);
  const headers: Record<string, unknown> = {};
  assert.equal(writeExpression('$message.header#/replyTo', 'inbox', headers, { x: 1 }), { x: 1 });
  assert.equal(headers, { replyTo: 'inbox' });
  assert.equal(writeExpression('$message.payload#/id', 'i', {}, { x: 1 }), { x: 1, id: 'i' });
  assert.equal(writeExpression('$message.payload#/id', 'i', {}, { id: 'given' }), { id: 'given' });
});

test.run();
