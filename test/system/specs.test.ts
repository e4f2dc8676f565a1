// The bundled example system: specs/*.yaml is one coherent system whose every flow is compatible, and
// specs/bad-system/ shows each system rule firing exactly once, where its YAML comments say.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers.js';

interface LintJson {
  files: { file: string; diagnostics: { rule: string; severity: string; message: string; range?: { start: { line: number; column: number } } }[] }[];
}

test('lint specs/*.yaml (recommended) reports nothing, system rules included', () => {
  const r = cli(['lint', 'specs/*.yaml', '-f', 'json']);
  const j = JSON.parse(r.stdout) as LintJson;
  assert.equal(j.files.map((f) => f.file), [
    'specs/billing-service.asyncapi.yaml',
    'specs/customer-service.asyncapi.yaml',
    'specs/order-service.asyncapi.yaml',
    'specs/orders-api.openapi.yaml',
    'specs/storefront.asyncapi.yaml',
  ]);
  assert.equal(j.files.flatMap((f) => f.diagnostics.map((d) => `${f.file} ${d.rule} ${d.message}`)), []);
  assert.is(r.status, 0);
});

test('graph specs/*.yaml: four services and every flow between them, all compatible', () => {
  const r = cli(['graph', 'specs/*.yaml', '-f', 'json']);
  assert.is(r.status, 0, r.stderr);
  const g = JSON.parse(r.stdout) as {
    services: { id: string; documents: { file: string }[] }[];
    flows: { from: string; to: string; message: string; kind: string; channel: string; compatible: boolean }[];
    problems: unknown[];
  };
  assert.equal(
    g.services.map((s) => [s.id, s.documents.map((d) => d.file)]),
    [
      ['billing-service', ['specs/billing-service.asyncapi.yaml']],
      ['customer-service', ['specs/customer-service.asyncapi.yaml']],
      ['order-service', ['specs/order-service.asyncapi.yaml', 'specs/orders-api.openapi.yaml']],
      ['storefront', ['specs/storefront.asyncapi.yaml']],
    ],
  );
  assert.equal(
    g.flows.map((f) => `${f.from} -> ${f.to} ${f.message} ${f.kind} on ${f.channel}`),
    [
      'customer-service -> billing-service CustomerRegistered event on customer-service.v1.{region}.events',
      'customer-service -> billing-service CustomerAddressChanged event on customer-service.v1.{region}.events',
      'order-service -> storefront CreateOrderReply reply on (dynamic)',
      'order-service -> storefront CancelOrderReply reply on (dynamic)',
      'order-service -> billing-service OrderCreated event on order.created',
      'order-service -> billing-service OrderCancelled event on order.cancelled',
      'order-service -> billing-service OrderShipped event on order.shipped',
      'storefront -> order-service CreateOrder request on order-service.commands.create-order',
      'storefront -> order-service CancelOrder request on order-service.commands.cancel-order',
      'storefront -> customer-service RegisterCustomer command on customer-service.v1.{region}.commands',
      'storefront -> customer-service UpdateCustomerAddress command on customer-service.v1.{region}.commands',
    ],
  );
  assert.equal(g.flows.filter((f) => !f.compatible), []);
  assert.equal(g.problems, []);
});

test('lint specs/bad-system --ruleset strict reports each system rule once, at the mistake, and nothing else', () => {
  const r = cli(['lint', 'specs/bad-system', '--ruleset', 'strict', '-f', 'json']);
  assert.is(r.status, 1, r.stderr);
  const found = (JSON.parse(r.stdout) as LintJson).files.flatMap((f) =>
    f.diagnostics.map((d) => `${d.rule} ${d.severity} ${f.file}:${d.range?.start.line}:${d.range?.start.column}`),
  );
  assert.equal(found, [
    'system-no-producer warning specs/bad-system/billing.asyncapi.yaml:65:3',
    'system-event-no-consumer info specs/bad-system/billing.asyncapi.yaml:109:5',
    'system-consumer-incompatible error specs/bad-system/billing.asyncapi.yaml:125:13',
    'system-request-no-replier error specs/bad-system/checkout.asyncapi.yaml:66:3',
    'system-competing-command-handlers warning specs/bad-system/ledger.asyncapi.yaml:67:5',
    'system-unknown-message error specs/bad-system/ledger.asyncapi.yaml:81:5',
    'system-producers-disagree warning specs/bad-system/order.asyncapi.yaml:82:7',
  ]);
});

test('each specs/bad-system finding sits right under the comment that names its rule', () => {
  const r = cli(['lint', 'specs/bad-system', '--ruleset', 'strict', '-f', 'json']);
  const misplaced: string[] = [];
  for (const f of (JSON.parse(r.stdout) as LintJson).files)
    for (const d of f.diagnostics) {
      const lines = readFileSync(f.file, 'utf8').split('\n');
      // The nearest comment block above the reported line (at most 4 lines up) names the rule.
      const above = lines.slice(Math.max(0, d.range!.start.line - 5), d.range!.start.line - 1).filter((l) => l.trim().startsWith('#')).join(' ');
      if (!above.includes(d.rule)) misplaced.push(`${f.file}:${d.range!.start.line} ${d.rule}`);
    }
  assert.equal(misplaced, []);
});

test('lint specs/bad-system without --ruleset strict leaves out the information-only rule', () => {
  const r = cli(['lint', 'specs/bad-system', '-f', 'json']);
  const rules = (JSON.parse(r.stdout) as LintJson).files.flatMap((f) => f.diagnostics.map((d) => d.rule)).sort();
  assert.equal(rules, [
    'system-competing-command-handlers',
    'system-consumer-incompatible',
    'system-no-producer',
    'system-producers-disagree',
    'system-request-no-replier',
    'system-unknown-message',
  ]);
});

test.run();
