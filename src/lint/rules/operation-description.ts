import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationDescription: LintRule = {
  id: 'operation-description',
  description: 'Every operation has a `summary` or a `description`.',
  docs:
    'An operation’s id says what it is called, not what it does or promises (idempotency, ordering, side ' +
    'effects). One line of `summary` is enough for most; add a `description` for the rest.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-description', 'asyncapi-operation-description'], redocly: ['operation-summary', 'operation-description'] },
  run({ model }, report) {
    for (const op of model.operations)
      if (!op.summary?.trim() && !op.description?.trim() && !op.title?.trim())
        report(op.source, `${opName(op)} has neither a summary nor a description`, 'add `summary:` with one line on what it does');
  },
};
