import type { Server } from '../../model/types.js';
import type { LintRule } from '../types.js';

/** `host` of a server URL (`kafka://broker-1.prod:9092/x` → `broker-1.prod`), or undefined for `{host}`. */
function hostOf(url: string): { host: string; rest: string } | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]*)(.*)$/i.exec(url);
  if (!m || m[1] === '' || m[1].includes('{')) return undefined;
  return { host: m[1], rest: m[2].replace(/^:\d+/, '') };
}

export const serversParameterised: LintRule = {
  id: 'servers-parameterised',
  description: 'Servers that differ only by a hard-coded host are one server with a `{host}` variable.',
  docs:
    'Listing `orders-dev.example.com`, `orders-staging.example.com` and `orders.example.com` as separate servers ' +
    'ties the contract to today’s deployments: every new environment edits the API, and hosts get copied into ' +
    'code. Declare one server whose host is a variable (`{host}` with a `default`), and let service discovery or ' +
    'configuration supply it.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'one server per environment',
      doc: `openapi: 3.1.0
info:
  title: Orders
  version: 1.0.0
servers:
  - url: https://orders-dev.example.com/api
  - url: https://orders-staging.example.com/api
  - url: https://orders.example.com/api
paths: {}
`,
      expect: [
        { message: 'server `https://orders-staging.example.com/api` repeats server `https://orders-dev.example.com/api` with another hard-coded host (`orders-staging.example.com` vs `orders-dev.example.com`)', range: '7:5-7:6' },
        { message: 'server `https://orders.example.com/api` repeats server `https://orders-dev.example.com/api` with another hard-coded host (`orders.example.com` vs `orders-dev.example.com`)', range: '8:5-8:6' },
      ],
    },
    {
      title: 'two Kafka brokers by name',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  dev:
    host: kafka-dev.internal:9092
    protocol: kafka
  prod:
    host: kafka-prod.internal:9092
    protocol: kafka
`,
      expect: [{ message: 'server `prod` repeats server `dev` with another hard-coded host (`kafka-prod.internal` vs `kafka-dev.internal`)', range: '9:3-9:7' }],
    },
    {
      title: 'one server with a `{host}` variable',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  broker:
    host: '{host}:9092'
    protocol: kafka
    variables:
      host:
        default: kafka-dev.internal
`,
      expect: [],
    },
    {
      title: 'servers for different protocols',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  kafka:
    host: kafka.example.com:9092
    protocol: kafka
  websocket:
    host: ws.example.com
    protocol: wss
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    const groups = new Map<string, Server[]>();
    for (const s of model.servers) {
      const h = hostOf(s.url);
      if (!h) continue;
      const key = `${s.protocol}\u0000${h.rest}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const list of groups.values()) {
      const hosts = new Set(list.map((s) => hostOf(s.url)!.host));
      if (hosts.size < 2) continue;
      const [first, ...rest] = list;
      for (const s of rest)
        report(
          s.source,
          `server \`${s.id}\` repeats server \`${first.id}\` with another hard-coded host (\`${hostOf(s.url)!.host}\` vs \`${hostOf(first.url)!.host}\`)`,
          'declare one server with a `{host}` variable (enum or default) instead of one per host',
        );
    }
  },
};
