import type { SemanticCheck } from './check.js';

/** OpenAPI: `/orders/{id}` and `/orders/{orderId}` are the same template; a router cannot tell them apart. */
export const duplicatePaths: SemanticCheck = {
  id: 'duplicate-path',
  description: 'No two OpenAPI path templates are equal once parameter names are ignored.',
  formats: ['openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'the same path written with two parameter names',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: the order }
  /orders/{id}:
    delete:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '204': { description: the order is cancelled }
`,
      expect: [{ message: 'path `/orders/{id}` is the same template as `/orders/{orderId}` (only parameter names differ)', range: '10:3-10:15' }],
    },
    {
      title: 'a fixed segment beside a parameter',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/mine:
    get:
      responses:
        '200': { description: the caller's orders }
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: the order }
`,
      expect: [],
    },
  ],
  run(model, report) {
    const seen = new Map<string, string>();
    for (const ch of model.channels) {
      const shape = ch.id.replace(/\{[^}]*\}/g, '{}');
      const prev = seen.get(shape);
      if (prev !== undefined) report(ch.source, `path \`${ch.id}\` is the same template as \`${prev}\` (only parameter names differ)`);
      else seen.set(shape, ch.id);
    }
  },
};
