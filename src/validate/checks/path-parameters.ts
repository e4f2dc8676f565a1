import type { SemanticCheck } from './check.js';

/**
 * OpenAPI: every `{param}` of a path template is declared `in: path`, every path parameter appears in the
 * template, and no template names one parameter twice (one `in: path` parameter cannot fill two places).
 */
export const pathParameters: SemanticCheck = {
  id: 'path-parameters',
  description: 'OpenAPI path template parameters are declared (`in: path`), once each, and every declared path parameter is in the template.',
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
      title: 'a path template naming one parameter twice',
      doc: `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}/lines/{id}:
    parameters:
      - { name: id, in: path, required: true, schema: { type: string } }
    get:
      responses:
        '200': { description: the line }
    delete:
      responses:
        '204': { description: the line is removed }
`,
      expect: [{ message: 'path template `/orders/{id}/lines/{id}` names parameter `id` more than once', range: '4:3-4:26' }],
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
    const twiceReported = new Set<string>();
    for (const op of model.operations) {
      if (!op.http) continue;
      const inPath = [...op.http.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      const twice = inPath.find((n, i) => inPath.indexOf(n) !== i);
      // Once per path, at the path item (the operation's parent), not once per method.
      if (twice !== undefined && !twiceReported.has(op.http.path)) {
        twiceReported.add(op.http.path);
        report({ file: op.source.file, pointer: op.source.pointer.replace(/\/[^/]*$/, '') }, `path template \`${op.http.path}\` names parameter \`${twice}\` more than once`, 'give each place in the template its own parameter name');
      }
      const declared = op.http.parameters.filter((p) => p.in === 'path');
      for (const name of new Set(inPath))
        if (!declared.some((p) => p.name === name))
          report(op.source, `\`${op.http.method.toUpperCase()} ${op.http.path}\` does not declare path parameter \`${name}\``, `add \`{ name: ${name}, in: path, required: true }\` to its \`parameters\``);
      for (const p of declared)
        if (!inPath.includes(p.name)) report({ file: p.source.file, pointer: `${p.source.pointer}/name` }, `path parameter \`${p.name}\` is not in the path template \`${op.http.path}\``);
    }
  },
};
