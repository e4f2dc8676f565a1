import type { LintRule } from '../types.js';
import { isObj } from './util.js';

export const infoLicense: LintRule = {
  id: 'info-license',
  description: '`info.license` names the licence of the API description (strict only).',
  docs: 'Public APIs should say under which licence the description may be used. Internal contracts rarely need it, so only `strict` asks.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['info-license', 'asyncapi-info-license'], redocly: ['info-license'] },
  examples: () => [
    {
      title: 'no licence',
      doc: 'openapi: 3.1.0\ninfo:\n  title: Orders\n  version: 1.0.0\npaths: {}\n',
      expect: [{ message: '`info` has no `license`', range: '2:1-2:5' }],
    },
    {
      title: 'an MIT licence',
      doc: 'openapi: 3.1.0\ninfo:\n  title: Orders\n  version: 1.0.0\n  license:\n    name: MIT\n    identifier: MIT\npaths: {}\n',
      expect: [],
    },
  ],
  run({ model }, report) {
    const info = model.document.info;
    if (isObj(info) && !isObj(info.license)) report(model.info.source, '`info` has no `license`', 'add `license: { name: MIT, identifier: MIT }` (or your licence)');
  },
};
