import type { LintRule } from '../types.js';

export const infoDescription: LintRule = {
  id: 'info-description',
  description: '`info.description` explains what the API is for (strict only).',
  docs: 'The first thing a reader sees: what the service owns, how it is meant to be used, its compatibility promises.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['info-description', 'asyncapi-info-description'] },
  examples: () => [
    {
      title: 'no description',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n',
      expect: [{ message: '`info` has no `description`', range: '2:1-2:5' }],
    },
    {
      title: 'a description that is only blanks',
      doc: "openapi: 3.1.0\ninfo:\n  title: Orders\n  version: 1.0.0\n  description: ' '\npaths: {}\n",
      expect: [{ message: '`info` has no `description`', range: '2:1-2:5' }],
    },
    {
      title: 'a description of what the service owns',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n  description: Owns orders from checkout to delivery; publishes their lifecycle events.\n',
      expect: [],
    },
  ],
  run({ model }, report) {
    if (!model.info.description?.trim()) report(model.info.source, '`info` has no `description`', 'describe what the service owns and how to use its API');
  },
};
