import { reportOptionalDiscriminators } from '../../validate/checks/discriminator.js';
import type { LintRule } from '../types.js';

export const discriminatorPropertyRequired: LintRule = {
  id: 'discriminator-property-required',
  description: 'An OpenAPI schema with a `discriminator` lists the discriminating property in `required`.',
  docs:
    'A discriminator tells readers which variant a payload is by one property. When that property may be left ' +
    'out, a payload without it matches no mapping and readers cannot tell the variants apart. OpenAPI does not ' +
    'make this a MUST (3.0 is silent, 3.1 says the property SHOULD be required), so valid documents may omit it; ' +
    'AsyncAPI does, and there `validate` reports it as `discriminator-required`.',
  formats: ['openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a discriminator property that may be left out',
      doc: `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths: {}
components:
  schemas:
    Pet:
      type: object
      discriminator: { propertyName: petType }
      properties:
        petType: { type: string }
        name: { type: string }
      required: [name]
`,
      expect: [{ message: 'discriminator property `petType` is not listed in `required`', range: '8:7-8:20' }],
    },
    {
      title: 'a discriminator on a `oneOf` whose variants require the property',
      doc: `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths: {}
components:
  schemas:
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator: { propertyName: petType }
    Cat:
      type: object
      properties: { petType: { const: cat } }
      required: [petType]
    Dog:
      type: object
      properties: { petType: { const: dog } }
      required: [petType]
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    reportOptionalDiscriminators(model, report);
  },
};
