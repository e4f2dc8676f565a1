import type { SemanticCheck } from './check.js';

/** Security requirements name schemes declared under `components.securitySchemes`, with scopes only where the scheme has them. */
export const securityRefs: SemanticCheck = {
  id: 'security-refs',
  description: 'Security requirements name security schemes declared under `components.securitySchemes`.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'an operation requiring a scheme that is not declared',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
paths:
  /payments:
    get:
      security:
        - bearerAuth: []
      responses:
        '200': { description: the payments }
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-API-Key }
`,
      expect: [{ message: 'security scheme `bearerAuth` is not declared under `components.securitySchemes`', range: '7:11-7:21' }],
    },
    {
      title: 'scopes on an AsyncAPI 2 scheme that has none',
      doc: `asyncapi: 2.6.0
info: { title: Payments, version: 1.0.0 }
servers:
  production:
    url: broker.example.com
    protocol: kafka
    security:
      - saslPlain: ['payments:read']
channels: {}
components:
  securitySchemes:
    saslPlain: { type: plain }
`,
      expect: [{ message: 'security scheme `saslPlain` is of type `plain`, which has no scopes; the list must be empty', range: '8:9-8:18' }],
    },
    {
      title: 'a document-wide requirement of a declared scheme',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
security:
  - bearerAuth: []
paths:
  /payments:
    get:
      responses:
        '200': { description: the payments }
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
`,
      expect: [],
    },
  ],
  run(model, report) {
    // AsyncAPI 3 uses `$ref`s (checked as references); names are used by AsyncAPI 2 and OpenAPI.
    if (model.format === 'asyncapi' && !model.specVersion.startsWith('2')) return;
    const declared = new Set(model.securitySchemes.map((s) => s.id));
    const seen = new Set<string>();
    const reqs = [...model.servers.flatMap((s) => s.security), ...model.operations.flatMap((o) => o.security)];
    for (const r of reqs) {
      const key = `${r.source.file}#${r.source.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!declared.has(r.scheme))
        report(r.source, `security scheme \`${r.scheme}\` is not declared under \`components.securitySchemes\``, declared.size ? `declared: ${[...declared].map((d) => `\`${d}\``).join(', ')}` : undefined);
      else if (model.format === 'asyncapi' && r.scopes.length) {
        const type = model.securitySchemes.find((s) => s.id === r.scheme)?.type;
        if (type && !['oauth2', 'openIdConnect'].includes(type))
          report(r.source, `security scheme \`${r.scheme}\` is of type \`${type}\`, which has no scopes; the list must be empty`);
      }
    }
  },
};
