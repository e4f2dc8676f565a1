import { isObj } from '../../model/common.js';
import type { SemanticCheck } from './check.js';

/** Server variables: every `{name}` in the URL is declared, and `default`/`examples` are among the `enum` values. */
export const serverVariables: SemanticCheck = {
  id: 'server-variables',
  description: 'Server URL variables are declared, and their `default` and `examples` are among their `enum` values.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a URL variable with no entry under `variables`',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
servers:
  - url: https://{region}.api.example.com/{basePath}
    variables:
      region: { default: eu }
paths: {}
`,
      expect: [{ message: 'server URL `https://{region}.api.example.com/{basePath}` uses variable `{basePath}`, which is not declared under `variables`', range: '4:5-4:53' }],
    },
    {
      title: 'a default outside the enum',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
servers:
  - url: https://{region}.api.example.com
    variables:
      region:
        default: asia
        enum: [eu, us]
paths: {}
`,
      expect: [{ message: 'default `asia` of server variable `region` is not one of its enum values', range: '7:9-7:22' }],
    },
    {
      title: 'an AsyncAPI example outside the enum',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
servers:
  production:
    host: '{region}.broker.example.com'
    protocol: kafka
    variables:
      region:
        enum: [eu, us]
        default: eu
        examples: [eu, asia]
`,
      expect: [{ message: 'example `asia` of server variable `region` is not one of its enum values', range: '11:24-11:28' }],
    },
    {
      title: 'a declared variable whose default is one of its values',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
servers:
  - url: https://{region}.api.example.com
    variables:
      region:
        default: eu
        enum: [eu, us]
paths: {}
`,
      expect: [],
    },
  ],
  run(model, report) {
    for (const s of model.servers) {
      const raw = model.workspace.get(s.source);
      const vars = isObj(raw) && isObj(raw.variables) ? raw.variables : {};
      const vloc = (name: string, ...rest: (string | number)[]) => ({ file: s.source.file, pointer: [s.source.pointer, 'variables', name, ...rest].join('/') });
      for (const v of s.variables) {
        if (!v.enum) continue;
        if (v.default !== undefined && !v.enum.includes(v.default))
          report(vloc(v.name, 'default'), `default \`${v.default}\` of server variable \`${v.name}\` is not one of its enum values`);
        const ex = isObj(vars[v.name]) ? (vars[v.name] as { examples?: unknown }).examples : undefined;
        if (Array.isArray(ex))
          ex.forEach((e, i) => {
            if (!v.enum!.includes(String(e))) report(vloc(v.name, 'examples', i), `example \`${String(e)}\` of server variable \`${v.name}\` is not one of its enum values`);
          });
      }
      if (model.format === 'openapi') {
        const declared = new Set(s.variables.map((v) => v.name));
        for (const m of s.url.matchAll(/\{([^}]*)\}/g))
          if (!declared.has(m[1])) report({ file: s.source.file, pointer: `${s.source.pointer}/url` }, `server URL \`${s.url}\` uses variable \`{${m[1]}}\`, which is not declared under \`variables\``);
      }
    }
  },
};
