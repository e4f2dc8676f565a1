import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messagePayload: LintRule = {
  id: 'message-payload',
  description: 'Every message declares a payload schema.',
  docs:
    'A message without a payload schema is a contract that promises nothing: receivers cannot validate what ' +
    'arrives, `diff` cannot tell a breaking change, and generated code is untyped. Declare the payload (for a ' +
    'message that truly carries no body, `payload: { type: "null" }` says so).',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.payload) report(m.source, `${msgName(m)} has no payload schema`, 'add `payload:` with a schema (or `{ type: "null" }` for an empty body)');
  },
};
