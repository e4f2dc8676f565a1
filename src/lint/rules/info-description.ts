import type { LintRule } from '../types.js';

export const infoDescription: LintRule = {
  id: 'info-description',
  description: '`info.description` explains what the API is for (strict only).',
  docs: 'The first thing a reader sees: what the service owns, how it is meant to be used, its compatibility promises.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['info-description', 'asyncapi-info-description'] },
  run({ model }, report) {
    if (!model.info.description?.trim()) report(model.info.source, '`info` has no `description`', 'describe what the service owns and how to use its API');
  },
};
