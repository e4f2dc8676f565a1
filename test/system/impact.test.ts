// `specgate diff --base REF dir/`: each breaking change of an operation names the services of the folder
// it breaks: receivers of what it sends, senders of what it receives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempFiles } from '../helpers.js';

const order = (required: string) => `asyncapi: 3.0.0
info: { title: Order Service, version: 1.0.0 }
channels:
  created:
    address: orders.created
    messages:
      OrderCreated: { name: OrderCreated, payload: { type: object, required: [${required}], properties: { orderId: { type: string }, total: { type: number } } } }
  cancel:
    address: orders.cancel
    messages:
      CancelOrder: { name: CancelOrder, payload: { type: object, properties: { orderId: { type: string } } } }
  audit:
    address: orders.audit
    messages:
      OrderAudited: { name: OrderAudited, payload: { type: object, properties: { at: { type: string } } } }
operations:
  publishCreated: { action: send, channel: { $ref: '#/channels/created' } }
  handleCancel: { action: receive, channel: { $ref: '#/channels/cancel' } }
  publishAudit: { action: send, channel: { $ref: '#/channels/audit' } }
`;

const consumer = (title: string, address: string, message: string, action: 'send' | 'receive') => `asyncapi: 3.0.0
info: { title: ${title}, version: 1.0.0 }
channels:
  c: { address: ${address}, messages: { ${message}: { name: ${message}, payload: { type: object } } } }
operations:
  o: { action: ${action}, channel: { $ref: '#/channels/c' } }
`;

function repo() {
  const t = tempFiles({
    'order.yaml': order('orderId, total'),
    'billing.yaml': consumer('Billing Service', 'orders.created', 'OrderCreated', 'receive'),
    'shipping.yaml': consumer('Shipping Service', 'orders.created', 'OrderCreated', 'receive'),
    'support.yaml': consumer('Support Desk', 'orders.cancel', 'CancelOrder', 'send'),
  });
  const git = (...a: string[]) => execFileSync('git', a, { cwd: t.dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'base');
  return t;
}

test('a breaking change names the receivers of what it sends and the senders of what it receives; none known is said', () => {
  const t = repo();
  try {
    // `total` no longer always sent (breaks the two consumers); CancelOrder's orderId now required (breaks support-desk's
    // messages); the audit event loses a property nobody in the folder reads.
    const next = order('orderId')
      .replace('CancelOrder: { name: CancelOrder, payload: { type: object, properties', 'CancelOrder: { name: CancelOrder, payload: { type: object, required: [orderId], properties')
      .replace("OrderAudited, payload: { type: object, properties: { at: { type: string } } }", "OrderAudited, payload: { type: object, properties: { at: { type: integer } } }");
    writeFileSync(path.join(t.dir, 'order.yaml'), next);
    const r = cli(['diff', '--base', 'HEAD', '.', '-f', 'json'], { cwd: t.dir });
    assert.is(r.status, 1, r.stderr);
    const changes = JSON.parse(r.stdout).results.flatMap((x: { changes: { id: string; operation: string; level: string; affects?: string[] }[] }) => x.changes);
    assert.equal(
      changes.filter((c: { level: string }) => c.level === 'breaking').map((c: { id: string; operation: string; affects?: string[] }) => [c.operation, c.id, c.affects]),
      [
        ['handleCancel', 'property-became-required', ['support-desk']],
        ['publishAudit', 'type-changed', []],
        ['publishCreated', 'property-became-optional', ['billing-service', 'shipping-service']],
      ],
    );
    const text = cli(['diff', '--base', 'HEAD', '.'], { cwd: t.dir }).stdout;
    assert.match(text, /→ breaks billing-service, shipping-service\n/);
    assert.match(text, /→ breaks no service in the folder \(services outside it may still break\)\n/);
    const md = cli(['diff', '--base', 'HEAD', '.', '-f', 'markdown'], { cwd: t.dir }).stdout;
    assert.match(md, /\(breaks support-desk\)/);
    const gh = cli(['diff', '--base', 'HEAD', '.', '-f', 'github'], { cwd: t.dir }).stdout;
    assert.match(gh, /::error file=order\.yaml,.*\(breaks billing-service, shipping-service\)\n/);
  } finally {
    t.cleanup();
  }
});

test('a pair of files (no folder) carries no affects', () => {
  const t = tempFiles({ 'a.yaml': order('orderId, total'), 'b.yaml': order('orderId') });
  try {
    const r = cli(['diff', 'a.yaml', 'b.yaml', '-f', 'json'], { cwd: t.dir });
    assert.ok(JSON.parse(r.stdout).changes.every((c: object) => !('affects' in c)));
  } finally {
    t.cleanup();
  }
});

test.run();
