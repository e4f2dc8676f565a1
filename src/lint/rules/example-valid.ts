import type { NodeLocation } from '../../load/workspace.js';
import type { ApiModel, Message } from '../../model/types.js';
import { ExampleValidator, type ExampleProblem } from '../example-validator.js';
import type { LintRule } from '../types.js';
import { isJsonSchema } from './correlation-id-field.js';
import { at, isObj, msgName } from './util.js';

interface Check {
  message: Message;
  schema: NodeLocation;
  value: unknown;
  /** Where the example value stands. */
  at: NodeLocation;
  label: string;
}

export const exampleValid: LintRule = {
  id: 'example-valid',
  description: 'Message and media-type examples are valid against their schemas.',
  docs:
    'Examples are what people copy into tests and mocks. An example that its own schema rejects is either a ' +
    'wrong example or a wrong schema, and either way the contract is lying somewhere. OpenAPI 3.1 schemas are ' +
    'checked as JSON Schema 2020-12, OpenAPI 3.0 and AsyncAPI schemas as draft-07 (with `nullable`); formats ' +
    '(`uuid`, `date-time`, `email`, ...) are checked. A required `readOnly` property may be missing from a ' +
    'request example, a `writeOnly` one from a response example. Schemas in other formats (Avro, Protobuf) are skipped.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  equivalents: {
    spectral: ['oas3-valid-media-example', 'asyncapi-payload-examples', 'asyncapi-message-examples'],
    redocly: ['no-invalid-media-type-examples'],
  },
  examples: () => [
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
  const seen = new Set<string>();
  for (const m of model.messages) {
    for (const ex of m.examples) {
      const d = ws.deref<unknown>(ws.get(ex.source), ex.source);
      if (!d) continue;
      const key = `${d.location.file}#${d.location.pointer}|${m.source.file}#${m.source.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (model.format === 'openapi') {
        if (!m.payload) continue;
        const isMediaExample = ex.source.pointer.endsWith('/example');
        if (isMediaExample) checks.push({ message: m, schema: m.payload.source, value: d.value, at: d.location, label: 'example' });
        else if (isObj(d.value) && Object.hasOwn(d.value, 'value'))
          checks.push({ message: m, schema: m.payload.source, value: d.value.value, at: at(d.location, 'value'), label: `example \`${ex.source.pointer.split('/').pop()}\`` });
      } else if (isObj(d.value)) {
        const name = typeof d.value.name === 'string' ? `example \`${d.value.name}\`` : `example ${ex.source.pointer.split('/').pop()}`;
        if (m.payload && Object.hasOwn(d.value, 'payload') && isJsonSchema(m, 'payload'))
          checks.push({ message: m, schema: m.payload.source, value: d.value.payload, at: at(d.location, 'payload'), label: `payload of ${name}` });
        if (m.headers && Object.hasOwn(d.value, 'headers') && isJsonSchema(m, 'header'))
          checks.push({ message: m, schema: m.headers.source, value: d.value.headers, at: at(d.location, 'headers'), label: `headers of ${name}` });
      }
    }
  }
  if (checks.length === 0) return [];
  const validator = await ExampleValidator.create(model);
  const out: ExampleOutcome[] = [];
  for (const c of checks) {
    const direction = model.format !== 'openapi' ? undefined : c.message.status !== undefined ? 'response' : 'request';
    const owner = model.format === 'openapi' ? `\`${c.message.id}\`` : msgName(c.message);
    for (const problem of validator.validate(c.schema, c.value, direction))
      out.push({
        at: { file: c.at.file, pointer: c.at.pointer + problem.instancePath },
        label: `${c.label} of ${owner}`,
        where: problem.instancePath ? ` at \`${problem.instancePath}\`` : '',
        problem,
      });
  }
  return out;
}
