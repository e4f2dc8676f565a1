import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationTags: LintRule = {
  id: 'operation-tags',
  description: 'Every operation has at least one tag (strict only).',
  docs: 'Tags group operations in generated docs and clients. Small APIs do fine without, so only `strict` asks.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['operation-tags'] },
  examples: () => [
    {
      title: 'an untagged HTTP operation',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        '200':
          description: The orders.
`,
      expect: [{ message: '`GET /orders` has no tags', range: '7:5-7:8' }],
    },
    {
      title: 'an AsyncAPI 3 operation tagged by a `$ref` to `components.tags`',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orderCreated:
    address: orders.created
operations:
  publishOrderCreated:
    action: send
    channel:
      $ref: '#/channels/orderCreated'
    tags:
      - $ref: '#/components/tags/orders'
components:
  tags:
    orders:
      name: orders
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const op of model.operations) {
      // Tags may be `$ref`s to `components.tags` (AsyncAPI 3), which the model does not name.
      const raw = model.workspace.get(op.source) as { tags?: unknown } | undefined;
      if (op.tags.length === 0 && !(Array.isArray(raw?.tags) && raw.tags.length > 0)) report(op.source, `${opName(op)} has no tags`, 'add `tags:`');
    }
  },
};
