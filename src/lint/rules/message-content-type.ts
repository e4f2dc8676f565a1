import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messageContentType: LintRule = {
  id: 'message-content-type',
  description: 'Every message has a content type, its own `contentType` or the document’s `defaultContentType`.',
  docs:
    'Receivers need to know how to decode the bytes (JSON, Avro, Protobuf). Set `defaultContentType` once at ' +
    'the top of the document, and `contentType` on the messages that differ.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.contentType) report(m.source, `${msgName(m)} has no content type and the document sets no \`defaultContentType\``, 'add `defaultContentType: application/json` at the top of the document');
  },
};
