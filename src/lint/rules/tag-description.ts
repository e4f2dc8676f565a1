import type { LintRule } from '../types.js';
import { at, isObj } from './util.js';

export const tagDescription: LintRule = {
  id: 'tag-description',
  description: 'Tags declared at the top of the document have a description (strict only).',
  docs: 'A tag groups operations in docs; its description says what the group is about.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['tag-description', 'asyncapi-tag-description'], redocly: ['tag-description'] },
  examples: () => [
    {
      title: 'an OpenAPI tag without a description',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
tags:
  - name: orders
    description: Placing and tracking orders.
  - name: refunds
paths: {}
`,
      expect: [{ message: 'tag `refunds` has no description', range: '8:5-8:6' }],
    },
    {
      title: 'AsyncAPI 3 tags in `info` and in `components.tags`',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
  tags:
    - name: orders
components:
  tags:
    billing:
      name: billing
`,
      expect: [
        { message: 'tag `orders` has no description', range: '6:7-6:8' },
        { message: 'tag `billing` has no description', range: '9:5-9:12' },
      ],
    },
    {
      title: 'every tag described',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
  tags:
    - name: orders
      description: Order lifecycle events.
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const root = { file: model.file, pointer: '' };
    const lists: [unknown, ReturnType<typeof at>][] = [[model.document.tags, at(root, 'tags')]];
    const info = model.document.info;
    if (isObj(info)) lists.push([info.tags, at(root, 'info', 'tags')]);
    const comps = model.document.components;
    if (isObj(comps) && isObj(comps.tags)) for (const [k, t] of Object.entries(comps.tags)) if (isObj(t) && !t.description) report(at(root, 'components', 'tags', k), `tag \`${String(t.name ?? k)}\` has no description`, 'add `description:`');
    for (const [list, loc] of lists)
      if (Array.isArray(list))
        list.forEach((t, i) => {
          if (isObj(t) && typeof t.name === 'string' && !t.description) report(at(loc, i), `tag \`${t.name}\` has no description`, 'add `description:`');
        });
  },
};
