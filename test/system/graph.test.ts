// The system read from several documents: services (one id for an AsyncAPI and an OpenAPI document of one
// service), flows by direction in AsyncAPI 2 and 3, replies back to requesters, and the JSON of `graph`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDocument } from '../../src/model/open.js';
import { checkSystem } from '../../src/system/index.js';
import { toGraph } from '../../src/system/graph.js';
import { cli, tempFiles } from '../helpers.js';

const ORDER = `asyncapi: 3.0.0
info: { title: Order Service, version: 1.2.0 }
servers:
  broker: { host: 'broker:5672', protocol: amqp }
channels:
  created:
    address: orders.{region}.created
    parameters: { region: {} }
    messages:
      OrderCreated: { name: OrderCreated, payload: { type: object, required: [orderId], properties: { orderId: { type: string } } } }
  create:
    address: orders.create
    messages:
      CreateOrder: { name: CreateOrder, payload: { type: object } }
  accepted:
    address: null
    messages:
      OrderAccepted: { name: OrderAccepted, payload: { type: object, required: [orderId] } }
operations:
  publishCreated: { action: send, channel: { $ref: '#/channels/created' } }
  handleCreate:
    action: receive
    channel: { $ref: '#/channels/create' }
    reply: { address: { location: '$message.header#/replyTo' }, channel: { $ref: '#/channels/accepted' } }
`;

// AsyncAPI 2: `publish` is what the application receives, `subscribe` what it sends.
const BILLING = `asyncapi: 2.6.0
info: { title: Billing Service, version: 1.0.0 }
servers:
  broker: { url: 'broker:5672', protocol: amqp }
channels:
  orders.eu.created:
    publish:
      message: { name: OrderCreated, payload: { type: object, required: [orderId, currency] } }
  billing.invoiced:
    subscribe:
      message: { name: InvoiceIssued, payload: { type: object } }
`;

const GATEWAY = `asyncapi: 3.0.0
info: { title: Gateway, version: 1.0.0 }
channels:
  create:
    address: orders.create
    messages:
      CreateOrder: { name: CreateOrder, payload: { type: object } }
  replies:
    address: gateway.replies
    messages:
      OrderAccepted: { name: OrderAccepted, payload: { type: object } }
operations:
  createOrder:
    action: send
    channel: { $ref: '#/channels/create' }
    reply: { channel: { $ref: '#/channels/replies' } }
`;

const ORDERS_API = `openapi: 3.1.0
info: { title: Order Service, version: 1.2.0 }
paths:
  /orders:
    post:
      operationId: placeOrder
      responses: { '201': { description: created } }
`;

async function graphOf(docs: Record<string, string>) {
  const models = [];
  for (const [file, text] of Object.entries(docs)) models.push((await openDocument(file, { text })).model!);
  return toGraph(await checkSystem(models));
}

test('services: one per id, an OpenAPI and an AsyncAPI document of one service are one service', async () => {
  const g = await graphOf({ 'order.yaml': ORDER, 'billing.yaml': BILLING, 'gateway.yaml': GATEWAY, 'orders-api.yaml': ORDERS_API });
  assert.equal(
    g.services.map((s) => [s.id, s.title, s.file, s.version, s.format, s.documents.map((d) => `${d.file} ${d.format} ${d.specVersion}`)]),
    [
      ['order-service', 'Order Service', 'order.yaml', '1.2.0', 'asyncapi', ['order.yaml asyncapi 3.0.0', 'orders-api.yaml openapi 3.1.0']],
      ['billing-service', 'Billing Service', 'billing.yaml', '1.0.0', 'asyncapi', ['billing.yaml asyncapi 2.6.0']],
      ['gateway', 'Gateway', 'gateway.yaml', '1.0.0', 'asyncapi', ['gateway.yaml asyncapi 3.0.0']],
    ],
  );
});

test('flows: AsyncAPI 2 and 3 directions, a parameter against a concrete address, a request and its reply', async () => {
  const g = await graphOf({ 'order.yaml': ORDER, 'billing.yaml': BILLING, 'gateway.yaml': GATEWAY });
  assert.equal(g.flows, [
    { from: 'order-service', to: 'billing-service', channel: 'orders.{region}.created', message: 'OrderCreated', kind: 'event', compatible: false, sender: 'order.yaml:10:7', receiver: 'billing.yaml:8:7' },
    { from: 'order-service', to: 'gateway', channel: 'gateway.replies', message: 'OrderAccepted', kind: 'reply', compatible: true, sender: 'order.yaml:18:7', receiver: 'gateway.yaml:11:7' },
    { from: 'gateway', to: 'order-service', channel: 'orders.create', message: 'CreateOrder', kind: 'request', compatible: true, sender: 'gateway.yaml:7:7', receiver: 'order.yaml:14:7' },
  ]);
  assert.equal(g.channels, [
    { address: 'orders.{region}.created', protocol: 'amqp', kind: 'unknown' },
    { address: 'orders.create', protocol: 'amqp', kind: 'unknown' },
    { address: 'orders.eu.created', protocol: 'amqp', kind: 'unknown' },
    { address: 'billing.invoiced', protocol: 'amqp', kind: 'unknown' },
    { address: 'orders.create', protocol: null, kind: 'unknown' },
    { address: 'gateway.replies', protocol: null, kind: 'unknown' },
  ]);
  assert.equal(g.problems, [
    {
      rule: 'system-consumer-incompatible',
      severity: 'error',
      message: 'billing-service requires `currency` in `OrderCreated`, which order-service (order.yaml:10:43) may not send',
      file: 'billing.yaml',
      line: 8,
      column: 83,
      endLine: 8,
      endColumn: 91,
    },
  ]);
});

test('protocols must agree where both documents declare servers', async () => {
  const kafka = BILLING.replace(/protocol: amqp/, 'protocol: kafka');
  const g = await graphOf({ 'order.yaml': ORDER, 'billing.yaml': kafka });
  assert.equal(g.flows, []);
  assert.equal(g.problems.map((p) => `${p.rule} ${p.file}`), ['system-no-producer billing.yaml', 'system-no-producer order.yaml']);
});

test('`specgate graph`: every readable file is drawn, an unreadable one is a located input error, exit 2', () => {
  const t = tempFiles({ 'order.yaml': ORDER, 'billing.yaml': BILLING, 'broken.yaml': 'asyncapi: 3.0.0\ninfo: [\n' });
  try {
    const r = cli(['graph', t.dir, '-f', 'json'], { cwd: t.dir });
    assert.is(r.status, 2, r.stderr);
    const g = JSON.parse(r.stdout);
    assert.equal(g.services.map((s: { id: string }) => s.id), ['billing-service', 'order-service']);
    assert.is(g.flows.length, 1);
    const input = g.problems.filter((p: { rule: string }) => p.rule === 'input-error');
    assert.is(input.length, 1);
    assert.is(input[0].file, 'broken.yaml');
    assert.is(input[0].line, 3);
  } finally {
    t.cleanup();
  }
});

test('`specgate lint` runs the system rules over two or more documents, not over one, not with --no-system', () => {
  const t = tempFiles({ 'order.yaml': ORDER, 'billing.yaml': BILLING });
  try {
    const rules = (args: string[]) => {
      const r = cli(['lint', ...args, '-f', 'json'], { cwd: t.dir });
      return JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { rule: string }[] }) => f.diagnostics.map((d) => d.rule)).filter((id: string) => id.startsWith('system-'));
    };
    assert.equal(rules(['.']), ['system-consumer-incompatible', 'system-no-producer']);
    assert.equal(rules(['billing.yaml']), []);
    assert.equal(rules(['.', '--no-system']), []);
  } finally {
    t.cleanup();
  }
});

test.run();
