import type { SemanticCheck } from './check.js';

/** OpenAPI: every `{param}` of a path template is declared `in: path`, and every path parameter appears in the template. */
export const pathParameters: SemanticCheck = {
  id: 'path-parameters',
  description: 'OpenAPI path template parameters are declared (`in: path`) and every declared path parameter is in the template.',
  formats: ['openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a path template parameter nobody declares',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{orderId}:
    get:
      responses:
        '200': { description: the order }
`,
      expect: [{ message: '`GET /orders/{orderId}` does not declare path parameter `orderId`', range: '5:5-5:8' }],
    },
    {
      title: 'a path parameter declared but missing from the template',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{orderId}:
    get:
      parameters:
        - { name: orderId, in: path, required: true, schema: { type: string } }
        - name: customerId
          in: path
          required: true
          schema: { type: string }
      responses:
        '200': { description: the order }
`,
      expect: [{ message: 'path parameter `customerId` is not in the path template `/orders/{orderId}`', range: '8:11-8:27' }],
    },
    {
      title: 'a path parameter declared once for every operation of the path',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{orderId}:
    parameters:
      - name: orderId
        in: path
        required: true
        schema: { type: string }
    get:
      responses:
        '200': { description: the order }
    delete:
      responses:
        '204': { description: the order is cancelled }
`,
      expect: [],
    },
  ],
  run(model, report) {
    for (const op of model.operations) {
      if (!op.http) continue;
      const inPath = [...op.http.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      const declared = op.http.parameters.filter((p) => p.in === 'path');
      for (const name of new Set(inPath))
        if (!declared.some((p) => p.name === name))
          report(op.source, `\`${op.http.method.toUpperCase()} ${op.http.path}\` does not declare path parameter \`${name}\``, `add \`{ name: ${name}, in: path, required: true }\` to its \`parameters\``);
      for (const p of declared)
        if (!inPath.includes(p.name)) report({ file: p.source.file, pointer: `${p.source.pointer}/name` }, `path parameter \`${p.name}\` is not in the path template \`${op.http.path}\``);
    }
  },
};
