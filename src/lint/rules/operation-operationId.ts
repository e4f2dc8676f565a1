import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const operationOperationId: LintRule = {
  id: 'operation-operationId',
  description: 'Every operation has an `operationId`.',
  docs:
    'Generated clients, handlers and docs name operations by their `operationId`; without one, tools invent ' +
    'names from paths or channels, which change when the path does. (Uniqueness is checked by `duplicate-id`.)',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['operation-operationId', 'asyncapi-operation-operationId'], redocly: ['operation-operationId'] },
  run({ model }, report) {
    for (const op of model.operations)
      if (op.operationId === undefined) report(op.source, `${opName(op)} has no \`operationId\``, 'add `operationId:` in camelCase, e.g. `createOrder`');
  },
};
