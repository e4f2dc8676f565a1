// The bundled example contracts in specs/ are the README's demo and the
// fixtures of other tests, so they must stay valid: the official AsyncAPI
// parser accepts them, every $ref (also across files) points at something,
// and every example matches its schema.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { builtinConfig } from '../src/lint/config.js';
import { lintFile } from '../src/lint/engine.js';
import { cli } from './helpers.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const specsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'specs');
// Only the top level: specs/bad/ holds documents that are invalid on purpose.
const topLevel = readdirSync(specsDir).filter((f) => f.endsWith('.yaml')).sort();
const asyncapiFiles = topLevel.filter((f) => f.endsWith('.asyncapi.yaml'));

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

const loadYaml = (path: string): Json => YAML.parse(readFileSync(path, 'utf8'));

function resolvePointer(root: Json, pointer: string): { found: boolean; value?: Json } {
  if (pointer === '' || pointer === '/') return { found: true, value: root };
  let node = root;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key) && Number(key) < node.length) node = node[Number(key)];
    else if (isObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return { found: false };
  }
  return { found: true, value: node };
}

/** Every `$ref` reachable from `file`, following references into other files. */
function collectRefs(file: string, seen = new Set<string>()): { from: string; ref: string; ok: boolean }[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const doc = loadYaml(file);
  const out: { from: string; ref: string; ok: boolean }[] = [];
  const walk = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') {
      const [target, fragment = ''] = node.$ref.split('#');
      const targetFile = target === '' ? file : resolve(dirname(file), target);
      let ok = false;
      try {
        ok = resolvePointer(target === '' ? doc : loadYaml(targetFile), fragment).found;
      } catch {
        ok = false;
      }
      out.push({ from: file, ref: node.$ref, ok });
      if (ok && target !== '') out.push(...collectRefs(targetFile, seen));
    }
    Object.values(node).forEach(walk);
  };
  walk(doc);
  return out;
}

test('specs/ holds the five example contracts of one system', () => {
  assert.equal(topLevel, [
    'billing-service.asyncapi.yaml',
    'customer-service.asyncapi.yaml',
    'order-service.asyncapi.yaml',
    'orders-api.openapi.yaml',
    'storefront.asyncapi.yaml',
  ]);
});

// specs/kafka-avro/: a Kafka service with Avro payloads, inline and in an `.avsc` file (not one of the five:
// its payloads are no JSON Schema, so the example checks above do not apply).
test('kafka-avro/profile-service.asyncapi.yaml: @asyncapi/parser with its Avro parser, specgate validate and lint accept it', async () => {
  const file = join(specsDir, 'kafka-avro', 'profile-service.asyncapi.yaml');
  const { document, diagnostics } = await fromFile(new Parser({ schemaParsers: [AvroSchemaParser()] }), file).parse();
  assert.equal(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`), []);
  assert.equal(document!.allMessages().all().map((m) => m.payload()?.schemaFormat()), ['application/vnd.apache.avro;version=1.11.1', 'application/vnd.apache.avro+json;version=1.11.1']);
  const { report } = await lintFile(file, { config: builtinConfig('strict') });
  assert.equal(report.diagnostics.map((d) => `${d.rule} ${d.message}`), []);
  assert.equal(collectRefs(file).filter((r) => !r.ok).map((r) => r.ref), []);
});

const parser = new Parser();
const parsed = new Map<string, Awaited<ReturnType<ReturnType<typeof fromFile>['parse']>>>();
async function parse(file: string) {
  if (!parsed.has(file)) parsed.set(file, await fromFile(parser, join(specsDir, file)).parse());
  return parsed.get(file)!;
}

for (const file of asyncapiFiles) {
  test(`${file}: @asyncapi/parser reports no errors`, async () => {
    const { document, diagnostics } = await parse(file);
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    assert.equal(errors, []);
    assert.ok(document, 'parser returned a document');
  });

  test(`${file}: every message example matches its headers and payload schema`, async () => {
    const { document } = await parse(file);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const failures: string[] = [];
    let checked = 0;
    for (const message of document!.allMessages()) {
      const json = message.json() as Record<string, Json>;
      for (const example of (json.examples as Record<string, Json>[] | undefined) ?? []) {
        for (const part of ['headers', 'payload'] as const) {
          if (example[part] === undefined) continue;
          checked++;
          const validate = ajv.compile(json[part] as object);
          if (!validate(example[part])) failures.push(`${message.name()} ${example.name} ${part}: ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    assert.equal(failures, []);
    assert.ok(checked >= 8, `checked ${checked} example parts`);
  });
}

test('order-service.asyncapi.yaml: AsyncAPI 3.0 commands with replies and events', async () => {
  const { document } = await parse('order-service.asyncapi.yaml');
  assert.is(document!.version(), '3.0.0');
  assert.is(document!.info().title(), 'Order Service');
  const ops = document!.operations().all().map((o) => `${o.id()}:${o.action()}:${o.reply() ? 'reply' : '-'}`);
  assert.equal(ops, [
    'createOrder:receive:reply',
    'cancelOrder:receive:reply',
    'publishOrderCreated:send:-',
    'publishOrderCancelled:send:-',
    'publishOrderShipped:send:-',
  ]);
  const reply = document!.operations().get('createOrder')!.reply()!;
  assert.is(reply.address()?.location(), '$message.header#/replyTo');
});

test('customer-service.asyncapi.yaml: AsyncAPI 2.6 over Kafka', async () => {
  const { document } = await parse('customer-service.asyncapi.yaml');
  assert.is(document!.version(), '2.6.0');
  assert.is(document!.info().title(), 'Customer Service');
  assert.equal(
    document!.channels().all().map((c) => c.address()),
    ['customer-service.v1.{region}.commands', 'customer-service.v1.{region}.events'],
  );
});

for (const file of topLevel) {
  test(`${file}: every $ref resolves, also into other files`, () => {
    const refs = collectRefs(join(specsDir, file));
    assert.ok(refs.length > 20, `found ${refs.length} refs`);
    assert.equal(refs.filter((r) => !r.ok).map((r) => `${r.from}: ${r.ref}`), []);
  });
}

test('order-service.asyncapi.yaml refers into specs/common/', () => {
  const external = collectRefs(join(specsDir, 'order-service.asyncapi.yaml')).filter((r) => !r.ref.startsWith('#'));
  assert.equal([...new Set(external.map((r) => r.ref.split('#')[0]))].sort(), ['./common/headers.yaml', './common/schemas.yaml']);
});

const openapi = loadYaml(join(specsDir, 'orders-api.openapi.yaml')) as Record<string, any>;
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

test('orders-api.openapi.yaml: OpenAPI 3.1.0 with a unique operationId on every operation', () => {
  assert.is(openapi.openapi, '3.1.0');
  const ids = Object.values(openapi.paths as Record<string, any>).flatMap((item) =>
    methods.filter((m) => item[m]).map((m) => item[m].operationId),
  );
  assert.equal(ids, ['listOrders', 'createOrder', 'getOrder', 'putOrder', 'cancelOrder']);
});

test('orders-api.openapi.yaml: every path template variable is a declared path parameter', () => {
  const deref = (p: any) => (p.$ref ? resolvePointer(openapi, p.$ref.slice(1)).value : p) as any;
  const missing: string[] = [];
  for (const [path, item] of Object.entries(openapi.paths as Record<string, any>)) {
    const vars = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const m of methods.filter((k) => item[k])) {
      const declared = [...(item.parameters ?? []), ...(item[m].parameters ?? [])]
        .map(deref)
        .filter((p) => p.in === 'path' && p.required === true)
        .map((p) => p.name);
      for (const v of vars) if (!declared.includes(v)) missing.push(`${m} ${path}: ${v}`);
    }
  }
  assert.equal(missing, []);
});

test('orders-api.openapi.yaml: every example matches its schema', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const id = 'urn:specgate:orders-api';
  ajv.addSchema({ ...openapi, $id: id });
  const deref = (n: any) => (n?.$ref ? resolvePointer(openapi, n.$ref.slice(1)).value : n) as any;
  const failures: string[] = [];
  let checked = 0;
  const check = (schema: any, value: Json, where: string) => {
    checked++;
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${id}#/components/`));
    const validate = ajv.compile(rebased);
    if (!validate(value)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
  };
  const media = (content: Record<string, any> | undefined, where: string) => {
    for (const [type, m] of Object.entries(content ?? {})) {
      for (const [name, example] of Object.entries(m.examples ?? {})) check(m.schema, deref(example).value, `${where} ${type} ${name}`);
    }
  };
  for (const [path, item] of Object.entries(openapi.paths as Record<string, any>)) {
    for (const m of methods.filter((k) => item[k])) {
      const op = item[m];
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref)) {
        if ('example' in p) check(p.schema, p.example, `${m} ${path} parameter ${p.name}`);
      }
      media(op.requestBody?.content, `${m} ${path} request`);
      for (const [status, r] of Object.entries(op.responses as Record<string, any>)) {
        const response = deref(r);
        media(response.content, `${m} ${path} ${status}`);
        for (const [name, h] of Object.entries(response.headers ?? {})) {
          const header = deref(h);
          if ('example' in header) check(header.schema, header.example, `${m} ${path} ${status} header ${name}`);
        }
      }
    }
  }
  assert.equal(failures, []);
  assert.ok(checked >= 30, `checked ${checked} examples`);
});

// specs/protobuf/: a service whose payloads are Protobuf, one in a .proto file, one inline.
test('specs/protobuf/: specgate validate and lint (strict) pass, the .proto file included', () => {
  for (const args of [['validate', 'specs/protobuf'], ['lint', 'specs/protobuf', '--ruleset', 'strict']]) {
    const r = cli(args);
    assert.is(r.status, 0, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  }
});

test.run();
