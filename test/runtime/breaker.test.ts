// The circuit breaker's state machine, every state against every event, with a fake clock; and through a
// client: only the half-open trial request's own outcome ends the trial, other requests fail fast while it
// is in flight, and each state change is reported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CircuitBreaker, type CircuitPermit, type CircuitStateChange } from '../../src/runtime/breaker.js';
import { ClientCore } from '../../src/runtime/client.js';
import { CircuitOpenError } from '../../src/runtime/errors.js';
import { InMemoryTransport } from '../../src/runtime/in-memory.js';
import type { IncomingMessage } from '../../src/runtime/port.js';
import type { OperationSpec } from '../../src/runtime/spec.js';

const COOL_DOWN = 100;

/**
 * A breaker that opens after 2 outcomes with half of them failed (window 2), brought into `state`.
 * `stale` is a permit taken while closed and never reported before the breaker opened.
 */
function breakerIn(state: 'closed' | 'open' | 'half-open' | 'trial') {
  const clock = { now: 1000 };
  const changes: string[] = [];
  const b = new CircuitBreaker('op', {
    minimumRequests: 2,
    windowSize: 2,
    failureRatio: 0.5,
    coolDownMs: COOL_DOWN,
    now: () => clock.now,
    onStateChange: (c: CircuitStateChange) => changes.push(`${c.operationId}: ${c.from} -> ${c.to}`),
  });
  let stale: CircuitPermit | undefined;
  let trial: CircuitPermit | undefined;
  if (state !== 'closed') {
    stale = b.enter();
    b.enter().failure();
    b.enter().failure();
    assert.is(b.state, 'open');
  }
  if (state === 'half-open' || state === 'trial') {
    clock.now += COOL_DOWN;
    assert.is(b.state, 'half-open');
  }
  if (state === 'trial') trial = b.enter();
  changes.length = 0;
  return { b, clock, changes, stale, trial };
}

const isOpenError = (retryAt: number) => (e: unknown) => e instanceof CircuitOpenError && e.retryAt === retryAt && e.code === 'CIRCUIT_OPEN';

// closed ------------------------------------------------------------------------------------------

test('closed x enter: passes, stays closed, no event', () => {
  const { b, changes } = breakerIn('closed');
  const p = b.enter();
  assert.type(p.success, 'function');
  assert.is(b.state, 'closed');
  assert.equal(changes, []);
});

test('closed x success: counted, never opens', () => {
  const { b, changes } = breakerIn('closed');
  for (let i = 0; i < 5; i++) b.enter().success();
  assert.is(b.state, 'closed');
  assert.equal(changes, []);
});

test('closed x failure: below minimumRequests stays closed; at the ratio it opens and says so', () => {
  const { b, clock, changes } = breakerIn('closed');
  b.enter().failure();
  assert.is(b.state, 'closed', 'one outcome is below minimumRequests');
  b.enter().success();
  assert.is(b.state, 'open', '1 of 2 failed reaches failureRatio 0.5');
  assert.equal(changes, ['op: closed -> open']);
  assert.throws(() => b.enter(), isOpenError(clock.now + COOL_DOWN));
});

test('closed x failure: the window keeps only the last windowSize outcomes', () => {
  const b = new CircuitBreaker('op', { minimumRequests: 2, windowSize: 3, failureRatio: 0.6, now: () => 0 });
  for (const ok of [false, true, true, false]) (ok ? b.enter().success() : b.enter().failure());
  assert.is(b.state, 'closed', 'window [true, true, false]: 1/3 failed');
  b.enter().failure();
  assert.is(b.state, 'open', 'window [true, false, false]: 2/3 failed');
});

test('closed x release: counts for nothing', () => {
  const { b } = breakerIn('closed');
  b.enter().release();
  b.enter().failure();
  assert.is(b.state, 'closed', 'the released request is not an outcome: one failure is below minimumRequests');
});

test('closed x a permit reported twice: counted once', () => {
  const { b } = breakerIn('closed');
  const p = b.enter();
  p.failure();
  p.failure();
  assert.is(b.state, 'closed');
});

test('closed x outcome of a request let through before the last open: ignored', () => {
  const { b, trial, stale } = breakerIn('trial');
  trial!.success();
  assert.is(b.state, 'closed');
  stale!.failure();
  b.enter().failure();
  assert.is(b.state, 'closed', 'only the one new failure counts: below minimumRequests');
});

test('closed x time passing: stays closed', () => {
  const { b, clock } = breakerIn('closed');
  clock.now += 10 * COOL_DOWN;
  assert.is(b.state, 'closed');
});

// open --------------------------------------------------------------------------------------------

test('open x enter before the cool-down: fails fast with the time of the next trial, no event', () => {
  const { b, clock, changes } = breakerIn('open');
  clock.now += COOL_DOWN - 1;
  assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN));
  assert.is(b.state, 'open');
  assert.equal(changes, []);
});

test('open x outcome of a request let through while closed: ignored', () => {
  for (const outcome of ['success', 'failure', 'release'] as const) {
    const { b, stale, changes } = breakerIn('open');
    stale![outcome]();
    assert.is(b.state, 'open', outcome);
    assert.equal(changes, [], outcome);
  }
});

test('open x the cool-down passes: half-open, reported once', () => {
  const { b, clock, changes } = breakerIn('open');
  clock.now += COOL_DOWN;
  assert.is(b.state, 'half-open');
  assert.is(b.state, 'half-open');
  assert.equal(changes, ['op: open -> half-open']);
});

test('open x enter after the cool-down: becomes the trial', () => {
  const { b, clock, changes } = breakerIn('open');
  clock.now += COOL_DOWN;
  b.enter();
  assert.is(b.state, 'half-open');
  assert.equal(changes, ['op: open -> half-open']);
  assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN), 'the next one fails fast');
});

// half-open, no trial yet -------------------------------------------------------------------------

test('half-open x enter: the first request is the trial, the others fail fast', () => {
  const { b, changes } = breakerIn('half-open');
  b.enter();
  for (let i = 0; i < 3; i++) assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN));
  assert.is(b.state, 'half-open');
  assert.equal(changes, []);
});

test('half-open x outcome of a request let through while closed: ignored', () => {
  for (const outcome of ['success', 'failure', 'release'] as const) {
    const { b, stale, changes } = breakerIn('half-open');
    stale![outcome]();
    assert.is(b.state, 'half-open', outcome);
    assert.equal(changes, [], outcome);
  }
});

test('half-open x time passing: stays half-open', () => {
  const { b, clock } = breakerIn('half-open');
  clock.now += 10 * COOL_DOWN;
  assert.is(b.state, 'half-open');
});

// half-open, trial in flight ----------------------------------------------------------------------

test('trial x enter: fails fast while the trial is in flight', () => {
  const { b, clock } = breakerIn('trial');
  clock.now += 10 * COOL_DOWN;
  assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN));
  assert.is(b.state, 'half-open');
});

test('trial x its success: closed, with an empty window', () => {
  const { b, trial, changes } = breakerIn('trial');
  trial!.success();
  assert.is(b.state, 'closed');
  assert.equal(changes, ['op: half-open -> closed']);
  b.enter().failure();
  assert.is(b.state, 'closed', 'the failures from before the open are forgotten');
});

test('trial x its failure: open again from now, for a whole cool-down', () => {
  const { b, clock, trial, changes } = breakerIn('trial');
  clock.now += 7;
  trial!.failure();
  assert.is(b.state, 'open');
  assert.equal(changes, ['op: half-open -> open']);
  assert.throws(() => b.enter(), isOpenError(clock.now + COOL_DOWN));
  clock.now += COOL_DOWN;
  assert.is(b.state, 'half-open');
});

test('trial x its release: still half-open, the next request is the trial', () => {
  const { b, trial, changes } = breakerIn('trial');
  trial!.release();
  assert.is(b.state, 'half-open');
  const next = b.enter();
  assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN));
  next.success();
  assert.is(b.state, 'closed');
  assert.equal(changes, ['op: half-open -> closed']);
});

test('trial x outcome of another request (let through while closed): does not end the trial', () => {
  for (const outcome of ['success', 'failure', 'release'] as const) {
    const { b, stale, trial, changes } = breakerIn('trial');
    stale![outcome]();
    assert.is(b.state, 'half-open', outcome);
    assert.throws(() => b.enter(), isOpenError(1000 + COOL_DOWN), `${outcome}: others still fail fast`);
    assert.equal(changes, [], outcome);
    trial!.success();
    assert.is(b.state, 'closed', `${outcome}: the trial's own outcome decides`);
  }
});

test('trial x its outcome reported twice: the second is ignored', () => {
  const { b, trial } = breakerIn('trial');
  trial!.success();
  trial!.failure();
  assert.is(b.state, 'closed');
});

// through a client --------------------------------------------------------------------------------

test('client: only the trial request\'s reply ends half-open; other requests fail fast meanwhile; changes are reported', async () => {
  const transport = new InMemoryTransport();
  const held = new Map<string, IncomingMessage>();
  // The responder holds every request until the test answers it by its payload's name.
  await transport.subscribe('svc.requests', async (m) => void held.set(JSON.parse(new TextDecoder().decode(m.body)).name, m), { mode: 'point-to-point', group: 'svc' });
  const answer = async (name: string) => {
    const m = held.get(name)!;
    await transport.publish({ address: m.headers.replyTo, headers: { correlationId: m.headers.correlationId, contentType: 'application/json' }, body: new TextEncoder().encode('{}') }, { mode: 'point-to-point' });
    await transport.drain();
  };
  const op: OperationSpec = {
    id: 'ask',
    address: 'svc.requests',
    parameters: [],
    mode: 'point-to-point',
    messages: [{ name: 'Ask', contentType: 'application/json' }],
    reply: { messages: [{ name: 'Answer', contentType: 'application/json' }] },
  };
  let now = 0;
  const changes: string[] = [];
  const core = new ClientCore(
    { transport, circuitBreaker: { minimumRequests: 2, windowSize: 2, failureRatio: 0.5, coolDownMs: 1000, now: () => now, onStateChange: (c) => changes.push(`${c.operationId}: ${c.from} -> ${c.to}`) } },
    { ask: op },
  );
  const ask = (name: string, timeoutMs = 5_000) => core.request('ask', { name }, { timeoutMs });
  const early = ask('early'); // let through while closed; its reply comes during the trial
  await transport.drain();
  for (const name of ['lost1', 'lost2']) assert.is(((await ask(name, 1).catch((e: Error) => e)) as Error).name, 'RequestTimeoutError');
  assert.is(core.breaker('ask')!.state, 'open');
  now = 1000;
  const trial = ask('trial');
  await transport.drain();
  assert.instance(await ask('during').catch((e: unknown) => e), CircuitOpenError, 'fails fast while the trial is in flight');
  await answer('early');
  assert.is((await early).message, 'Answer');
  assert.is(core.breaker('ask')!.state, 'half-open', 'the early request\'s success does not end the trial');
  assert.instance(await ask('still').catch((e: unknown) => e), CircuitOpenError, 'still fails fast');
  await answer('trial');
  assert.is((await trial).message, 'Answer');
  assert.is(core.breaker('ask')!.state, 'closed');
  assert.equal(changes, ['ask: closed -> open', 'ask: open -> half-open', 'ask: half-open -> closed']);
  assert.equal([...held.keys()], ['early', 'lost1', 'lost2', 'trial'], 'requests failing fast were never sent');
  await core.close();
});

test.run();
