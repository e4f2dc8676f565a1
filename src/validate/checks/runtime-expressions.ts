import { parseRuntimeExpression } from '../../model/expression.js';
import type { SemanticCheck } from './check.js';

/** `correlationId.location` and channel parameter `location` are valid runtime expressions. */
export const runtimeExpressions: SemanticCheck = {
  id: 'runtime-expression',
  description: '`correlationId.location` and parameter `location` are valid runtime expressions (`$message.header#/...` or `$message.payload#/...`).',
  formats: ['asyncapi'],
  severity: 'error',
  run(model, report) {
    const help = 'write `$message.header#/<name>` or `$message.payload#/<path>`';
    for (const m of model.messages)
      if (m.correlationId && !parseRuntimeExpression(m.correlationId.location))
        report(
          { file: m.correlationId.source.file, pointer: `${m.correlationId.source.pointer}/location` },
          `correlation id location \`${m.correlationId.location}\` of message \`${m.id}\` is not a runtime expression`,
          help,
        );
    for (const ch of model.channels)
      for (const p of ch.parameters)
        if (p.location !== undefined && !parseRuntimeExpression(p.location))
          report({ file: p.source.file, pointer: `${p.source.pointer}/location` }, `location \`${p.location}\` of parameter \`${p.name}\` is not a runtime expression`, help);
  },
};
