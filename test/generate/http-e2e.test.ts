// End to end over loopback: the client and router generated from specs/orders-api.openapi.yaml (and a
// small fixture with array, boolean and number parameters) talking HTTP on 127.0.0.1. The generated code
// imports `specgate/runtime` (dist/), so the error classes come from there too. Timing is asserted by
// event order, never by wall time; the breaker's clock is injected.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CircuitOpenError, ConnectionError, RequestTimeoutError, ResponseValidationError, TooManyRequestsError, ValidationError } from 'specgate/runtime';
import { assertRuntimeBuilt, generateInto, ROOT, serve } from './helpers.js';

assertRuntimeBuilt();
const load = async (spec: string, dir: string) => import(pathToFileURL(path.join(await generateInto(spec, undefined, path.join('http-e2e', dir)), 'index.ts')).href);
const orders = (await load(path.join(ROOT, 'specs', 'orders-api.openapi.yaml'), 'orders')) as typeof import('../.generated/http-e2e/orders/index.js');
const catalog = (await load(path.join(ROOT, 'test', 'fixtures', 'http', 'catalog.openapi.yaml'), 'catalog')) as typeof import('../.generated/http-e2e/catalog/index.js');
type OrdersHandlers = import('../.generated/http-e2e/orders/index.js').OrdersAPIHandlers;
type Order = import('../.generated/http-e2e/orders/index.js').Order;
type OrderInput = import('../.generated/http-e2e/orders/index.js').OrderInput;

const ORDER_ID = '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e';
const OTHER_ID = '00000000-0000-4000-8000-000000000000';
const KEY = '0b0c5f9e-52a1-4a8e-9b8f-3f9d4a1e7c21';
const input: OrderInput = {
  customerId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  lineItems: [{ sku: 'BOOK-0042', quantity: 2, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  shippingAddress: { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  paymentMethod: { type: 'card', cardToken: 'pt_7f3a9c2e51b84d06' },
};
const order: Order = {
  orderId: ORDER_ID,
  status: 'pending',
  customerId: input.customerId,
  lineItems: input.lineItems,
  total: { amount: '24.90', currency: 'GBP' },
  shippingAddress: input.shippingAddress,
  paymentMethodType: 'card',
  createdAt: '2024-05-14T09:30:00Z',
  updatedAt: '2024-05-14T09:30:00Z',
};
const notFound = { type: 'https://example.com/problems/order-not-found', title: 'The order does not exist.', status: 404 };

/** Orders handlers over one stored order; `calls` counts handler invocations. */
function ordersHandlers(over: Partial<OrdersHandlers> = {}) {
  const calls: string[] = [];
  const handlers: OrdersHandlers = {
    createOrder: ({ headers, body }) => {
      calls.push(`createOrder ${headers['Idempotency-Key']} ${body.lineItems.length}`);
      return { status: 201, headers: { location: `/v1/orders/${ORDER_ID}` }, body: order };
    },
    listOrders: ({ query }) => {
      calls.push(`listOrders ${JSON.stringify(query)} limit:${typeof query.limit}`);
      return { status: 200, body: { items: [order], nextCursor: null } };
    },
    getOrder: ({ path }) => {
      calls.push(`getOrder ${path.orderId}`);
      return path.orderId === ORDER_ID ? { status: 200, body: order } : { status: 404, body: notFound };
    },
    putOrder: () => ({ status: 200, body: order }),
    cancelOrder: () => ({ status: 200, body: { ...order, status: 'cancelled' } }),
    ...over,
  };
  return { handlers, calls };
}

/** A promise and its resolver, for gates a test opens; it also opens by itself after 5 s so a broken test ends. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((resolve) => {
    open = resolve;
    setTimeout(resolve, 5000).unref();
  });
  return { p, open };
}

test('typed round trip: header and body in, responses by status and media type out, query coerced to the schema types', async () => {
  const { handlers, calls } = ordersHandlers();
  const s = await serve(orders.createOrdersAPIRouter(handlers));
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 2000 });
    const created = await client.createOrder({ headers: { 'Idempotency-Key': KEY }, body: input });
    assert.is(created.status, 201);
    assert.is(created.contentType, 'application/json');
    assert.is(created.headers.location, `/v1/orders/${ORDER_ID}`);
    assert.equal(created.body, order);

    const got = await client.getOrder({ path: { orderId: ORDER_ID } });
    assert.equal([got.status, got.body], [200, order]);
    const missing = await client.getOrder({ path: { orderId: OTHER_ID } });
    assert.is(missing.status, 404);
    assert.is(missing.contentType, 'application/problem+json');
    assert.equal(missing.body, notFound);

    const page = await client.listOrders({ query: { limit: 5, status: 'pending' } });
    assert.equal(page.body, { items: [order], nextCursor: null });
    assert.equal(calls, [`createOrder ${KEY} 1`, `getOrder ${ORDER_ID}`, `getOrder ${OTHER_ID}`, 'listOrders {"status":"pending","limit":5} limit:number']);
    assert.equal(s.seen, [
      'POST /v1/orders',
      `GET /v1/orders/${ORDER_ID}`,
      `GET /v1/orders/${OTHER_ID}`,
      'GET /v1/orders?status=pending&limit=5',
    ]);
  } finally {
    await s.close();
  }
});

test('a slow handler trips the client timeout: RequestTimeoutError before the handler finishes', async () => {
  const events: string[] = [];
  const g = gate();
  const { handlers } = ordersHandlers({
    getOrder: async () => {
      events.push('handler started');
      await g.p;
      events.push('handler finished');
      return { status: 200, body: order };
    },
  });
  const s = await serve(orders.createOrdersAPIRouter(handlers));
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 1000 });
    const e = await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x);
    events.push('call failed');
    g.open();
    assert.instance(e, RequestTimeoutError);
    assert.is((e as RequestTimeoutError).timeoutMs, 1000);
    assert.is((e as Error).message, `getOrder: no response within 1000 ms (GET ${s.url}/v1/orders/${ORDER_ID})`);
    assert.equal(events, ['handler started', 'call failed']);
    assert.is(client.core.outstanding, 0);
  } finally {
    await s.close();
  }
});

test('the timeout bounds the body read too, and a call can set its own', async () => {
  const events: string[] = [];
  const g = gate();
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"orderId":');
    events.push('headers and half a body sent');
    void g.p.then(() => res.end('"x"}'));
  });
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 60_000 });
    const e = await client.getOrder({ path: { orderId: ORDER_ID } }, { timeoutMs: 1000 }).catch((x: unknown) => x);
    events.push('call failed');
    g.open();
    assert.instance(e, RequestTimeoutError);
    assert.is((e as RequestTimeoutError).timeoutMs, 1000);
    assert.equal(events, ['headers and half a body sent', 'call failed']);
  } finally {
    await s.close();
  }
});

test('5xx responses open the breaker: CircuitOpenError without a request; it closes after the cool-down', async () => {
  let now = 1_000_000;
  let failing = true;
  const s = await serve((_req, res) => {
    res.writeHead(failing ? 500 : 200, { 'content-type': failing ? 'application/problem+json' : 'application/json' });
    res.end(JSON.stringify(failing ? { type: 'about:blank', title: 'Boom', status: 500 } : order));
  });
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 2000, breaker: { failureRatio: 0.5, minimumRequests: 3, coolDownMs: 1000, now: () => now } });
    for (let i = 0; i < 3; i++) {
      const e = await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x);
      assert.instance(e, ResponseValidationError, 'an undeclared 500 is a contract violation');
      assert.is((e as Error).message, 'getOrder: response 500 application/problem+json: (root) status 500 is not declared');
    }
    const open = await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x);
    assert.instance(open, CircuitOpenError);
    assert.is((open as CircuitOpenError).retryAt, 1_001_000);
    assert.is(s.seen.length, 3, 'the open circuit sent nothing');
    assert.is(client.core.breaker('getOrder')!.state, 'open');

    now += 1000;
    failing = false;
    const trial = await client.getOrder({ path: { orderId: ORDER_ID } });
    assert.is(trial.status, 200);
    assert.is(client.core.breaker('getOrder')!.state, 'closed');
    assert.is((await client.getOrder({ path: { orderId: ORDER_ID } })).status, 200);
    assert.is(s.seen.length, 5);
  } finally {
    await s.close();
  }
});

test('4xx responses do not count against the breaker; a timeout does', async () => {
  const { handlers } = ordersHandlers();
  const s = await serve(orders.createOrdersAPIRouter(handlers));
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 2000, breaker: { failureRatio: 0.5, minimumRequests: 3, coolDownMs: 1000 } });
    for (let i = 0; i < 5; i++) assert.is((await client.getOrder({ path: { orderId: OTHER_ID } })).status, 404);
    assert.is(client.core.breaker('getOrder')!.state, 'closed');
    assert.is(s.seen.length, 5);
  } finally {
    await s.close();
  }
  const g = gate();
  const slow = await serve(() => void g.p);
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: slow.url, timeoutMs: 50, breaker: { failureRatio: 1, minimumRequests: 2, coolDownMs: 60_000 } });
    for (let i = 0; i < 2; i++) assert.instance(await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x), RequestTimeoutError);
    assert.instance(await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x), CircuitOpenError);
    assert.is(slow.seen.length, 2);
  } finally {
    g.open();
    await slow.close();
  }
});

test('the outstanding limit fails fast with TooManyRequestsError, sending nothing', async () => {
  const g = gate();
  let arrived!: () => void;
  const bothArrived = new Promise<void>((resolve) => (arrived = resolve));
  let n = 0;
  const { handlers } = ordersHandlers({
    getOrder: async () => {
      if (++n === 2) arrived();
      await g.p;
      return { status: 200, body: order };
    },
  });
  const s = await serve(orders.createOrdersAPIRouter(handlers));
  try {
    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 10_000, maxOutstanding: 2 });
    const a = client.getOrder({ path: { orderId: ORDER_ID } });
    const b = client.getOrder({ path: { orderId: ORDER_ID } });
    await bothArrived;
    assert.is(client.core.outstanding, 2);
    const e = await client.getOrder({ path: { orderId: ORDER_ID } }).catch((x: unknown) => x);
    assert.instance(e, TooManyRequestsError);
    assert.is((e as TooManyRequestsError).limit, 2);
    assert.is(s.seen.length, 2);
    g.open();
    assert.equal([(await a).status, (await b).status], [200, 200]);
    assert.is(client.core.outstanding, 0);
  } finally {
    await s.close();
  }
});

test('an invalid body never reaches the handler: the server answers 400 naming the field; the validating client does not send it', async () => {
  const { handlers, calls } = ordersHandlers();
  const s = await serve(orders.createOrdersAPIRouter(handlers));
  const bad = { ...input, lineItems: [{ ...input.lineItems[0], quantity: 0 }] };
  try {
    const unchecked = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 2000, validate: false });
    const r = await unchecked.createOrder({ headers: { 'Idempotency-Key': KEY }, body: bad });
    assert.is(r.status, 400);
    assert.is(r.contentType, 'application/problem+json');
    assert.equal(r.body, {
      type: 'about:blank',
      title: 'Invalid request',
      status: 400,
      detail: 'body /lineItems/0/quantity must be >= 1',
      errors: [{ in: 'body', pointer: '/lineItems/0/quantity', detail: 'must be >= 1' }],
    });
    assert.equal(calls, []);
    assert.is(s.seen.length, 1);

    const client = orders.createOrdersAPIClient({ baseUrl: s.url, timeoutMs: 2000 });
    const e = await client.createOrder({ headers: { 'Idempotency-Key': KEY }, body: bad }).catch((x: unknown) => x);
    assert.instance(e, ValidationError);
    assert.equal([(e as ValidationError).direction, (e as ValidationError).part, (e as ValidationError).issues], ['outgoing', 'body', [{ path: '/lineItems/0/quantity', message: 'must be >= 1' }]]);
    const h = await client.createOrder({ headers: { 'Idempotency-Key': 'not-a-uuid' }, body: input }).catch((x: unknown) => x);
    assert.instance(h, ValidationError);
    assert.is((h as Error).message, 'createOrder: outgoing headers /headers/Idempotency-Key must match format "uuid"');
    assert.is(s.seen.length, 1, 'nothing more was sent');
    assert.equal(calls, []);
  } finally {
    await s.close();
  }
});

test('parameters: arrays (form explode and comma), booleans, numbers, integer path and header values coerced; bad ones 400', async () => {
  const seen: unknown[] = [];
  const router = catalog.createCatalogRouter({
    searchItems: ({ query, headers }) => {
      seen.push({ query, headers });
      return { status: 200, body: { query, headers } };
    },
    addItem: ({ body }) => ({ status: 201, body }),
    getItemsById: ({ path }) => {
      seen.push(path);
      return { status: 200, body: { id: path.id, name: 'book' } };
    },
    featuredItem: () => ({ status: 200, body: { id: 1, name: 'featured' } }),
  });
  const s = await serve(router);
  try {
    const client = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000 });
    const r = await client.searchItems({ query: { tags: ['a', 'b'], ids: [1, 2, 3], inStock: true, maxPrice: 9.5, page: 2 }, headers: { 'X-Page-Size': 20 } });
    assert.is(r.status, 200);
    assert.equal(seen.pop(), { query: { tags: ['a', 'b'], ids: [1, 2, 3], inStock: true, maxPrice: 9.5, page: 2 }, headers: { 'X-Page-Size': 20 } });
    assert.is(s.seen.pop(), 'GET /items?tags=a&tags=b&ids=1%2C2%2C3&inStock=true&maxPrice=9.5&page=2');

    // A single value of an array parameter is an array of one; `false` is a boolean.
    let res = await fetch(`${s.url}/items?tags=solo&ids=7&inStock=false`);
    assert.is(res.status, 200);
    assert.equal(seen.pop(), { query: { tags: ['solo'], ids: [7], inStock: false }, headers: {} });

    res = await fetch(`${s.url}/items?page=abc`, { headers: { 'x-page-size': '99' } });
    assert.is(res.status, 400);
    assert.is(res.headers.get('content-type'), 'application/problem+json');
    const problem = await res.json();
    assert.equal(problem.errors, [
      { in: 'query', pointer: '/page', detail: 'must be integer' },
      { in: 'header', pointer: '/X-Page-Size', detail: 'must be <= 50' },
    ]);
    assert.is(problem.detail, 'query /page must be integer (+1 more)');

    assert.equal((await client.getItemsById({ path: { id: 7 } })).body, { id: 7, name: 'book' });
    assert.equal(seen.pop(), { id: 7 });
    res = await fetch(`${s.url}/items/seven`);
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'path', pointer: '/id', detail: 'must be integer' }]]);
    // A literal segment wins over a template: /items/featured is not /items/{id}.
    assert.equal((await client.featuredItem()).body, { id: 1, name: 'featured' });
  } finally {
    await s.close();
  }
});

test('cookie parameters: one Cookie header after the caller\'s own, percent-encoded, parsed back and coerced; a bad one 400', async () => {
  const seen: unknown[] = [];
  const s = await serve(
    catalog.createCatalogRouter({
      searchItems: ({ cookies, raw }) => {
        seen.push([cookies, raw.headers.cookie]);
        return { status: 200, body: {} };
      },
    } as never),
  );
  try {
    const client = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000 });
    await client.searchItems({ cookies: { region: 'ap south', seen: [3, 4] } }, { headers: { Cookie: 'theme=dark' } });
    assert.equal(seen.pop(), [{ region: 'ap south', seen: [3, 4] }, 'theme=dark; region=ap%20south; seen=3%2C4']);
    // Undeclared cookies are left out; a quoted value is unquoted; the first of a repeated name counts.
    let res = await fetch(`${s.url}/items`, { headers: { cookie: 'other=1; region="eu"; region=us' } });
    assert.is(res.status, 200);
    assert.equal(seen.pop(), [{ region: 'eu' }, 'other=1; region="eu"; region=us']);
    res = await fetch(`${s.url}/items`, { headers: { cookie: 'region=mars; seen=x' } });
    assert.equal([res.status, (await res.json()).errors], [
      400,
      // The first problem of each location, as for query and header values.
      [{ in: 'cookie', pointer: '/region', detail: 'must be one of "eu", "us", "ap south"' }],
    ]);
    res = await fetch(`${s.url}/items`, { headers: { cookie: 'seen=1,x' } });
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'cookie', pointer: '/seen/1', detail: 'must be integer' }]]);
    assert.is(seen.length, 0, 'an invalid request never reaches the handler');
    // The client checks before sending.
    const err = await client.searchItems({ cookies: { region: 'mars' as never } }).catch((e: unknown) => e);
    assert.instance(err, ValidationError);
    assert.is((err as ValidationError).part, 'cookies');
    assert.is((err as Error).message, 'searchItems: outgoing cookies /cookies/region must be one of "eu", "us", "ap south"');
  } finally {
    await s.close();
  }
});

test('form bodies: typed object encoded as name=value, repeated names and brackets; decoded and coerced by schema; bad ones 400', async () => {
  const seen: unknown[] = [];
  const s = await serve(
    catalog.createCatalogRouter({
      checkout: ({ body, contentType }) => {
        seen.push([body, contentType]);
        return { status: 200, body: body as Record<string, unknown> };
      },
    } as never),
  );
  const wire: string[] = [];
  const recording: typeof fetch = async (url, init) => {
    wire.push(String(init?.body));
    return fetch(url, init);
  };
  try {
    const client = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000, fetch: recording });
    const body = { amount: 2500, currency: 'eur' as const, capture: false, note: null, tags: ['a b', 'c&d'], metadata: { plan: 'pro', 'x[y]': 'z' }, items: [{ price: 'p_1', quantity: 2 }, { price: 'p_2' }] };
    const r = await client.checkout({ body });
    assert.is(r.status, 200);
    assert.is(
      wire.pop(),
      'amount=2500&currency=eur&capture=false&note=&tags=a+b&tags=c%26d&metadata%5Bplan%5D=pro&metadata%5Bx%5By%5D%5D=z&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p_2',
    );
    // The handler gets the schema's types back (a nullable string sent empty stays the empty string).
    assert.equal(seen.pop(), [{ amount: 2500, currency: 'eur', capture: false, note: '', tags: ['a b', 'c&d'], metadata: { plan: 'pro', 'x[y]': 'z' }, items: [{ price: 'p_1', quantity: 2 }, { price: 'p_2' }] }, 'application/x-www-form-urlencoded']);
    assert.equal(body.items[0], { price: 'p_1', quantity: 2 }, 'the caller\'s object is not coerced');
    // A single value of an array field is an array of one.
    const post = (text: string) => fetch(`${s.url}/checkout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: text });
    let res = await post('amount=1&currency=gbp&tags=solo');
    assert.equal([res.status, seen.pop()], [200, [{ amount: 1, currency: 'gbp', tags: ['solo'] }, 'application/x-www-form-urlencoded']]);
    res = await post('amount=ten&currency=gbp');
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '/amount', detail: 'must be integer' }]]);
    res = await post('amount=1&currency=gbp&items[0][quantity]=1');
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '/items/0', detail: "must have required property 'price'" }]]);
    // `__proto__` keys are dropped, never set on the object's prototype.
    res = await post('amount=1&currency=gbp&__proto__[polluted]=1&metadata[__proto__][x]=1');
    assert.is(res.status, 200);
    assert.equal(seen.pop(), [{ amount: 1, currency: 'gbp' }, 'application/x-www-form-urlencoded']);
    assert.is(({} as Record<string, unknown>).polluted, undefined);
    assert.is(seen.length, 0);
    // The client refuses an invalid body before sending.
    const err = await client.checkout({ body: { amount: 0, currency: 'eur' } }).catch((e: unknown) => e);
    assert.instance(err, ValidationError);
    assert.is((err as Error).message, 'checkout: outgoing body /amount must be >= 1');
    assert.is(wire.length, 0);
  } finally {
    await s.close();
  }
});

test('form bodies with explode: false: arrays as one comma-separated value both ways, a comma inside a value encoded', async () => {
  const seen: unknown[] = [];
  const s = await serve(
    catalog.createCatalogRouter({
      checkout: ({ body }) => {
        seen.push(body);
        return { status: 200, body: {} };
      },
    } as never),
  );
  const wire: string[] = [];
  const recording: typeof fetch = async (url, init) => (wire.push(String(init?.body)), fetch(url, init));
  try {
    const client = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000, fetch: recording });
    await client.checkout({ body: { amount: 1, currency: 'eur', ids: [1, 2, 3], labels: ['a,b', 'c d', 'e'], tags: ['x', 'y'] } });
    assert.is(wire.pop(), 'amount=1&currency=eur&ids=1,2,3&labels=a%2Cb,c+d,e&tags=x&tags=y');
    assert.equal(seen.pop(), { amount: 1, currency: 'eur', ids: [1, 2, 3], labels: ['a,b', 'c d', 'e'], tags: ['x', 'y'] });
    // An empty array is left out, as for exploded arrays; one element is a value without a comma.
    await client.checkout({ body: { amount: 1, currency: 'eur', ids: [], labels: ['solo'] } });
    assert.is(wire.pop(), 'amount=1&currency=eur&labels=solo');
    assert.equal(seen.pop(), { amount: 1, currency: 'eur', labels: ['solo'] });
    const post = (text: string) => fetch(`${s.url}/checkout`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: text });
    // Only the fields declared so are split: a comma in another field is text.
    let res = await post('amount=1&currency=gbp&ids=4,5&tags=p,q&i%64s=6');
    assert.is(res.status, 200);
    assert.equal(seen.pop(), { amount: 1, currency: 'gbp', ids: [4, 5, 6], tags: ['p,q'] });
    res = await post('amount=1&currency=gbp&ids=4,x');
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '/ids/1', detail: 'must be integer' }]]);
  } finally {
    await s.close();
  }
});

test('routing: unknown path 404, wrong method 405 with Allow, missing handler 501, all problem+json', async () => {
  const s = await serve(catalog.createCatalogRouter({ searchItems: () => ({ status: 200, body: {} }) } as never, { onError: () => {} }));
  try {
    let res = await fetch(`${s.url}/nope`);
    assert.equal([res.status, res.headers.get('content-type'), (await res.json()).detail], [404, 'application/problem+json', 'no operation has the path /nope']);
    res = await fetch(`${s.url}/items`, { method: 'DELETE' });
    assert.equal([res.status, res.headers.get('allow'), (await res.json()).title], [405, 'GET, POST', 'Method not allowed']);
    res = await fetch(`${s.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal([res.status, (await res.json()).detail], [501, 'addItem has no handler']);
  } finally {
    await s.close();
  }
});

test('request bodies: bad JSON 400, undeclared media type 415, missing required body 400; nullable without type is accepted', async () => {
  const s = await serve(catalog.createCatalogRouter({ addItem: ({ body }) => ({ status: 201, body }) } as never));
  try {
    const post = (body: string | undefined, type = 'application/json') => fetch(`${s.url}/items`, { method: 'POST', headers: { 'content-type': type }, body });
    let res = await post('{"id":');
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '', detail: 'is not valid JSON' }]]);
    res = await post('id=1', 'application/x-www-form-urlencoded');
    assert.equal([res.status, (await res.json()).detail], [415, 'addItem accepts application/json, not application/x-www-form-urlencoded']);
    res = await post(undefined);
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '', detail: 'is required' }]]);
    res = await post(JSON.stringify({ id: 1, name: 'x', note: null, extra: { any: 'thing' } }));
    assert.equal([res.status, await res.json()], [201, { id: 1, name: 'x', note: null, extra: { any: 'thing' } }]);
    res = await post(JSON.stringify({ id: 1, name: 'x', colour: 'red' }));
    assert.equal([res.status, (await res.json()).errors], [400, [{ in: 'body', pointer: '', detail: 'has unknown property `colour`' }]]);
  } finally {
    await s.close();
  }
});

test('validateResponses: a handler response that breaks the contract is a 500 problem; without it, it passes', async () => {
  const errors: string[] = [];
  const handlers = { addItem: () => ({ status: 201, body: { id: 1 } }) } as never;
  const checked = await serve(catalog.createCatalogRouter(handlers, { validateResponses: true, onError: (e, id) => errors.push(`${id}: ${e.message}`) }));
  const unchecked = await serve(catalog.createCatalogRouter(handlers));
  try {
    const body = JSON.stringify({ id: 1, name: 'x' });
    let res = await fetch(`${checked.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal([res.status, (await res.json()).detail], [500, "addItem: the body does not match the schema: (root) must have required property 'name'"]);
    assert.equal(errors, ["addItem: response does not match the contract: the body does not match the schema: (root) must have required property 'name'"]);
    res = await fetch(`${unchecked.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal([res.status, await res.json()], [201, { id: 1 }]);
    // The validating client refuses that response.
    const client = catalog.createCatalogClient({ baseUrl: unchecked.url, timeoutMs: 2000 });
    const e = await client.addItem({ body: { id: 1, name: 'x' } }).catch((x: unknown) => x);
    assert.instance(e, ResponseValidationError);
    assert.is((e as Error).message, "addItem: response 201 application/json: (root) must have required property 'name'");
  } finally {
    await checked.close();
    await unchecked.close();
  }
});

test('retries: only idempotent methods, only when configured, within the timeout', async () => {
  let fail = 0;
  const s = await serve((req, res) => {
    if (fail > 0) {
      fail--;
      res.writeHead(503).end();
    } else if (req.method === 'GET') res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    else res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":1,"name":"x"}');
  });
  try {
    const plain = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000 });
    fail = 1;
    assert.is((await plain.searchItems()).status, 503, 'not retried unless configured');
    assert.is(s.seen.length, 1);

    const retrying = catalog.createCatalogClient({ baseUrl: s.url, timeoutMs: 2000, retries: { attempts: 2 } });
    fail = 2;
    assert.is((await retrying.searchItems()).status, 200);
    assert.equal(s.seen.slice(1), ['GET /items', 'GET /items', 'GET /items']);

    fail = 1;
    const e = await retrying.addItem({ body: { id: 1, name: 'x' } }).catch((x: unknown) => x);
    assert.instance(e, ResponseValidationError, 'POST is not retried: its 503 is returned (undeclared here)');
    assert.is(s.seen.length, 5);
  } finally {
    await s.close();
  }
});

test('a connection error is ConnectionError; a fallback answers instead of an unavailable API, not instead of a contract violation', async () => {
  const s = await serve(() => {});
  const url = s.url;
  await s.close();
  const client = catalog.createCatalogClient({ baseUrl: url, timeoutMs: 2000 });
  const e = await client.featuredItem().catch((x: unknown) => x);
  assert.instance(e, ConnectionError);
  assert.is((e as Error).message, 'featuredItem: no response: ECONNREFUSED');
  const errors: string[] = [];
  const withFallback = catalog.createCatalogClient({
    baseUrl: url,
    timeoutMs: 2000,
    fallbacks: {
      featuredItem: (_input, error) => {
        errors.push(error.constructor.name);
        return { status: 200, contentType: 'application/json', headers: {}, body: { id: 0, name: 'cached' } };
      },
      addItem: (_input, error) => {
        errors.push(error.constructor.name);
        return { status: 201, contentType: 'application/json', headers: {}, body: { id: 0, name: 'cached' } };
      },
    },
  });
  assert.equal((await withFallback.featuredItem()).body, { id: 0, name: 'cached' });
  assert.equal(errors, ['ConnectionError']);
  const v = await withFallback.addItem({ body: { id: 1, name: '' } }).catch((x: unknown) => x);
  assert.instance(v, ValidationError, 'an invalid request is the caller’s mistake: no fallback');
  assert.equal(errors, ['ConnectionError']);
});

test.run();
