import type { ApiModel } from '../../model/types.js';
import { schemaRoots, walkSchemas } from '../../model/schema.js';
import type { Report, SemanticCheck } from './check.js';

/**
 * Schemas whose discriminator property is not in `required`: readers cannot tell the variants apart.
 * AsyncAPI's Schema Object makes it a MUST (a validate error, below); OpenAPI does not (3.0 says nothing,
 * 3.1 SHOULD), so there it is the lint rule `discriminator-property-required`.
 */
export function reportOptionalDiscriminators(model: ApiModel, report: Report): void {
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
}

export const discriminatorRequired: SemanticCheck = {
  id: 'discriminator-required',
  description: 'An AsyncAPI schema with a `discriminator` lists the discriminating property in `required` (the AsyncAPI Schema Object requires it).',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
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
      title: 'an AsyncAPI 3 discriminator property that is required',
      doc: `asyncapi: 3.0.0
info: { title: Pets, version: 1.0.0 }
components:
  schemas:
    Pet:
      type: object
      discriminator: petType
      properties:
        petType: { type: string }
      required: [petType]
`,
      expect: [],
    },
  ],
  run: reportOptionalDiscriminators,
};
