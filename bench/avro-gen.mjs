// A generated AsyncAPI document with 100 Avro payloads, for bench/avro.mjs: half inline, half `$ref` to
// `.avsc` files beside it, records of the kind Kafka services send (nested records, enums, arrays,
// maps, unions with null, timestamp-millis / decimal / uuid), and a second version with a few changes
// for diff. Seeded, so every run (and every machine) measures the same bytes.
//
//   node bench/avro-gen.mjs DIR [--version 2.6.0|3.0.0]  writes DIR/old and DIR/new

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { seeded } from './lib.mjs';

export const AVRO_SCHEMA_FORMAT = 'application/vnd.apache.avro+json;version=1.9.0';
export const MESSAGES = 100;


const ENTITIES = ['Order', 'Payment', 'Shipment', 'Invoice', 'Customer', 'Refund', 'Cart', 'Stock', 'Price', 'Review'];
const EVENTS = ['Created', 'Updated', 'Cancelled', 'Completed', 'Failed', 'Requested', 'Approved', 'Expired', 'Archived', 'Restored'];
const WORDS = ['source', 'channel', 'region', 'reference', 'comment', 'reason', 'label', 'owner', 'segment', 'batch', 'priority', 'carrier', 'warehouse', 'coupon', 'tier'];
const STATUS = ['PENDING', 'ACTIVE', 'ON_HOLD', 'DONE', 'REJECTED', 'RETURNED', 'DISPUTED', 'CLOSED'];

/** One message's Avro record: every schema has its own namespace, so named types never clash. */
function record(i, rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const entity = ENTITIES[i % ENTITIES.length];
  const event = EVENTS[Math.floor(i / ENTITIES.length) % EVENTS.length];
  const ns = `com.example.bench.m${String(i).padStart(3, '0')}`;
  const symbols = STATUS.slice(0, 3 + Math.floor(rand() * (STATUS.length - 3)));
  const extra = [];
  const used = new Set();
  for (let k = 0, n = 2 + Math.floor(rand() * 5); k < n; k++) {
    const name = pick(WORDS);
    if (used.has(name)) continue;
    used.add(name);
    const kind = Math.floor(rand() * 5);
    if (kind === 0) extra.push({ name, type: 'string', doc: `The ${name} the ${entity.toLowerCase()} came with.` });
    else if (kind === 1) extra.push({ name, type: ['null', 'string'], default: null });
    else if (kind === 2) extra.push({ name, type: 'int', default: 0 });
    else if (kind === 3) extra.push({ name, type: { type: 'array', items: 'string' }, default: [] });
    else extra.push({ name, type: 'boolean', default: false });
  }
  return {
    type: 'record',
    name: `${entity}${event}`,
    namespace: ns,
    doc: `${entity} ${event.toLowerCase()}: the whole ${entity.toLowerCase()} after the change.`,
    fields: [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' }, doc: 'Event id, for idempotent consumers.' },
      { name: 'occurredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'sequence', type: 'int', doc: 'Per-key sequence number.' },
      {
        name: 'status',
        type: { type: 'enum', name: 'Status', symbols, default: symbols[0] },
      },
      {
        name: 'amount',
        type: {
          type: 'record',
          name: 'Money',
          fields: [
            { name: 'value', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
            { name: 'currency', type: { type: 'fixed', name: 'CurrencyCode', size: 3 } },
          ],
        },
      },
      {
        name: 'lines',
        type: {
          type: 'array',
          items: {
            type: 'record',
            name: 'Line',
            fields: [
              { name: 'sku', type: 'string' },
              { name: 'quantity', type: 'int' },
              { name: 'unitPrice', type: 'Money' },
              { name: 'discount', type: ['null', 'Money'], default: null },
            ],
          },
        },
      },
      {
        name: 'address',
        type: [
          'null',
          {
            type: 'record',
            name: 'Address',
            fields: [
              { name: 'street', type: 'string' },
              { name: 'city', type: 'string' },
              { name: 'postalCode', type: ['null', 'string'], default: null },
              { name: 'country', type: 'string', default: 'DE' },
            ],
          },
        ],
        default: null,
      },
      { name: 'metadata', type: { type: 'map', values: 'string' }, default: {} },
      ...extra,
    ],
  };
}

/**
 * The second version: a handful of the changes teams make, some compatible (a field with a default,
 * an int widened to long, a new enum symbol, an alias), some not (a field without a default, a symbol
 * removed, a type changed), in inline and in `.avsc` payloads alike.
 */
const MUTATIONS = [
  [3, (r) => r.fields.push({ name: 'channelId', type: ['null', 'string'], default: null })],
  [4, (r) => r.fields.push({ name: 'tenant', type: 'string' })],
  [10, (r) => (r.fields.find((f) => f.name === 'sequence').type = 'long')],
  [11, (r) => r.fields.find((f) => f.name === 'status').type.symbols.push('ESCALATED')],
  [20, (r) => r.fields.find((f) => f.name === 'status').type.symbols.splice(1, 1)],
  [21, (r) => (r.fields.find((f) => f.name === 'sequence').type = 'string')],
  [30, (r) => Object.assign(r.fields.find((f) => f.name === 'metadata'), { name: 'attributes', aliases: ['metadata'] })],
  [31, (r) => r.fields.splice(r.fields.findIndex((f) => f.name === 'address'), 1)],
  [40, (r) => (r.fields.find((f) => f.name === 'occurredAt').type.logicalType = 'timestamp-micros')],
  [41, (r) => (r.fields.find((f) => f.name === 'amount').type.fields[1].type.size = 4)],
];
export const MUTATED = MUTATIONS.length;

/** The document of one version: messages with even index inline, odd ones `$ref` to `schemas/<name>.avsc`. */
function documentFor(version, schemas) {
  const v3 = version.startsWith('3.');
  const tags = [{ name: 'commerce', description: 'Events of the commerce platform.' }];
  const doc = {
    asyncapi: version,
    info: {
      title: 'Commerce events',
      version: '1.0.0',
      description: `${schemas.length} Kafka topics with Avro payloads, generated by bench/avro-gen.mjs.`,
      contact: { name: 'Commerce platform', url: 'https://example.com/commerce', email: 'commerce@example.com' },
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      // 3.0 moved the document's tags into info.
      ...(v3 ? { tags } : {}),
    },
    ...(v3 ? {} : { tags }),
    id: 'urn:example:commerce-events',
    defaultContentType: 'application/vnd.apache.avro',
    servers: v3
      ? { kafka: { host: 'localhost:9092', protocol: 'kafka', description: 'The Kafka cluster.' } }
      : { kafka: { url: 'localhost:9092', protocol: 'kafka', description: 'The Kafka cluster.' } },
    channels: {},
    ...(v3 ? { operations: {} } : {}),
    components: { messages: {} },
  };
  schemas.forEach(({ name, schema, file }, i) => {
    const channel = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    const address = `commerce.${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.v1`;
    const ref = `#/components/messages/${name}`;
    const payloadSchema = file ? { $ref: `./${file}` } : schema;
    const message = {
      ...(v3 ? {} : { messageId: name }),
      name,
      title: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
      summary: `One ${name} event per change, keyed by the entity id.`,
      contentType: 'application/vnd.apache.avro',
      ...(v3 ? { payload: { schemaFormat: AVRO_SCHEMA_FORMAT, schema: payloadSchema } } : { schemaFormat: AVRO_SCHEMA_FORMAT, payload: payloadSchema }),
    };
    doc.components.messages[name] = message;
    const action = i % 3 === 0 ? 'receive' : 'send';
    if (v3) {
      doc.channels[channel] = { address, messages: { [name]: { $ref: ref } } };
      doc.operations[`${action}${name}`] = {
        action,
        channel: { $ref: `#/channels/${channel}` },
        summary: `${action === 'send' ? 'Publish' : 'Consume'} ${name}.`,
        messages: [{ $ref: `#/channels/${channel}/messages/${name}` }],
      };
    } else {
      // 2.x names the application's own operations: `publish` is what it receives.
      const op = action === 'receive' ? 'publish' : 'subscribe';
      doc.channels[address] = { [op]: { operationId: `${action}${name}`, summary: `${action === 'send' ? 'Publish' : 'Consume'} ${name}.`, message: { $ref: ref } } };
    }
  });
  return doc;
}

/** Write `dir/old` and `dir/new` (each `asyncapi.yaml` + `schemas/*.avsc`); returns their document paths. */
export function writeAvroDocs(dir, { version = '2.6.0', seed = 0x5eed } = {}) {
  const rand = seeded(seed);
  const base = [];
  for (let i = 0; i < MESSAGES; i++) {
    const schema = record(i, rand);
    // The record names repeat across namespaces; message names must not.
    const name = `${schema.name}${String(i).padStart(3, '0')}`;
    base.push({ name, schema, file: i % 2 ? `schemas/${name}.avsc` : undefined });
  }
  const mutations = new Map(MUTATIONS);
  const revised = base.map((m, i) => {
    const schema = structuredClone(m.schema);
    mutations.get(i)?.(schema);
    return { ...m, schema };
  });
  const out = {};
  for (const [side, schemas] of [
    ['old', base],
    ['new', revised],
  ]) {
    const root = path.join(dir, side);
    mkdirSync(path.join(root, 'schemas'), { recursive: true });
    for (const { schema, file } of schemas) if (file) writeFileSync(path.join(root, file), `${JSON.stringify(schema, null, 2)}\n`);
    const file = path.join(root, 'asyncapi.yaml');
    writeFileSync(file, YAML.stringify(documentFor(version, schemas), { lineWidth: 0, aliasDuplicateObjects: false }));
    out[side] = file;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, flag, version] = process.argv.slice(2);
  if (!dir || (flag && flag !== '--version')) {
    process.stderr.write('usage: node bench/avro-gen.mjs DIR [--version 2.6.0|3.0.0]\n');
    process.exit(2);
  }
  const files = writeAvroDocs(path.resolve(dir), version ? { version } : {});
  process.stdout.write(`${files.old}\n${files.new}\n`);
}
