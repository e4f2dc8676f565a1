import { parseRuntimeExpression } from '../../model/expression.js';
import type { SemanticCheck } from './check.js';

/** `correlationId.location` and channel parameter `location` are valid runtime expressions. */
export const runtimeExpressions: SemanticCheck = {
  id: 'runtime-expression',
  description: '`correlationId.location` and parameter `location` are valid runtime expressions (`$message.header#/...` or `$message.payload#/...`).',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a correlation id in `headers` (the expression says `header`)',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  payments:
    address: payments
    messages:
      paymentReceived:
        correlationId:
          location: $message.headers#/correlationId
        payload: { type: object }
`,
      expect: [
        { message: 'correlation id location `$message.headers#/correlationId` of message `paymentReceived` is not a runtime expression', range: '9:11-9:52' },
      ],
    },
    {
      title: 'a parameter location without the `/` of a JSON pointer',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  payments:
    address: payments.{region}
    parameters:
      region:
        location: $message.payload#region
`,
      expect: [{ message: 'location `$message.payload#region` of parameter `region` is not a runtime expression', range: '8:9-8:42' }],
    },
    {
      title: 'a correlation id header and a parameter read from the payload',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
channels:
  payments:
    address: payments.{region}
    parameters:
      region:
        location: $message.payload#/customer/region
    messages:
      paymentReceived:
        correlationId:
          location: $message.header#/correlationId
        payload: { type: object }
`,
      expect: [],
    },
  ],
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
