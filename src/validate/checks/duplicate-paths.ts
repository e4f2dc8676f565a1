import type { SemanticCheck } from './check.js';

/** OpenAPI: `/orders/{id}` and `/orders/{orderId}` are the same template; a router cannot tell them apart. */
export const duplicatePaths: SemanticCheck = {
  id: 'duplicate-path',
  description: 'No two OpenAPI path templates are equal once parameter names are ignored.',
  formats: ['openapi'],
  severity: 'error',
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
