import { schemaRoots, walkSchemas } from '../../model/schema.js';
import type { SemanticCheck } from './check.js';

/** The discriminator property must be declared and required, or readers cannot tell the variants apart. */
export const discriminatorRequired: SemanticCheck = {
  id: 'discriminator-required',
  description: 'A schema with a `discriminator` lists the discriminating property in `required`.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
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
      title: 'an AsyncAPI 2 discriminator (a property name) that is not required',
      doc: `asyncapi: 2.6.0
info: { title: Pets, version: 1.0.0 }
channels: {}
components:
  schemas:
    Pet:
      type: object
      discriminator: petType
      properties:
        petType: { type: string }
`,
      expect: [{ message: 'discriminator property `petType` is not listed in `required`', range: '8:7-8:29' }],
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
  run(model, report) {
    // A walk over every schema of a large description costs tens of milliseconds; skip it when no file
    // of the document set even mentions a discriminator.
    if (![...model.workspace.files.values()].some((f) => f.text.includes('discriminator'))) return;
    walkSchemas(model.workspace, schemaRoots(model), ({ value, location }) => {
      const d = value.discriminator;
      const prop = typeof d === 'string' ? d : d && typeof d === 'object' ? (d as { propertyName?: unknown }).propertyName : undefined;
      if (typeof prop !== 'string') return;
      // OpenAPI puts the discriminator on a oneOf/anyOf whose branches carry the property: check only schemas that declare properties.
      if (!value.properties) return;
      const required = Array.isArray(value.required) ? value.required : [];
      if (!required.includes(prop)) {
        const source = location();
        report({ file: source.file, pointer: `${source.pointer}/discriminator` }, `discriminator property \`${prop}\` is not listed in \`required\``, `add \`${prop}\` to \`required\``);
      }
    });
  },
};
