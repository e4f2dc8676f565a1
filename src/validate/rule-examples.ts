import type { DocExample } from '../model/rule-example.js';

/** A small valid OpenAPI document: what each rule below passes. */
const orders = `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200':
          description: the orders
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Order' }
components:
  schemas:
    Order: { type: object }
`;

/** `orders` with the response schema's `$ref` replaced. */
const ordersRef = (ref: string) => orders.replace("'#/components/schemas/Order'", `'${ref}'`);

/**
 * Examples of the rules `validate` raises outside a semantic check: the official-schema rules, the `$ref`
 * rules of the loader, and `input-error`. Each semantic check carries its own beside its code.
 */
export const validateExamples: Record<string, DocExample[]> = {
  'input-error': [
    {
      title: 'YAML with a key indented too far',
      doc: `openapi: 3.1.0
info:
  title: Orders
   version: 1.0.0
paths: {}
`,
      expect: [{ message: 'YAML: bad indentation of a mapping entry', range: '4:11-4:11' }],
    },
    {
      title: 'a key written twice',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
info: { title: Payments, version: 1.0.0 }
`,
      expect: [{ message: 'YAML: duplicate key', range: '4:1-4:1' }],
    },
    {
      title: 'JSON cut short',
      doc: '{ "openapi": "3.1.0", "info": { "title": "Orders" }\n',
      expect: [{ message: "invalid JSON: Expected ',' or '}' after property value", range: '2:1-2:1' }],
    },
    {
      title: 'a file that is neither AsyncAPI nor OpenAPI',
      doc: 'title: Orders\nversion: 1.0.0\n',
      expect: [{ message: 'the document has no `asyncapi` or `openapi` field, so its specification is unknown', range: '1:1-1:1' }],
    },
    {
      title: 'a Swagger 2.0 document',
      doc: `swagger: '2.0'
info: { title: Orders, version: 1.0.0 }
paths: {}
`,
      expect: [{ message: 'Swagger 2.0 (OpenAPI 2.0) is not supported; convert it to OpenAPI 3.0 or 3.1', range: '1:1-1:1' }],
    },
    {
      title: 'an AsyncAPI version that does not exist',
      doc: 'asyncapi: 4.0.0\ninfo: { title: Orders, version: 1.0.0 }\n',
      expect: [
        {
          message: 'AsyncAPI 4.0.0 is not supported; supported versions: 2.0.0, 2.1.0, 2.2.0, 2.3.0, 2.4.0, 2.5.0, 2.6.0, 3.0.0, 3.1.0',
          range: '1:1-1:1',
        },
      ],
    },
    { title: 'a document that can be read', doc: orders, expect: [] },
  ],
  'asyncapi-schema': [
    {
      title: '`info` without a version',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
channels:
  orders: { address: orders }
`,
      expect: [{ message: '`info` is missing required `version`', range: '2:1-2:5' }],
    },
    {
      title: 'an AsyncAPI 2 action in an AsyncAPI 3 operation',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders: { address: orders }
operations:
  placeOrder:
    action: publish
    channel: { $ref: '#/channels/orders' }
`,
      expect: [{ message: '`action` in operation `placeOrder` must be one of `send`, `receive`; found `publish`', range: '7:5-7:20' }],
    },
    {
      title: 'a content type that is not a string',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    subscribe:
      message:
        contentType: 42
`,
      expect: [{ message: '`contentType` in message of subscribe operation of channel `orders` must be a string; found the number 42', range: '7:9-7:24' }],
    },
    {
      title: 'an AsyncAPI 3 operation that matches the schema',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders: { address: orders }
operations:
  placeOrder:
    action: send
    channel: { $ref: '#/channels/orders' }
`,
      expect: [],
    },
  ],
  'openapi-schema': [
    {
      title: 'a response without a description',
      doc: `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': {}
`,
      expect: [{ message: 'response `200` of `GET /orders` is missing required `description`', range: '7:9-7:14' }],
    },
    {
      title: 'a Swagger 2.0 body parameter in OpenAPI 3',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters:
        - name: status
          in: body
          schema: { type: string }
      responses:
        '200': { description: the orders }
`,
      expect: [{ message: '`parameters[0].in` in operation `GET /orders` must be one of `query`, `header`, `path`, `cookie`; found `body`', range: '8:11-8:19' }],
    },
    { title: 'a valid OpenAPI 3.1 document', doc: orders, expect: [] },
  ],
  'unresolved-ref': [
    {
      title: 'a schema name that is not among the components',
      doc: ordersRef('#/components/schemas/OrderList'),
      expect: [
        { message: '$ref `#/components/schemas/OrderList` cannot be resolved: no `OrderList` in `/components/schemas` of example.yaml', range: '11:25-11:63' },
      ],
    },
    {
      title: 'a file that does not exist',
      doc: ordersRef('./schemas/no-such-order.yaml'),
      expect: [{ message: '$ref `./schemas/no-such-order.yaml` cannot be resolved: schemas/no-such-order.yaml: no such file', range: '11:25-11:61' }],
    },
    { title: 'a schema that is declared', doc: orders, expect: [] },
  ],
  'cyclic-ref': [
    {
      title: 'two schemas that are only references to each other',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order: { $ref: '#/components/schemas/PurchaseOrder' }
    PurchaseOrder: { $ref: '#/components/schemas/Order' }
`,
      expect: [
        { message: '$ref `#/components/schemas/PurchaseOrder` is a cycle of references with no schema at its end', range: '6:14-6:56' },
        { message: '$ref `#/components/schemas/Order` is a cycle of references with no schema at its end', range: '7:22-7:56' },
      ],
    },
    {
      title: 'a recursive schema (an order of orders) is not a cycle of references',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        items: { type: array, items: { $ref: '#/components/schemas/Order' } }
`,
      expect: [],
    },
  ],
  'remote-ref-disabled': [
    {
      title: 'a schema on a web server',
      doc: ordersRef('https://schemas.example.com/order.yaml'),
      expect: [
        {
          message: 'remote $ref `https://schemas.example.com/order.yaml` not followed; remote references are off by default (use --allow-remote-refs)',
          range: '11:25-11:71',
        },
      ],
    },
    { title: 'a local reference', doc: orders, expect: [] },
  ],
  'invalid-ref-pointer': [
    {
      title: 'a fragment that names a schema instead of pointing at it',
      doc: ordersRef('#Order'),
      expect: [{ message: '$ref `#Order`: the part after `#` is not a JSON pointer; it must start with `/` (`#/Order`)', range: '11:25-11:39' }],
    },
    { title: 'a JSON pointer fragment', doc: orders, expect: [] },
  ],
  // The message names the file's absolute path, so a `../` reference would read differently in every
  // checkout; an absolute one reads the same everywhere (the project is the repository, shown as `.`).
  'ref-outside-project': [
    {
      title: 'a schema in a system folder, outside the repository',
      doc: ordersRef('/etc/specgate/order.yaml'),
      expect: [
        {
          message: '$ref `/etc/specgate/order.yaml` reaches /etc/specgate/order.yaml, outside the project (.); not read (allow a folder with --allow-ref-outside DIR)',
          range: '11:25-11:57',
        },
      ],
    },
    { title: 'a schema inside the document', doc: orders, expect: [] },
  ],
};
