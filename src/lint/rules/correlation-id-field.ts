import { parseRuntimeExpression } from '../../model/expression.js';
import { findInstanceSchemas } from '../../model/schema.js';
import type { Message } from '../../model/types.js';
import type { LintRule } from '../types.js';
import { at, msgName } from './util.js';

export const correlationIdField: LintRule = {
  id: 'correlation-id-field',
  description: '`correlationId.location` points at a header or payload field that the message’s schema declares.',
  docs:
    'A correlation id whose location names a field the headers or payload schema does not declare is a ' +
    'promise the message cannot keep: senders do not know they must set it, and receivers read nothing. ' +
    'Declare the field (usually a `correlationId` header) or fix the expression.',
  formats: ['asyncapi'],
  severity: { minimal: 'error', recommended: 'error', strict: 'error' },
  run({ model }, report) {
    const done = new Set<string>();
    for (const m of model.messages) {
      const c = m.correlationId;
      if (!c) continue;
      const expr = parseRuntimeExpression(c.location);
      if (!expr || expr.pointer === '') continue; // syntax: the `runtime-expression` check
      const loc = at(c.source, 'location');
      const key = `${m.source.file}#${m.source.pointer}`;
      if (done.has(key)) continue;
      done.add(key);
      const schema = expr.source === 'header' ? m.headers : m.payload;
      const where = expr.source === 'header' ? 'headers' : 'payload';
      if (!schema) {
        report(loc, `correlation id of ${msgName(m)} is read from its ${where} (\`${c.location}\`), but the message declares no ${where}`, `add a ${where} schema with the field \`${expr.pointer.slice(1)}\``);
        continue;
      }
      if (!isJsonSchema(m, expr.source)) continue;
      if (findInstanceSchemas(model.workspace, schema, expr.pointer).length === 0)
        report(loc, `correlation id location \`${c.location}\` of ${msgName(m)} points at \`${expr.pointer}\`, which its ${where} schema does not declare`, `declare \`${expr.pointer.slice(1)}\` in the ${where} schema, or fix the location`);
    }
  },
};

/** Avro, Protobuf, RAML payloads are not walked as JSON Schema. */
export function isJsonSchema(m: Message, part: 'header' | 'payload'): boolean {
  const f = (part === 'header' ? m.headers : m.payload)?.format ?? '';
  return f === '' || /asyncapi|schema\+json|schema\+yaml|openapi|json-schema|dialect/i.test(f);
}
