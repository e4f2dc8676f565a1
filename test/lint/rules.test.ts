// Every lint rule, on a document it must accept and one it must flag, with the exact ranges it reports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { lintRules } from '../../src/lint/rules/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fx = (name: string) => path.relative(process.cwd(), path.join(dir, name));
const CLEAN = ['clean.asyncapi3.yaml', 'clean.asyncapi2.yaml', 'clean.openapi31.yaml'];

/** rule → fixture that must trigger it → `line:col-line:col` of each finding, in order. */
const FAILING: Record<string, [string, string[]]> = {
  'reply-correlation-id': ['reply.fail.yaml', ['15:7-15:15', '24:7-24:20']],
  'correlation-id-field': ['correlation.fail.yaml', ['13:11-13:44', '24:11-24:47']],
  'message-id-header': ['message-id.fail.yaml', ['12:9-12:16', '19:7-19:19']],
  'message-channel-kind': ['kinds.fail.yaml', ['16:7-16:18', '30:7-30:19', '36:7-36:19']],
  'message-kind-name': ['kinds.fail.yaml', ['38:9-38:31']],
  'reply-channel-distinct': ['reply.fail.yaml', ['45:7-45:14']],
  'reply-messages': ['reply.fail.yaml', ['56:5-56:10']],
  'partition-key-field': ['partition-key.fail.yaml', ['15:5-15:56', '33:5-33:38']],
  'binding-protocol': ['binding.fail.yaml', ['17:7-17:12', '30:11-30:16']],
  'message-payload': ['message-bare.fail.yaml', ['9:7-9:19']],
  'message-content-type': ['message-bare.fail.yaml', ['9:7-9:19']],
  'message-description': ['message-bare.fail.yaml', ['9:7-9:19']],
  'info-version-semver': ['semver.fail.yaml', ['4:3-4:24']],
  'version-in-address': ['versioning.fail.yaml', ['8:5-8:31']],
  'no-unused-components': ['unused.fail.yaml', ['27:5-27:10', '37:5-37:13']],
  'operation-description': ['operation-bare.fail.yaml', ['8:5-8:14']],
  'operation-operationId': ['operation-bare.fail.yaml', ['8:5-8:14']],
  'servers-declared': ['no-servers.fail.yaml', ['1:1-1:2']],
  'servers-parameterised': ['servers.fail.yaml', ['7:5-7:6']],
  'operation-success-response': ['http.fail.yaml', ['44:7-44:16']],
  'operation-4xx-response': ['http.fail.yaml', ['44:7-44:16']],
  'request-body-get-delete': ['http.fail.yaml', ['15:7-15:18']],
  'put-idempotent': ['http.fail.yaml', ['25:5-25:8', '51:18-51:20']],
  'example-valid': ['http.fail.yaml', ['35:15-35:23']],
  'example-checkable': ['examples.fail.yaml', ['15:15-15:24', '27:13-27:20']],
  'info-contact': ['meta.fail.yaml', ['2:1-2:5']],
  'info-license': ['meta.fail.yaml', ['2:1-2:5']],
  'info-description': ['meta.fail.yaml', ['2:1-2:5']],
  'tag-description': ['meta.fail.yaml', ['11:5-11:6']],
  'operation-tags': ['meta.fail.yaml', ['14:5-14:8']],
  'property-description': ['meta.fail.yaml', ['25:19-25:24']],
};

async function findings(file: string, rule: string) {
  const { report, fatal } = await lintFile(fx(file), { config: builtinConfig('strict') });
  assert.is(fatal, false, `${file} could not be read`);
  return report.diagnostics.filter((d) => d.rule === rule);
}

const range = (d: { range?: { start: { line: number; column: number }; end: { line: number; column: number } } }) =>
  `${d.range!.start.line}:${d.range!.start.column}-${d.range!.end.line}:${d.range!.end.column}`;

// Rules written after the registry examples (test/rules/examples.test.ts) carry their failing cases
// there; the clean fixtures below still run against every rule.
test('every rule in the registry has a failing fixture here or a flagged example', () => {
  assert.equal(lintRules.filter((r) => !FAILING[r.id] && !r.examples().some((e) => e.expect.length)).map((r) => r.id), []);
});

for (const rule of lintRules) {
  test(`${rule.id}: clean documents pass`, async () => {
    for (const f of CLEAN) assert.equal((await findings(f, rule.id)).map((d) => `${f} ${range(d)} ${d.message}`), []);
  });
  if (!FAILING[rule.id]) continue;
  const [file, ranges] = FAILING[rule.id];
  test(`${rule.id}: ${file} fails at ${ranges.join(', ')}`, async () => {
    const found = await findings(file, rule.id);
    assert.equal(found.map(range), ranges);
    for (const d of found) {
      assert.is(d.file, fx(file));
      assert.ok(d.message.length > 10 && !/\/properties\/|instancePath|schemaPath/.test(d.message), d.message);
    }
  });
}

test('messages name the thing and say what is wrong', async () => {
  const [kind] = await findings('kinds.fail.yaml', 'message-channel-kind');
  assert.is(kind.message, 'message `CreateThing` is a command (imperative name ("create")) but channel `events` is publish-subscribe (amqp topic exchange)');
  const [corr] = await findings('correlation.fail.yaml', 'correlation-id-field');
  assert.is(corr.message, 'correlation id location `$message.header#/corrId` of message `ThingUpdated` points at `/corrId`, which its headers schema does not declare');
  const [ex] = await findings('http.fail.yaml', 'example-valid');
  assert.is(ex.message, 'example of `PUT /v2/things request application/json` does not match its schema at `/name`: must be string');
  assert.is(ex.pointer, '/paths/~1v2~1things/put/requestBody/content/application~1json/example/name');
  const [pk] = await findings('partition-key.fail.yaml', 'partition-key-field');
  assert.is(pk.message, 'partition key `$message.payload#/thingId` of channel `things.events` points at `/thingId`, which message `ThingRenamed` does not declare');
});

test('severities follow the ruleset: recommended warns about design, strict also about metadata', async () => {
  const rec = (await lintFile(fx('meta.fail.yaml'), { config: builtinConfig('recommended') })).report.diagnostics;
  assert.equal(rec.map((d) => d.rule), []);
  const kinds = (await lintFile(fx('kinds.fail.yaml'), { config: builtinConfig('recommended') })).report.diagnostics;
  assert.equal([...new Set(kinds.map((d) => `${d.rule}:${d.severity}`))].sort(), ['message-channel-kind:warning', 'message-kind-name:warning', 'servers-declared:warning']);
  const min = (await lintFile(fx('kinds.fail.yaml'), { config: builtinConfig('minimal') })).report.diagnostics;
  assert.equal(min, []);
});

test('replies on a WebSocket come back on the request channel; AMQP carries correlation_id itself', async () => {
  assert.equal(await findings('reply-ws.pass.yaml', 'reply-channel-distinct'), []);
  assert.equal(await findings('amqp-properties.pass.yaml', 'correlation-id-field'), []);
});

test('a reply-to header marks a request in AsyncAPI 2 only', async () => {
  const found = await findings('reply-to-header.fail.yaml', 'reply-correlation-id');
  assert.equal(found.map((d) => [range(d), d.message]), [['19:7-19:14', 'message `GetThing` has no `correlationId`, but it carries a `replyTo` header; replies cannot be matched to requests']]);
  assert.equal(await findings('clean.asyncapi3.yaml', 'reply-correlation-id'), []);
});

test('the example contracts in specs/ lint clean under recommended', async () => {
  for (const f of ['billing-service.asyncapi.yaml', 'customer-service.asyncapi.yaml', 'order-service.asyncapi.yaml', 'orders-api.openapi.yaml', 'storefront.asyncapi.yaml']) {
    const { report } = await lintFile(path.join('specs', f), { config: builtinConfig('recommended') });
    assert.equal(report.diagnostics.map((d) => `${d.rule} ${d.message}`), [], f);
  }
});

test('specs/bad shows every messaging rule firing, in a document validate accepts', async () => {
  const { report } = await lintFile('specs/bad/messaging-mistakes.asyncapi.yaml', { config: builtinConfig('recommended') });
  assert.equal([...new Set(report.diagnostics.map((d) => d.rule))].sort(), [
    'binding-protocol',
    'correlation-id-field',
    'message-channel-kind',
    'message-content-type',
    'message-description',
    'message-id-header',
    'message-kind-name',
    'message-payload',
    'no-unused-components',
    'operation-description',
    'partition-key-field',
    'reply-channel-distinct',
    'reply-correlation-id',
    'reply-messages',
    'servers-parameterised',
    'version-in-address',
  ]);
});

test('dated versions are not compared with path majors, and bodies declared empty are not bodies', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'specgate-rules-'));
  const file = path.join(root, 'dated.yaml');
  writeFileSync(
    file,
    [
      'openapi: 3.0.3',
      'info: { title: Dated, version: 2023-09-12 }',
      'paths:',
      '  /v1/things:',
      '    get:',
      '      requestBody:',
      '        content:',
      '          application/x-www-form-urlencoded:',
      '            schema: { type: object, properties: {}, additionalProperties: false }',
      '      responses:',
      "        '200': { description: ok }",
      '',
    ].join('\n'),
  );
  const { report } = await lintFile(file, { config: builtinConfig('recommended') });
  assert.equal(report.diagnostics.map((d) => d.rule), ['servers-declared', 'info-version-semver', 'operation-description', 'operation-operationId', 'operation-4xx-response']);
});

test.run();
