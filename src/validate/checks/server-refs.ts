import type { SemanticCheck } from './check.js';

/** Channels list only servers that exist. */
export const serverRefs: SemanticCheck = {
  id: 'server-refs',
  description: 'Servers a channel names are declared under `servers`.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'an AsyncAPI 2 channel naming a server that does not exist',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { url: broker.example.com, protocol: kafka }
channels:
  orders:
    servers: [production, staging]
    subscribe:
      message: { payload: { type: object } }
`,
      expect: [{ message: 'channel `orders` names server `staging`, which is not declared under `servers`', range: '7:27-7:34' }],
    },
    {
      title: 'an AsyncAPI 3 channel referencing a server under `components`',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: broker.example.com, protocol: kafka }
channels:
  orders:
    address: orders
    servers:
      - $ref: '#/components/servers/staging'
components:
  servers:
    staging: { host: staging.example.com, protocol: kafka }
`,
      expect: [{ message: 'channel `orders` names server `staging`, which is not declared under `servers`', range: '9:9-9:10' }],
    },
    {
      title: 'a channel on a declared server',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: broker.example.com, protocol: kafka }
channels:
  orders:
    address: orders
    servers:
      - $ref: '#/servers/production'
`,
      expect: [],
    },
    {
      title: 'a server `$ref` that resolves nowhere (reported once, as `unresolved-ref`)',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
servers:
  production: { host: broker.example.com, protocol: kafka }
channels:
  orders:
    address: orders
    servers:
      - $ref: '#/servers/staging'
`,
      expect: [],
    },
  ],
  run(model, report) {
    const ids = new Set(model.servers.map((s) => s.id));
    // An AsyncAPI 3 `$ref` that resolves nowhere is already an `unresolved-ref`; say it once.
    const broken = new Set(model.workspace.refProblems.map((p) => `${p.at.file}#${p.at.pointer}`));
    for (const ch of model.channels)
      ch.servers.forEach((id, i) => {
        const at = { file: ch.source.file, pointer: `${ch.source.pointer}/servers/${i}` };
        if (!ids.has(id) && !broken.has(`${at.file}#${at.pointer}`)) report(at, `channel \`${ch.id}\` names server \`${id}\`, which is not declared under \`servers\``);
      });
  },
};
