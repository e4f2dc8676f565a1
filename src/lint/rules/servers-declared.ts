import type { LintRule } from '../types.js';
import { at } from './util.js';

export const serversDeclared: LintRule = {
  id: 'servers-declared',
  description: 'The document declares its servers (brokers or base URLs).',
  docs:
    'Clients find a service through its servers: the broker and protocol for messaging, the base URL for HTTP. ' +
    'Without them, generated clients and readers guess. Declare them with variables for what differs per ' +
    'environment (`{host}`), so one document serves every environment.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['asyncapi-servers', 'oas3-api-servers'], redocly: ['no-empty-servers'] },
  examples: () => [
    {
      title: 'channels, but no servers',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
`,
      expect: [{ message: 'the document declares no servers', range: '1:1-1:2' }],
    },
    {
      title: 'an empty `servers` list',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
servers: []
paths:
  /orders:
    get:
      responses:
        '200':
          description: The orders.
`,
      expect: [{ message: 'the document declares no servers', range: '5:1-5:8' }],
    },
    {
      title: 'an OpenAPI document without operations yet',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths: {}
`,
      expect: [{ message: 'the document declares no servers', range: '1:1-1:2' }],
    },
    {
      title: 'a shared schema library (components only)',
      doc: `asyncapi: 3.0.0
info:
  title: Common schemas
  version: 1.0.0
components:
  schemas:
    Money: { type: object }
`,
      expect: [],
    },
    {
      title: 'an OpenAPI document with webhooks only: the subscribers host them, not this service',
      doc: `openapi: 3.1.0
info:
  title: Order events
  version: 1.0.0
webhooks:
  orderCreated:
    post:
      responses:
        '204':
          description: Received.
`,
      expect: [],
    },
    {
      title: 'a server whose host is a variable',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  broker:
    host: '{host}:9092'
    protocol: kafka
    variables:
      host:
        default: localhost
channels:
  orderCreated:
    address: orders.created
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    // Silent only on a shared schema library: a document with components and no paths, webhooks,
    // channels or operations at all, which other documents `$ref` and no client connects to.
    const library = !['paths', 'webhooks', 'channels', 'operations'].some((k) => model.document[k] !== undefined);
    // OpenAPI `servers` are where `paths` are served; webhook requests go to URLs the subscribers
    // register, so a webhooks-only document has nothing to declare.
    const webhooksOnly = model.format === 'openapi' && model.document.paths === undefined && model.document.webhooks !== undefined;
    if (model.servers.length === 0 && !library && !webhooksOnly)
      report(model.document.servers !== undefined ? at({ file: model.file, pointer: '' }, 'servers') : { file: model.file, pointer: '' }, 'the document declares no servers', 'add `servers:` with a `{host}` variable');
  },
};
