import type { NodeLocation } from '../../load/workspace.js';
import type { LintRule } from '../types.js';
import { at, isObj } from './util.js';

const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'];

export const propertyDescription: LintRule = {
  id: 'property-description',
  description: 'Every schema property has a `description` (strict only).',
  docs:
    'A description on every property helps consumers of a public API; on internal contracts, well-named fields ' +
    'usually speak for themselves, so only `strict` asks. Properties that are a `$ref` are described where the ' +
    'referenced schema is.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'info' },
  examples: () => [
    {
      title: 'undescribed properties, nested ones too',
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
          properties:
            orderId: { type: string, description: The order’s id. }
            items:
              type: array
              description: What was ordered.
              items:
                type: object
                properties:
                  sku: { type: string }
`,
      expect: [{ message: 'property `sku` has no description', range: '20:19-20:22' }],
    },
    {
      title: 'a component schema with an undescribed property',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths: {}
components:
  schemas:
    Money:
      type: object
      properties:
        amount: { type: string }
        currency: { type: string, title: ISO 4217 currency code }
`,
      expect: [{ message: 'property `amount` has no description', range: '11:9-11:15' }],
    },
    {
      title: 'described properties and a `$ref`, described where it points',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        total: { $ref: '#/components/schemas/Money' }
    Money:
      type: string
      description: A decimal amount, e.g. "12.50".
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const seen = new Set<string>();
    const walk = (schema: unknown, loc: NodeLocation, depth: number) => {
      if (!isObj(schema) || depth > 64 || '$ref' in schema) return;
      const key = `${loc.file}#${loc.pointer}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (isObj(schema.properties))
        for (const [name, p] of Object.entries(schema.properties)) {
          const ploc = at(loc, 'properties', name);
          if (isObj(p) && !('$ref' in p) && !p.description && !p.title) report(ploc, `property \`${name}\` has no description`, 'add `description:`');
          walk(p, ploc, depth + 1);
        }
      for (const k of SUBSCHEMA_LISTS) if (Array.isArray(schema[k])) (schema[k] as unknown[]).forEach((s, i) => walk(s, at(loc, k, i), depth + 1));
      for (const k of SUBSCHEMAS) if (isObj(schema[k])) walk(schema[k], at(loc, k), depth + 1);
    };
    const comps = model.document.components;
    if (isObj(comps) && isObj(comps.schemas))
      for (const [name, s] of Object.entries(comps.schemas)) walk(s, { file: model.file, pointer: `/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` }, 0);
    for (const m of model.messages) {
      if (m.payload) walk(m.payload.value, m.payload.source, 0);
      if (m.headers) walk(m.headers.value, m.headers.source, 0);
    }
  },
};
