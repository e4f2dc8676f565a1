import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationTags: LintRule = {
  id: 'operation-tags',
  description: 'Every operation has at least one tag (strict only).',
  docs: 'Tags group operations in generated docs and clients. Small APIs do fine without, so only `strict` asks.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['operation-tags'] },
  run({ model }, report) {
    for (const op of model.operations) {
      // Tags may be `$ref`s to `components.tags` (AsyncAPI 3), which the model does not name.
      const raw = model.workspace.get(op.source) as { tags?: unknown } | undefined;
      if (op.tags.length === 0 && !(Array.isArray(raw?.tags) && raw.tags.length > 0)) report(op.source, `${opName(op)} has no tags`, 'add `tags:`');
    }
  },
};
