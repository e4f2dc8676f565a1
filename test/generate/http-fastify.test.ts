// The Fastify adapter (`specgate/runtime/http/fastify`) with a real Fastify instance on 127.0.0.1: the
// routes generated from test/fixtures/http/catalog.openapi.yaml registered as Fastify routes, answered
// by the same core as the node:http router (the same bytes for the same request), Fastify's hooks and
// `inject()` applying.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { registerRoutes } from 'specgate/runtime/http/fastify';
import { assertRuntimeBuilt, generateInto, ROOT } from './helpers.js';

assertRuntimeBuilt();
const CATALOG = path.join(ROOT, 'test', 'fixtures', 'http', 'catalog.openapi.yaml');
const catalog = (await import(pathToFileURL(path.join(await generateInto(CATALOG, 'server', path.join('http-fastify', 'catalog')), 'index.ts')).href)) as typeof import('../.generated/http-fastify/catalog/index.js');
const hooks = (await import(pathToFileURL(path.join(await generateInto(path.join(ROOT, 'test', 'fixtures', 'http', 'hooks.openapi.yaml'), 'client', path.join('http-fastify', 'hooks')), 'index.ts')).href)) as typeof import('../.generated/http-fastify/hooks/index.js');
type Handlers = import('../.generated/http-fastify/catalog/index.js').CatalogHandlers;

function handlers(seen: unknown[]): Handlers {
  return {
    searchItems: ({ query, headers, cookies }) => {
      seen.push({ query, headers, cookies });
      return { status: 200, body: { query } };
    },
    addItem: ({ body }) => ({ status: 201, body }),
    getItemsById: ({ path }) => {
      seen.push(path);
      // A 200 without the required name: only response validation catches it.
      return path.id === 13 ? { status: 200, body: { id: 13 } as never } : { status: 200, body: { id: path.id, name: 'book' } };
    },
    featuredItem: () => ({ status: 200, body: { id: 1, name: 'featured' } }),
    checkout: ({ body }) => ({ status: 200, body: body as Record<string, unknown> }),
  };
}

/** A Fastify app with the catalog routes, listening on 127.0.0.1:0; `hooked` records Fastify's onRequest hook. */
async function fastifyApp(seen: unknown[], errors: string[]) {
  const app = Fastify();
  const hooked: string[] = [];
  app.addHook('onRequest', async (req) => void hooked.push(`${req.method} ${req.routeOptions.url ?? '(no route)'}`));
  // A route of the app's own beside the generated ones keeps Fastify's JSON parsing.
  app.post('/own', async (req) => ({ own: req.body }));
  await registerRoutes(app, catalog.createCatalogRoutes(handlers(seen)), { validateResponses: true, notFound: true, onError: (e, id) => errors.push(`${id}: ${e.message}`) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, hooked, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** The node:http router over the same handlers, to compare answers with. */
async function nodeRouter(seen: unknown[]) {
  const server = createServer(catalog.createCatalogRouter(handlers(seen), { validateResponses: true, onError: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

test('typed handlers get coerced parameters; 400, 404, 405, 415 and response validation answer as the node:http router does', async () => {
  const seen: unknown[] = [];
  const errors: string[] = [];
  const { app, hooked, url } = await fastifyApp(seen, errors);
  const node = await nodeRouter([]);
  try {
    let res = await fetch(`${url}/items?tags=a&tags=b&ids=1,2&inStock=false&page=2`, { headers: { 'x-page-size': '20', cookie: 'region=eu' } });
    assert.equal([res.status, await res.json()], [200, { query: { tags: ['a', 'b'], ids: [1, 2], inStock: false, page: 2 } }]);
    assert.equal(seen.pop(), { query: { tags: ['a', 'b'], ids: [1, 2], inStock: false, page: 2 }, headers: { 'X-Page-Size': 20 }, cookies: { region: 'eu' } });
    res = await fetch(`${url}/items/7`);
    assert.equal([res.status, await res.json(), seen.pop()], [200, { id: 7, name: 'book' }, { id: 7 }]);
    // A literal route wins over a template in Fastify's matcher too.
    assert.equal(await (await fetch(`${url}/items/featured`)).json(), { id: 1, name: 'featured' });

    const same: [string, RequestInit?][] = [
      ['/items?page=abc', { headers: { 'x-page-size': '99' } }],
      ['/items/seven'],
      ['/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1,"name":"x","colour":"red"}' }],
      ['/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":' }],
      ['/items', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }],
      ['/items', { method: 'POST', headers: { 'content-type': 'application/json' } }],
      ['/items', { method: 'POST', body: new TextEncoder().encode('{"id":1,"name":"x"}') }],
      ['/checkout', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=ten&currency=gbp' }],
      ['/nope'],
      ['/items', { method: 'DELETE' }],
      ['/items/13'],
    ];
    const answers: unknown[] = [];
    for (const [p, init] of same) {
      const [f, n] = [await fetch(url + p, init), await fetch(node.url + p, init)];
      const head = (r: Response) => [r.status, r.headers.get('content-type'), r.headers.get('allow')];
      const [fb, nb] = [await f.text(), await n.text()];
      assert.equal([head(f), fb], [head(n), nb], `${init?.method ?? 'GET'} ${p}: the same answer as the node:http router`);
      answers.push([f.status, JSON.parse(fb).errors ?? JSON.parse(fb).detail]);
    }
    assert.equal(answers, [
      [400, [{ in: 'query', pointer: '/page', detail: 'must be integer' }, { in: 'header', pointer: '/X-Page-Size', detail: 'must be <= 50' }]],
      [400, [{ in: 'path', pointer: '/id', detail: 'must be integer' }]],
      [400, [{ in: 'body', pointer: '', detail: 'has unknown property `colour`' }]],
      [400, [{ in: 'body', pointer: '', detail: 'is not valid JSON' }]],
      [415, 'addItem accepts application/json, not text/plain'],
      [400, [{ in: 'body', pointer: '', detail: 'is required' }]],
      [415, 'addItem accepts application/json, not a body without Content-Type'],
      [400, [{ in: 'body', pointer: '/amount', detail: 'must be integer' }]],
      [404, 'no operation has the path /nope'],
      [405, 'DELETE is not allowed on /items; allowed: GET, POST'],
      [500, "GET /items/{id}: the body does not match the schema: (root) must have required property 'name'"],
    ]);
    assert.equal(errors, ["GET /items/{id}: response does not match the contract: the body does not match the schema: (root) must have required property 'name'"]);
    // Real Fastify routes: its hooks see the route templates; the app's own route keeps its JSON parser.
    assert.equal(hooked.slice(0, 3), ['GET /items', 'GET /items/:p0', 'GET /items/featured']);
    assert.ok(hooked.includes('DELETE /items'), 'the 405 is a route too');
    assert.ok(hooked.includes('GET (no route)'), 'the 404 is the not-found handler');
    res = await fetch(`${url}/own`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.equal([res.status, await res.json()], [200, { own: { a: 1 } }]);
  } finally {
    await app.close();
    await node.close();
  }
});

test('inject(): routed, coerced and validated the same way; bodies over maxBodyBytes 413; two route sets on one app, its own 404 kept', async () => {
  const seen: unknown[] = [];
  const app = Fastify();
  await registerRoutes(app, catalog.createCatalogRoutes(handlers(seen)), { maxBodyBytes: 64 });
  await registerRoutes(app, hooks.createPetHooksWebhookRoutes({ newPet: ({ body }) => ({ status: 200, body: { received: body.name } }) } as never, { newPet: '/hooks/pets' }));
  const r = await app.inject({ method: 'POST', url: '/checkout', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'amount=25&currency=eur&tags=solo' });
  assert.equal([r.statusCode, r.headers['content-type'], r.json()], [200, 'application/json', { amount: 25, currency: 'eur', tags: ['solo'] }]);
  const big = await app.inject({ method: 'POST', url: '/items', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ id: 1, name: 'x'.repeat(100) }) });
  assert.equal([big.statusCode, big.headers['content-type'], big.json()], [413, 'application/problem+json', { type: 'about:blank', title: 'Content too large', status: 413, detail: 'the body is larger than 64 bytes' }]);
  // Two route sets on one app (the API's and the webhooks'); without `notFound` the app keeps its own 404.
  const hook = await app.inject({ method: 'POST', url: '/hooks/pets', headers: { 'content-type': 'application/json', 'x-delivery': '3' }, payload: '{"id":1,"name":"Rex"}' });
  assert.equal([hook.statusCode, hook.json()], [200, { received: 'Rex' }]);
  const wrong = await app.inject({ method: 'PUT', url: '/hooks/pets' });
  assert.equal([wrong.statusCode, wrong.headers.allow, wrong.json().detail], [405, 'POST', 'PUT is not allowed on /hooks/pets; allowed: POST']);
  const missing = await app.inject({ method: 'GET', url: '/items/x/y' });
  assert.equal([missing.statusCode, missing.json()], [404, { message: 'Route GET:/items/x/y not found', error: 'Not Found', statusCode: 404 }]);
  await app.close();

  // Under a prefix the spec's paths are matched without it; `notFound` then covers only the prefix.
  const v2 = Fastify();
  await registerRoutes(v2, catalog.createCatalogRoutes(handlers(seen)), { prefix: '/v2', notFound: true });
  const got = await v2.inject({ method: 'GET', url: '/v2/items/5' });
  assert.equal([got.statusCode, got.json(), seen.pop()], [200, { id: 5, name: 'book' }, { id: 5 }]);
  const nope = await v2.inject({ method: 'GET', url: '/v2/nope' });
  assert.equal([nope.statusCode, nope.headers['content-type'], nope.json().detail], [404, 'application/problem+json', 'no operation has the path /nope']);
  assert.is((await v2.inject({ method: 'GET', url: '/nope' })).json().error, 'Not Found', "outside the prefix: Fastify's own 404");
  await v2.close();
});

test('fastify stays optional: no built runtime module loads it, the adapter included (it imports only types)', () => {
  const dist = path.join(ROOT, 'dist', 'runtime');
  const loading = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .filter((f) => /\bfrom ['"]fastify['"]|import\(['"]fastify['"]\)|require\(['"]fastify['"]\)/.test(readFileSync(path.join(dist, f), 'utf8')));
  assert.equal(loading, []);
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal([pkg.exports['./runtime/http/fastify'], pkg.peerDependenciesMeta.fastify], ['./dist/runtime/http/fastify.js', { optional: true }]);
});

test.run();
