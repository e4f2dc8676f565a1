import semver from 'semver';
import type { LintRule } from '../types.js';
import { at, majorVersionsIn } from './util.js';

export const versionInAddress: LintRule = {
  id: 'version-in-address',
  description: 'A major version in a channel address, path or server URL (`/v2/`, `.v2.`) agrees with `info.version`’s major.',
  docs:
    'When the major version is part of addresses, it must move with `info.version`: a document at `2.1.0` that ' +
    'still publishes to `orders.v1.created` (or serves `/v1/orders`) means one of them was not updated, and ' +
    'consumers of the old major would get the new, incompatible messages.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a v1 channel in a document at 2.1.0',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 2.1.0
channels:
  orderCreated:
    address: orders.v1.created
`,
      expect: [{ message: 'channel address `orders.v1.created` carries major version 1, but `info.version` is `2.1.0`', range: '7:5-7:31' }],
    },
    {
      title: 'an OpenAPI path and server URL a major behind',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 3.0.0
servers:
  - url: https://api.example.com/v2
paths:
  /v2/orders:
    get:
      responses:
        '200':
          description: The orders.
`,
      expect: [
        { message: 'server URL `https://api.example.com/v2` carries major version 2, but `info.version` is `3.0.0`', range: '6:5-6:36' },
        { message: 'path `/v2/orders` carries major version 2, but `info.version` is `3.0.0`', range: '8:3-8:13' },
      ],
    },
    {
      title: 'addresses and version on the same major',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 2.1.0
channels:
  orderCreated:
    address: orders.v2.created
`,
      expect: [],
    },
    {
      title: 'a date as the version: no major to compare',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: '2024-03-01'
channels:
  orderCreated:
    address: orders.v1.created
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const parsed = semver.coerce(model.info.version);
    // Only versions that are semver-like (`2.1.0`, `v2`, `2.1`): a date (`2023-09-12`) has no major to compare.
    if (!parsed || !/^\s*v?\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?\s*$/.test(model.info.version) || /^\d{4}-\d{2}/.test(model.info.version)) return;
    const major = parsed.major;
    const check = (text: string, loc: ReturnType<typeof at>, what: string) => {
      const found = majorVersionsIn(text).find((v) => v !== major);
      if (found !== undefined)
        report(loc, `${what} \`${text}\` carries major version ${found}, but \`info.version\` is \`${model.info.version}\``, `bump \`info.version\` to ${found}.x.y or move the ${what} to v${major}`);
    };
    for (const ch of model.channels) {
      const text = ch.address ?? ch.id;
      const loc = model.format === 'asyncapi' && !model.specVersion.startsWith('2') ? at(ch.source, 'address') : ch.source;
      check(text, loc, model.format === 'openapi' ? 'path' : 'channel address');
    }
    for (const s of model.servers) check(s.url, model.format === 'asyncapi' && !model.specVersion.startsWith('2') ? s.source : at(s.source, 'url'), 'server URL');
  },
};
