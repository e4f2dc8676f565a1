// OpenAPI 3.1 webhooks, end to end over loopback: the provider's generated sender (server role)
// delivers to the subscriber's generated webhook router (client role), generated from
// test/fixtures/http/hooks.openapi.yaml. Timing is asserted by event order, never by wall time.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CircuitOpenError, RequestTimeoutError, ValidationError } from 'specgate/runtime';
import { assertRuntimeBuilt, generateInto, ROOT, serve } from './helpers.js';

assertRuntimeBuilt();
const HOOKS = path.join(ROOT, 'test', 'fixtures', 'http', 'hooks.openapi.yaml');
const load = async (role: 'client' | 'server', dir: string) => import(pathToFileURL(path.join(await generateInto(HOOKS, role, path.join('http-webhooks', dir)), 'index.ts')).href);
// Each side alone, as provider and subscriber would generate them.
const provider = (await load('server', 'provider')) as typeof import('../.generated/http-webhooks/provider/index.js');
const subscriber = (await load('client', 'subscriber')) as typeof import('../.generated/http-webhooks/subscriber/index.js');
type Handlers = import('../.generated/http-webhooks/subscriber/index.js').PetHooksWebhookHandlers;

function handlers(over: Partial<Handlers> = {}) {
  const calls: unknown[] = [];
  const h: Handlers = {
    newPet: ({ headers, body }) => {
      calls.push(['newPet', headers['X-Delivery'], body]);
      return { status: 200, body: { received: body.name } };
    },
    postPetRemoved: ({ body }) => {
      calls.push(['postPetRemoved', body.id]);
      return { status: 204 };
    },
    deletePetRemoved: () => {
      calls.push(['deletePetRemoved']);
      return { status: 204 };
    },
    ...over,
  };
  return { handlers: h, calls };
}

test('roles invert: the provider (server) gets the sender, the subscriber (client) the webhook router', () => {
  assert.type(provider.createPetHooksWebhookSender, 'function');
  assert.type(provider.createPetHooksRouter, 'function', 'the provider still serves its paths');
  assert.not.ok('createPetHooksWebhookRouter' in provider);
  assert.type(subscriber.createPetHooksWebhookRouter, 'function');
  assert.type(subscriber.createPetHooksClient, 'function', 'the subscriber still calls the API');
  assert.not.ok('createPetHooksWebhookSender' in subscriber);
});

test('a delivery is handled with coerced header and validated body; an invalid body is refused with 400 before the handler', async () => {
  const { handlers: h, calls } = handlers();
  // The webhook router alone is the whole server, the webhooks on the paths the subscriber registered.
  const s = await serve(subscriber.createPetHooksWebhookRouter(h, { paths: { newPet: '/hooks/pets' } }));
  try {
    const sender = provider.createPetHooksWebhookSender({ timeoutMs: 2000 });
    const r = await sender.newPet({ headers: { 'X-Delivery': 7 }, body: { id: 1, name: 'Rex' } }, { url: `${s.url}/hooks/pets` });
    assert.equal([r.status, r.body], [200, { received: 'Rex' }]);
    assert.equal(calls, [['newPet', 7, { id: 1, name: 'Rex' }]]);
    // Another webhook on its default path, /<webhook name>; the same path with another method is another webhook.
    const to = provider.createPetHooksWebhookSender({ url: `${s.url}/petRemoved`, timeoutMs: 2000 });
    assert.is((await to.postPetRemoved({ body: { id: 1 } })).status, 204);
    assert.is((await to.deletePetRemoved()).status, 204);
    assert.equal(calls.slice(1), [['postPetRemoved', 1], ['deletePetRemoved']]);

    const unchecked = provider.createPetHooksWebhookSender({ url: `${s.url}/hooks/pets`, timeoutMs: 2000, validate: false });
    const bad = await unchecked.newPet({ headers: { 'X-Delivery': 8 }, body: { id: 2, name: '' } }).catch((e: unknown) => e);
    // The 400 is not declared for newPet, so the (non-validating) sender hands it back as it came.
    assert.equal(bad, {
      status: 400,
      contentType: 'application/problem+json',
      headers: (bad as { headers: Record<string, string> }).headers,
      body: { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'body /name must NOT have fewer than 1 characters', errors: [{ in: 'body', pointer: '/name', detail: 'must NOT have fewer than 1 characters' }] },
    });
    const header = await fetch(`${s.url}/hooks/pets`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-delivery': 'first' }, body: '{"id":3,"name":"Tom"}' });
    assert.equal([header.status, (await header.json()).errors], [400, [{ in: 'header', pointer: '/X-Delivery', detail: 'must be integer' }]]);
    assert.is(calls.length, 3, 'no invalid delivery reached a handler');
    assert.is((await fetch(`${s.url}/newPet`, { method: 'POST' })).status, 404, 'a webhook given a path is not on its default one');

    // The validating sender refuses the invalid body before sending anything.
    const before = s.seen.length;
    const e = await sender.newPet({ headers: { 'X-Delivery': 9 }, body: { id: 2, name: '' } }, { url: `${s.url}/hooks/pets` }).catch((x: unknown) => x);
    assert.instance(e, ValidationError);
    assert.is((e as Error).message, 'newPet: outgoing body /name must NOT have fewer than 1 characters');
    assert.is(s.seen.length, before);
  } finally {
    await s.close();
  }
});

test('a slow subscriber trips the sender timeout; deliveries need a URL; breakers are per target origin', async () => {
  const events: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(resolve, 5000).unref();
  });
  const { handlers: h } = handlers({
    newPet: async () => {
      events.push('handler started');
      await gate;
      events.push('handler finished');
      return { status: 200, body: { received: 'late' } };
    },
  });
  const slow = await serve(subscriber.createPetHooksWebhookRouter(h));
  const fast = await serve(subscriber.createPetHooksWebhookRouter(handlers().handlers));
  try {
    const sender = provider.createPetHooksWebhookSender({ timeoutMs: 200, breaker: { failureRatio: 1, minimumRequests: 1, coolDownMs: 60_000 } });
    const delivery = { headers: { 'X-Delivery': 1 }, body: { id: 1, name: 'Rex' } };
    const e = await sender.newPet(delivery, { url: `${slow.url}/newPet` }).catch((x: unknown) => x);
    events.push('delivery failed');
    release();
    assert.instance(e, RequestTimeoutError);
    assert.is((e as Error).message, `newPet: no response within 200 ms (POST ${slow.url}/newPet)`);
    assert.equal(events, ['handler started', 'delivery failed']);
    assert.is(sender.core.outstanding, 0);
    // The slow subscriber's circuit is open; another subscriber still gets its deliveries.
    assert.instance(await sender.newPet(delivery, { url: `${slow.url}/newPet` }).catch((x: unknown) => x), CircuitOpenError);
    assert.is(sender.core.breaker('newPet', slow.url)!.state, 'open');
    assert.is((await sender.newPet(delivery, { url: `${fast.url}/newPet` })).status, 200);
    assert.equal([slow.seen.length, fast.seen.length], [1, 1]);

    const none = await sender.newPet(delivery).catch((x: unknown) => x);
    assert.is((none as Error).message, 'newPet: no target URL: pass `url` to the call or its sender');
    const relative = await sender.newPet(delivery, { url: '/newPet' }).catch((x: unknown) => x);
    assert.is((relative as Error).message, 'newPet: the target URL "/newPet" is not an absolute URL');
  } finally {
    await slow.close();
    await fast.close();
  }
});

test.run();
