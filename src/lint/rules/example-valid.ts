import type { NodeLocation } from '../../load/workspace.js';
import { payloadFormat, type PayloadFormat } from '../../formats/index.js';
import { schemaRoots, walkSchemas } from '../../model/schema.js';
import type { ApiModel, Parameter, SchemaNode } from '../../model/types.js';
import { type Direction, ExampleValidator, type ExampleProblem } from '../example-validator.js';
import type { LintRule } from '../types.js';
import { isJsonSchema } from './correlation-id-field.js';
import { at, isObj, msgName, opName } from './util.js';

interface Check {
  schema: NodeLocation;
  value: unknown;
  /** Where the example value stands. */
  at: NodeLocation;
  /** What the example is, with its owner: "payload of example `small` of message `OrderCreated`". */
  label: string;
  /** OpenAPI: requests may leave out required readOnly properties, responses writeOnly ones. */
  direction: Direction;
}

/** A message example whose schema is in another format (Avro, Protobuf): the format checks it. */
interface FormatCheck {
  format: PayloadFormat;
  node: SchemaNode;
  value: unknown;
  at: NodeLocation;
  label: string;
}

export const exampleValid: LintRule = {
  id: 'example-valid',
  description: 'Message, media-type, parameter, header and schema examples are valid against their schemas.',
  docs:
    'Examples are what people copy into tests and mocks. An example that its own schema rejects is either a ' +
    'wrong example or a wrong schema, and either way the contract is lying somewhere. Checked: message and ' +
    'media-type examples, OpenAPI parameter and response-header `example`/`examples`, and every schema\'s own ' +
    '`example` (OpenAPI) and `examples` list (OpenAPI 3.1, AsyncAPI), in components no operation uses too. OpenAPI 3.1 schemas are ' +
    'checked as JSON Schema 2020-12, OpenAPI 3.0 and AsyncAPI schemas as draft-07 (with `nullable`); formats ' +
    '(`uuid`, `date-time`, `email`, ...) are checked. A required `readOnly` property may be missing from a ' +
    'request example, a `writeOnly` one from a response example. Message examples of Avro payloads are checked ' +
    'against the Avro schema in the JSON form AsyncAPI examples use (union values unwrapped, `bytes` as strings, a ' +
    'field may be left out when it has a default or is nullable), Protobuf payloads against the root message in ' +
    "Protobuf's JSON mapping (JSON or .proto field names, 64-bit integers as numbers or strings, unknown fields " +
    'rejected); the finding names the path and the Avro or Protobuf type. Schemas in other formats (RAML, ...) are skipped.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  equivalents: {
    spectral: ['oas3-valid-media-example', 'oas3-valid-schema-example', 'asyncapi-payload-examples', 'asyncapi-message-examples'],
    redocly: ['no-invalid-media-type-examples'],
  },
  examples: () => [
    {
      title: 'a query parameter example of the wrong type',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - name: limit
          in: query
          schema: { type: integer, maximum: 100 }
          example: ten
        - name: X-Request-Id
          in: header
          schema: { type: string, format: uuid }
          examples:
            first: { value: 1b4e28ba-2fa1-11d2-883f-0016d3cca427 }
      responses:
        '200':
          description: The orders.
          headers:
            X-Rate-Limit:
              schema: { type: integer }
              example: 12.5
`,
      expect: [
        { message: 'example of parameter `limit` of `GET /orders` does not match its schema: must be integer', range: '10:11-10:23' },
        { message: 'example of response header `X-Rate-Limit` of `GET /orders 200` does not match its schema: must be integer', range: '22:15-22:28' },
      ],
    },
    {
      title: "a schema's own example, used by no operation",
      doc: `openapi: 3.0.3
info: { title: Accounts, version: 1.0.0 }
paths: {}
components:
  schemas:
    Account:
      type: object
      properties:
        balance: { type: number, example: lots }
`,
      expect: [{ message: 'example of schema `#/components/schemas/Account/properties/balance` does not match its schema: must be number', range: '9:34-9:47' }],
    },
    {
      title: 'an AsyncAPI payload `examples` item',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload:
          type: object
          required: [orderId]
          properties:
            orderId: { type: string }
          examples:
            - { orderId: a-1 }
            - { id: a-2 }
`,
      expect: [{ message: 'example 1 of schema `#/channels/orderCreated/messages/OrderCreated/payload` does not match its schema: must have required property `orderId`', range: '15:15-15:16' }],
    },
    {
      title: 'a message example with a wrong type',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
    messages:
      OrderCreated:
        payload:
          type: object
          required: [orderId]
          properties:
            orderId: { type: string, format: uuid }
            total: { type: number }
        examples:
          - name: small order
            payload: { orderId: 1b4e28ba-2fa1-11d2-883f-0016d3cca427, total: '12.50' }
`,
      expect: [
        {
          message: 'payload of example `small order` of message `OrderCreated` does not match its schema at `/total`: must be number',
          range: '18:71-18:85',
        },
      ],
    },
    {
      title: 'an example of an Avro payload with a wrong type and a missing field',
      doc: `asyncapi: 3.0.0
info: { title: Users, version: 1.0.0 }
channels:
  users:
    address: users
    messages:
      UserSignedUp:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
            type: record
            name: User
            fields:
              - { name: id, type: string }
              - { name: age, type: int }
              - { name: nickname, type: ['null', string] }
              - { name: plan, type: { type: enum, name: Plan, symbols: [FREE, PRO] }, default: FREE }
        examples:
          - name: teen
            payload: { id: u-1, age: '15' }
          - name: nameless
            payload: { age: 40, plan: GOLD }
          - name: complete
            payload: { id: u-2, age: 33, nickname: { string: max }, plan: PRO }
`,
      expect: [
        { message: 'payload of example `teen` of message `UserSignedUp` does not match its schema at `/age`: must be `int`', range: '20:33-20:42' },
        { message: 'payload of example `nameless` of message `UserSignedUp` does not match its schema: must have field `id` of record `User` (it has no default)', range: '22:13-22:20' },
        { message: 'payload of example `nameless` of message `UserSignedUp` does not match its schema at `/plan`: must be a symbol of enum `Plan`: `FREE`, `PRO`', range: '22:33-22:43' },
      ],
    },
    {
      title: 'an example of a Protobuf payload in its JSON mapping',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: |
            syntax = "proto3";
            message Order {
              string order_id = 1;
              int64 total_cents = 2;
              repeated Line lines = 3;
            }
            message Line { string sku = 1; uint32 quantity = 2; }
        examples:
          - name: two lines
            payload: { orderId: o-1, total_cents: '1250', lines: [{ sku: A-1, quantity: 2 }, { sku: B-2, quantity: -1 }] }
          - name: with a coupon
            payload: { order_id: o-2, coupon: SPRING }
`,
      expect: [
        {
          message:
            'payload of example `two lines` of message `OrderPlaced` does not match its schema at `/lines/1/quantity`: must be `uint32` (a 32-bit integer, as a number or a decimal string)',
          range: '20:106-20:118',
        },
        { message: 'payload of example `with a coupon` of message `OrderPlaced` does not match its schema at `/coupon`: is not a field of message `Order`', range: '22:39-22:53' },
      ],
    },
    {
      title: 'an example of a component message that no operation uses yet',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels: {}
components:
  messages:
    OrderCancelled:
      payload:
        type: object
        properties:
          orderId: { type: string }
      headers:
        type: object
        properties:
          retries: { type: integer }
      examples:
        - name: late
          payload: { orderId: 7 }
          headers: { retries: two }
`,
      expect: [
        { message: 'payload of example `late` of message `OrderCancelled` does not match its schema at `/orderId`: must be string', range: '17:22-17:32' },
        { message: 'headers of example `late` of message `OrderCancelled` does not match its schema at `/retries`: must be integer', range: '18:22-18:34' },
      ],
    },
    {
      title: 'an OpenAPI response example missing a required field',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    get:
      responses:
        '200':
          description: The orders.
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties:
                  orders: { type: array }
              example: { items: [] }
`,
      expect: [{ message: 'example of `GET /orders 200 application/json` does not match its schema: must have required property `orders`', range: '18:15-18:22' }],
    },
    {
      title: 'a request example without the read-only id',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [id, sku]
              properties:
                id: { type: string, readOnly: true }
                sku: { type: string }
            examples:
              oneItem:
                value: { sku: ABC-123 }
      responses:
        '201':
          description: Created.
`,
      expect: [],
    },
  ],
  async run({ model }, report) {
    for (const o of await checkExamples(model))
      if (!o.problem.unchecked)
        report(o.at, `${o.label} does not match its schema${o.where}: ${o.problem.message}`, 'fix the example, or the schema if the example is right');
  },
};

export interface ExampleOutcome {
  /** Where the finding stands: the example value, or the part of it the problem is about. */
  at: NodeLocation;
  /** `example of \`GET /things response 200 application/json\``, `payload of example \`x\` of message \`M\``. */
  label: string;
  /** ` at \`/name\`` or ''. */
  where: string;
  problem: ExampleProblem;
}

/** Every example's problem (or reason for no verdict), worked out once per model for example-valid and example-checkable. */
const outcomes = new WeakMap<ApiModel, Promise<ExampleOutcome[]>>();

export function checkExamples(model: ApiModel): Promise<ExampleOutcome[]> {
  let p = outcomes.get(model);
  if (!p) outcomes.set(model, (p = run(model)));
  return p;
}

async function run(model: ApiModel): Promise<ExampleOutcome[]> {
  const ws = model.workspace;
  const checks: Check[] = [];
  const formatChecks: FormatCheck[] = [];
  const seen = new Set<string>();
  const once = (where: NodeLocation, owner: NodeLocation) => {
    const key = `${where.file}#${where.pointer}|${owner.file}#${owner.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const openapi = model.format === 'openapi';
  // Unused component messages too: an example is copied whether or not an operation uses its message yet.
  for (const m of [...model.messages, ...(model.unusedMessages ?? [])]) {
    const owner = openapi ? `\`${m.id}\`` : msgName(m);
    const direction: Direction = !openapi ? undefined : m.status !== undefined ? 'response' : 'request';
    for (const ex of m.examples) {
      const d = ws.deref<unknown>(ws.get(ex.source), ex.source);
      if (!d || !once(d.location, m.source)) continue;
      if (openapi) {
        if (!m.payload) continue;
        const isMediaExample = ex.source.pointer.endsWith('/example');
        if (isMediaExample) checks.push({ schema: m.payload.source, value: d.value, at: d.location, label: `example of ${owner}`, direction });
        else if (isObj(d.value) && Object.hasOwn(d.value, 'value'))
          checks.push({ schema: m.payload.source, value: d.value.value, at: at(d.location, 'value'), label: `example \`${ex.source.pointer.split('/').pop()}\` of ${owner}`, direction });
      } else if (isObj(d.value)) {
        const name = typeof d.value.name === 'string' ? `example \`${d.value.name}\`` : `example ${ex.source.pointer.split('/').pop()}`;
        for (const [part, node, key] of [['payload', m.payload, 'payload'], ['header', m.headers, 'headers']] as const) {
          if (!node || !Object.hasOwn(d.value, key)) continue;
          const c = { value: d.value[key], at: at(d.location, key), label: `${key} of ${name} of ${owner}` };
          const format = payloadFormat(node.format);
          if (format) formatChecks.push({ ...c, format, node });
          else if (isJsonSchema(m, part)) checks.push({ ...c, schema: node.source, direction });
        }
      }
    }
    for (const h of m.headerParameters ?? []) parameterExamples(h, `response header \`${h.name}\` of ${owner}`, 'response');
  }
  // OpenAPI parameters and response headers: `example`, or `examples` by name with a `value`.
  function parameterExamples(p: Parameter, owner: string, direction: Direction) {
    if (!p.schema || p.schema.format.includes('avro') || p.schema.format.includes('protobuf')) return;
    const d = ws.deref<unknown>(ws.get(p.source), p.source);
    if (!d || !isObj(d.value)) return;
    if (Object.hasOwn(d.value, 'example') && once(at(d.location, 'example'), p.source))
      checks.push({ schema: p.schema.source, value: d.value.example, at: at(d.location, 'example'), label: `example of ${owner}`, direction });
    if (isObj(d.value.examples))
      for (const [name, e] of Object.entries(d.value.examples)) {
        const ed = ws.deref<unknown>(e, at(d.location, 'examples', name));
        if (ed && isObj(ed.value) && Object.hasOwn(ed.value, 'value') && once(ed.location, p.source))
          checks.push({ schema: p.schema.source, value: ed.value.value, at: at(ed.location, 'value'), label: `example \`${name}\` of ${owner}`, direction });
      }
  }
  for (const op of model.operations) for (const p of op.http?.parameters ?? []) parameterExamples(p, `parameter \`${p.name}\` of ${opName(op)}`, 'request');
  // A schema's own `example` (OpenAPI) and `examples` (a list, in JSON Schema: OpenAPI 3.1 and AsyncAPI),
  // wherever the schema stands, used or not.
  const listed = !openapi || model.specVersion.startsWith('3.1');
  if ([...ws.files.values()].some((f) => f.text.includes('example')))
    walkSchemas(ws, schemaRoots(model), ({ value, location }) => {
      if (!isObj(value)) return;
      const hasOne = openapi && Object.hasOwn(value, 'example');
      const hasList = listed && Array.isArray(value.examples);
      if (!hasOne && !hasList) return;
      const where = location();
      const owner = `schema \`#${where.pointer}\``;
      if (hasOne && once(at(where, 'example'), where)) checks.push({ schema: where, value: value.example, at: at(where, 'example'), label: `example of ${owner}`, direction: undefined });
      if (hasList)
        (value.examples as unknown[]).forEach((v, i) => {
          if (once(at(where, 'examples', i), where)) checks.push({ schema: where, value: v, at: at(where, 'examples', i), label: `example ${i} of ${owner}`, direction: undefined });
        });
    });
  const out: ExampleOutcome[] = [];
  for (const c of formatChecks)
    for (const p of c.format.checkExample(c.node, ws, c.value))
      out.push({ at: { file: c.at.file, pointer: c.at.pointer + p.path }, label: c.label, where: p.path ? ` at \`${p.path}\`` : '', problem: { instancePath: p.path, message: p.message, ...(p.unchecked ? { unchecked: 'too-complex' as const } : {}) } });
  if (checks.length === 0) return out;
  const validator = await ExampleValidator.create(model);
  for (const c of checks) {
    for (const problem of validator.validate(c.schema, c.value, c.direction))
      out.push({
        at: { file: c.at.file, pointer: c.at.pointer + problem.instancePath },
        label: c.label,
        where: problem.instancePath ? ` at \`${problem.instancePath}\`` : '',
        problem,
      });
  }
  return out;
}
