import type { Server } from '../../model/types.js';
import type { LintRule } from '../types.js';
import { at } from './util.js';

/** The server's URL with every variable replaced, or undefined while one has no value to put in. */
function substitute(s: Server, values: Record<string, string>): string | undefined {
  let missing = false;
  const url = s.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? undefined : url;
}

/**
 * Whether a substituted server URL parses. AsyncAPI hosts (`broker:9092`) and OpenAPI relative URLs
 * (`/v1`) are read as WHATWG URLs with the server's protocol or a placeholder base added.
 */
function parses(url: string, protocol: string): boolean {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  const absolute = hasScheme ? url : url.startsWith('/') || url === '' ? undefined : `${protocol || 'http'}://${url}`;
  try {
    if (absolute) {
      const u = new URL(absolute);
      return u.hostname !== '' && !/[\s{}]/.test(url);
    }
    new URL(url, 'http://placeholder.invalid');
    return !/[\s{}]/.test(url);
  } catch {
    return false;
  }
}

export const serverVariables: LintRule = {
  id: 'server-variables',
  description: 'Every declared server variable is used by its URL, and every value it may take gives a valid URL.',
  docs:
    'A variable the URL never mentions does nothing: it is a typo of the one the URL uses, or left over from an ' +
    'older URL. And every value a variable may take (its `enum`, else its `default`) is put into the URL by ' +
    'clients and tools: each such URL must parse (`https://{region}.example.com` with an enum value `eu west` ' +
    'or an empty one does not). Each enum value is tried with the other variables at their defaults.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  equivalents: { spectral: ['oas3-server-variables', 'asyncapi-server-variables'], redocly: [] },
  examples: () => [
    {
      title: 'a variable the URL never uses',
      doc: `openapi: 3.1.0
info: { title: Payments, version: 1.0.0 }
servers:
  - url: https://{region}.api.example.com
    variables:
      region: { default: eu }
      basePath: { default: v1 }
paths: {}
`,
      expect: [{ message: 'server variable `basePath` is not used in `https://{region}.api.example.com`', range: '7:7-7:15' }],
    },
    {
      title: 'an enum value that makes the URL invalid',
      doc: `asyncapi: 3.0.0
info: { title: Payments, version: 1.0.0 }
servers:
  production:
    host: '{region}.broker.example.com:5671'
    protocol: amqps
    variables:
      region:
        enum: [eu, us east]
        default: eu
`,
      expect: [{ message: 'server URL `{region}.broker.example.com:5671` is not a valid URL with `region` = `us east`: `us east.broker.example.com:5671`', range: '9:23-9:30' }],
    },
    {
      title: 'every variable used, every value a valid URL',
      doc: `openapi: 3.0.3
info: { title: Payments, version: 1.0.0 }
servers:
  - url: https://{region}.api.example.com/{basePath}
    variables:
      region: { enum: [eu, us], default: eu }
      basePath: { default: v1 }
  - url: /v1
paths: {}
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const s of model.servers) {
      const vars = at(s.source, 'variables');
      const used = new Set([...s.url.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]));
      for (const v of s.variables) if (!used.has(v.name)) report(at(vars, v.name), `server variable \`${v.name}\` is not used in \`${s.url}\``, `use \`{${v.name}}\` in the URL or remove the variable`);
      const defaults = Object.fromEntries(s.variables.filter((v) => v.default !== undefined).map((v) => [v.name, v.default!]));
      const tried = new Set<string>();
      const check = (values: Record<string, string>, blame?: { name: string; value: string; index: number }) => {
        const url = substitute(s, values);
        if (url === undefined || tried.has(url)) return;
        tried.add(url);
        if (parses(url, s.protocol)) return;
        const where = blame ? at(vars, blame.name, 'enum', blame.index) : at(s.source, model.format === 'asyncapi' && model.specVersion.startsWith('3') ? 'host' : 'url');
        const what = blame ? ` with \`${blame.name}\` = \`${blame.value}\`` : ' with the defaults';
        report(where, `server URL \`${s.url}\` is not a valid URL${what}: \`${url}\``);
      };
      check(defaults);
      for (const v of s.variables) v.enum?.forEach((value, index) => check({ ...defaults, [v.name]: value }, { name: v.name, value, index }));
    }
  },
};
