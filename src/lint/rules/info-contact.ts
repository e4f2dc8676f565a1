import type { LintRule } from '../types.js';
import { at, isObj } from './util.js';

export const infoContact: LintRule = {
  id: 'info-contact',
  description: '`info.contact` says who owns the API (strict only).',
  docs: 'A contact (team name, URL, e-mail) tells consumers whom to ask. Useful in a catalogue of many APIs; not a design problem, so only `strict` asks for it.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'off', strict: 'warning' },
  equivalents: { spectral: ['info-contact', 'asyncapi-info-contact'], redocly: ['info-contact'] },
  examples: () => [
    {
      title: 'no contact',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n',
      expect: [{ message: '`info` has no `contact`', range: '2:1-2:5' }],
    },
    {
      title: 'a contact with a name only',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n  contact:\n    name: Orders team\n',
      expect: [{ message: '`info.contact` has neither a `url` nor an `email`', range: '5:3-5:10' }],
    },
    {
      title: 'a contact with an e-mail',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 1.0.0\n  contact:\n    email: orders@example.com\n',
      expect: [],
    },
  ],
  run({ model }, report) {
    const info = model.document.info;
    if (isObj(info) && !isObj(info.contact)) report(model.info.source, '`info` has no `contact`', 'add `contact: { name, url, email }` of the owning team');
    else if (isObj(info) && isObj(info.contact) && !info.contact.email && !info.contact.url)
      report(at(model.info.source, 'contact'), '`info.contact` has neither a `url` nor an `email`', 'add the team’s `url` or `email`');
  },
};
