import semver from 'semver';
import type { LintRule } from '../types.js';
import { at } from './util.js';

export const infoVersionSemver: LintRule = {
  id: 'info-version-semver',
  description: '`info.version` is a semantic version (MAJOR.MINOR.PATCH).',
  docs:
    'The API’s version tells consumers what changed: MAJOR for incompatible changes, MINOR for compatible ' +
    'additions, PATCH for fixes. A date or a free-form label tells them nothing, and `specgate diff` cannot ' +
    'check that the version bump matches the change. Write `1.4.0`.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'a date as the version',
      doc: "asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: '2024-03-01'\n",
      expect: [{ message: '`info.version` `2024-03-01` is not a semantic version', range: '4:3-4:24' }],
    },
    {
      title: 'a version without a patch number',
      doc: "asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: '1.4'\n",
      expect: [{ message: '`info.version` `1.4` is not a semantic version', range: '4:3-4:17' }],
    },
    {
      title: 'a semantic version with a pre-release',
      doc: 'asyncapi: 3.0.0\ninfo:\n  title: Orders\n  version: 2.0.0-beta.1\n',
      expect: [],
    },
  ],
  run({ model }, report) {
    const v = model.info.version;
    if (v === '' || semver.valid(v) !== null) return;
    const coerced = semver.coerce(v);
    report(at(model.info.source, 'version'), `\`info.version\` \`${v}\` is not a semantic version`, coerced && /^v?\d+(\.\d+)?$/.test(v) ? `write \`${coerced.version}\`` : 'write MAJOR.MINOR.PATCH, e.g. `1.0.0`');
  },
};
