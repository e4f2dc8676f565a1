import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

export const operationSuccessResponse: LintRule = {
  id: 'operation-success-response',
  description: 'Every HTTP operation documents at least one success response (`2xx` or `3xx`).',
  docs:
    'Clients need to know what a successful call returns, even if it is only `204 No Content`. An operation ' +
    'that documents only errors (or only `default`) leaves the happy path undefined.',
  formats: ['openapi'],
  severity: { minimal: 'warning', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-success-response'], redocly: ['operation-2xx-response'] },
  run({ model }, report) {
    for (const op of model.operations) {
      if (!op.http) continue;
      const statuses = new Set(op.http.responses.map((r) => r.status ?? ''));
      if (![...statuses].some((s) => /^[23]/.test(s) || s === '101'))
        report(at(op.source, 'responses'), `${opName(op)} documents no success response`, 'add a `2xx` response (e.g. `200` with the result, or `204`)');
    }
  },
};
