import type { NodeLocation } from '../../load/workspace.js';
import type { SemanticCheck } from './check.js';

function duplicates<T>(items: T[], key: (t: T) => string | undefined, at: (t: T) => NodeLocation, what: string, report: (l: NodeLocation, m: string) => void) {
  const first = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const prev = first.get(k);
    if (prev && at(prev).pointer !== at(item).pointer) report(at(item), `${what} \`${k}\` is used more than once (first at \`${at(prev).pointer}\`)`);
    else if (!prev) first.set(k, item);
  }
}

/** operationIds (and AsyncAPI 2 messageIds) are unique in the document. */
export const duplicateIds: SemanticCheck = {
  id: 'duplicate-id',
  description: '`operationId`s, and AsyncAPI 2 `messageId`s, are unique within a document.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  run(model, report) {
    duplicates(model.operations, (o) => o.operationId, (o) => ({ file: o.source.file, pointer: `${o.source.pointer}/operationId` }), 'operationId', report);
    if (model.format === 'asyncapi' && model.specVersion.startsWith('2')) {
      const withId = model.messages.filter((m) => typeof (model.workspace.get(m.source) as { messageId?: unknown })?.messageId === 'string');
      duplicates(withId, (m) => m.id, (m) => ({ file: m.source.file, pointer: `${m.source.pointer}/messageId` }), 'messageId', report);
    }
  },
};
