// The OpenAPI side of the generator: which files each role gets, deterministic output, names derived
// from method and path, schemas OpenAPI 3.0 writes that Ajv would refuse, and the CLI's roles,
// transports and --check for OpenAPI documents.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runGenerate } from '../../src/cli/generate.js';
import { derivedName, webhookName } from '../../src/generate/http.js';
import { GENERATED, generateSpec, ROOT } from './helpers.js';

const ORDERS = path.join(ROOT, 'specs', 'orders-api.openapi.yaml');
const CATALOG = path.join(ROOT, 'test', 'fixtures', 'http', 'catalog.openapi.yaml');
const HOOKS = path.join(ROOT, 'test', 'fixtures', 'http', 'hooks.openapi.yaml');
const ORDER_SERVICE = path.join(ROOT, 'specs', 'order-service.asyncapi.yaml');
const file = (g: { files: { path: string; content: string }[] }, p: string) => g.files.find((f) => f.path === p)!.content;

/** Run `fn` with stderr captured line by line. */
async function capture<T>(fn: () => Promise<T>): Promise<{ value: T; errors: string[] }> {
  const write = process.stderr.write;
  const errors: string[] = [];
  process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { value: await fn(), errors };
  } finally {
    process.stderr.write = write;
  }
}

test('files by role: both by default, client or server alone; wiring only with --transport http', async () => {
  const names = async (role?: 'client' | 'server' | 'service', transport?: 'http') => (await generateSpec(ORDERS, role, transport)).files.map((f) => f.path);
  const common = ['index.ts', 'operations.ts', 'parameter-validators.ts', 'types.ts', 'validators.ts'];
  assert.equal(await names(), ['client.ts', ...common.slice(0, 3), 'server.ts', ...common.slice(3)]);
  assert.equal(await names('client'), ['client.ts', ...common]);
  assert.equal(await names('server'), [...common.slice(0, 3), 'server.ts', ...common.slice(3)]);
  assert.equal(await names('service'), await names('server'), 'service, the API’s own side, is the server');
  assert.ok((await names(undefined, 'http')).includes('wiring.ts'));
  const index = file(await generateSpec(ORDERS, 'client'), 'index.ts');
  assert.ok(index.includes("export { createOrdersAPIClient } from './client.js';"));
  assert.not.ok(index.includes('server.js'), 'a client-only index does not export the router');
});

test('output is deterministic, validators are ESM without require(), and every operation is in the table', async () => {
  const a = await generateSpec(ORDERS, undefined, 'http');
  const b = await generateSpec(ORDERS, undefined, 'http');
  assert.equal(a.files, b.files);
  for (const f of ['validators.ts', 'parameter-validators.ts']) assert.not.match(file(a, f), /\brequire\(/);
  const ops = file(a, 'operations.ts');
  assert.equal([...ops.matchAll(/^ {4}id: "([^"]+)",$/gm)].map((m) => m[1]), ['cancelOrder', 'createOrder', 'getOrder', 'listOrders', 'putOrder']);
  assert.ok(ops.includes('parameters: [{ name: "Idempotency-Key", in: "header", required: true }],\n    validateHeaders: validateCreateOrderHeaders,'));
  assert.ok(file(a, 'client.ts').includes('getOrder: (input, options) => core.call<GetOrderResponse>("getOrder", input, options),'));
  assert.equal(a.warnings, []);
});

test('names: an operation without operationId is named by method and path; arrays and explode reach the table', async () => {
  assert.is(derivedName('GET', '/v1/orders/{orderId}'), 'getV1OrdersByOrderId');
  assert.is(derivedName('delete', '/items/{id}/tags/{tag}'), 'deleteItemsByIdTagsByTag');
  const g = await generateSpec(CATALOG, undefined);
  assert.ok(file(g, 'client.ts').includes('  getItemsById(input: GetItemsByIdInput, options?: CallOptions): Promise<GetItemsByIdResponse>;'));
  assert.ok(file(g, 'operations.ts').includes('{ name: "tags", in: "query", required: false, array: true }, { name: "ids", in: "query", required: false, array: true, explode: false }'));
  // Form fields with `explode: false` (style form by default); deepObject's `explode: true` is no list.
  assert.ok(file(g, 'operations.ts').includes('{ contentType: "application/x-www-form-urlencoded", form: true, commaSeparated: ["ids", "labels"], validate: validateCheckoutBodyForm }'));
  const types = file(g, 'types.ts');
  assert.ok(types.includes('  query?: { tags?: string[]; ids?: number[]; inStock?: boolean; maxPrice?: number; page?: number };'));
  assert.ok(types.includes('  | { status: 404; headers: Record<string, string>; body: undefined }'), 'a response without content has no body');
  assert.ok(types.includes('  | { status: number; contentType: "application/problem+json"; headers: Record<string, string>; body: GetItemsByIdResponseDefault }'), 'default is any status');
});

test('OpenAPI 3.0 `nullable` without `type` (it means nothing there) does not cost the schema its validator', async () => {
  const g = await generateSpec(CATALOG, undefined);
  assert.equal(g.warnings, []);
  assert.match(file(g, 'validators.ts'), /export const validateItem: CompiledValidator = /);
});

test('webhooks: the server role gets the sender, the client role the webhook router; named by operationId, else key (and method when needed)', async () => {
  const names = async (role?: 'client' | 'server') => (await generateSpec(HOOKS, role)).files.map((f) => f.path);
  const common = ['index.ts', 'operations.ts', 'parameter-validators.ts', 'types.ts', 'validators.ts'];
  assert.equal(await names('server'), [...common.slice(0, 3), 'server.ts', ...common.slice(3), 'webhook-sender.ts']);
  assert.equal(await names('client'), ['client.ts', ...common, 'webhook-router.ts']);
  assert.not.ok((await names('client')).includes('webhook-sender.ts'));
  const a = await generateSpec(HOOKS, undefined);
  assert.equal(a.files, (await generateSpec(HOOKS, undefined)).files, 'deterministic');
  assert.equal(a.warnings, []);
  assert.is(webhookName('POST', 'newPet', 1), 'newPet');
  assert.is(webhookName('DELETE', 'pet-removed', 2), 'deletePetRemoved');
  const ops = file(a, 'operations.ts');
  // Paths and webhooks are separate tables: a webhook is never served as a path of the API.
  assert.equal([...ops.matchAll(/^ {4}id: "([^"]+)",$/gm)].map((m) => m[1]), ['subscribe', 'newPet', 'webhook petRemoved DELETE', 'webhook petRemoved POST']);
  assert.ok(ops.includes('export const webhooks: Record<string, HttpOperationSpec> = {\n  newPet: {\n    id: "newPet",\n    method: "POST",\n    path: "",\n    webhook: "newPet",\n    parameters: [{ name: "X-Delivery", in: "header", required: true }],\n    validateHeaders: validateNewPetHeaders,'));
  const sender = file(a, 'webhook-sender.ts');
  assert.ok(sender.includes('  newPet(input: NewPetInput, options?: CallOptions): Promise<NewPetResponse>;'));
  assert.ok(sender.includes('    deletePetRemoved: (input, call) => core.call<DeletePetRemovedResponse>("webhook petRemoved DELETE", input, target(call)),'));
  const router = file(a, 'webhook-router.ts');
  assert.ok(router.includes('  postPetRemoved(request: PostPetRemovedRequest & { raw: IncomingMessage }): PostPetRemovedResult | Promise<PostPetRemovedResult>;'));
  assert.ok(router.includes('  /** Default `/petRemoved`. */\n  deletePetRemoved?: string;'));
  assert.ok(file(a, 'types.ts').includes("/** `newPet`: the request a subscriber's handler gets. */"));
  // A spec without webhooks is generated as before: no webhooks table, no webhook files.
  const orders = await generateSpec(ORDERS, undefined);
  assert.not.ok(file(orders, 'operations.ts').includes('webhooks'));
  assert.ok(file(orders, 'index.ts').endsWith("export { operations } from './operations.js';\n"));
});

test('CLI: OpenAPI generates both sides; --check, --role and --transport; AsyncAPI refuses server and http', async () => {
  const dir = path.join(GENERATED, 'http-cli');
  rmSync(dir, { recursive: true, force: true });
  let r = await capture(() => runGenerate(ORDERS, { out: dir }));
  assert.is(r.value, 0);
  assert.equal(r.errors, [`generated 7 files for OrdersAPI (client and server) in ${dir}\n`]);
  r = await capture(() => runGenerate(ORDERS, { out: dir, check: true }));
  assert.equal([r.value, r.errors], [0, [`${dir} is up to date\n`]]);
  r = await capture(() => runGenerate(ORDERS, { out: dir, check: true, role: 'client' }));
  assert.is(r.value, 1);
  assert.equal(r.errors.slice(-2), [`${path.join(dir, 'server.ts')}: obsolete\n`, `${dir} is stale: run specgate generate ${ORDERS} --out ${dir} --role client\n`]);

  // With webhooks: --check sees the sender and router files like any other.
  const hooksDir = path.join(GENERATED, 'http-cli-hooks');
  rmSync(hooksDir, { recursive: true, force: true });
  assert.is((await capture(() => runGenerate(HOOKS, { out: hooksDir }))).value, 0);
  r = await capture(() => runGenerate(HOOKS, { out: hooksDir, check: true }));
  assert.equal([r.value, r.errors], [0, [`${hooksDir} is up to date\n`]]);
  r = await capture(() => runGenerate(HOOKS, { out: hooksDir, check: true, role: 'client' }));
  assert.is(r.value, 1);
  assert.ok(r.errors.includes(`${path.join(hooksDir, 'webhook-sender.ts')}: obsolete\n`), r.errors.join(''));

  r = await capture(() => runGenerate(ORDERS, { out: path.join(GENERATED, 'http-cli-x'), transport: 'amqp' }));
  assert.equal([r.value, r.errors], [2, ["specgate: --transport amqp is for AsyncAPI documents; an OpenAPI document's wiring is --transport http\n"]]);
  r = await capture(() => runGenerate(ORDER_SERVICE, { out: path.join(GENERATED, 'http-cli-x'), role: 'server' }));
  assert.equal([r.value, r.errors], [2, ['specgate: --role server is for OpenAPI documents; the sides of an AsyncAPI document are service and client\n']]);
  r = await capture(() => runGenerate(ORDER_SERVICE, { out: path.join(GENERATED, 'http-cli-x'), transport: 'http' }));
  assert.equal([r.value, r.errors], [2, ["specgate: --transport http is for OpenAPI documents; an AsyncAPI document's wiring is amqp, nats or memory\n"]]);
});

test.run();
