import type { SemanticCheck } from './check.js';

/** Channel addresses are names, not URLs: "MUST NOT include query parameters" (AsyncAPI 2.x Channels Object). */
export const channelAddress: SemanticCheck = {
  id: 'channel-address',
  description: 'A channel address does not carry a query string (`?a=b`) or a fragment.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'an AsyncAPI 3 address with a fragment',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: 'orders#eu'
`,
      expect: [{ message: 'channel address `orders#eu` contains a query string or fragment; parameters belong in `{placeholders}` or bindings', range: '5:5-5:25' }],
    },
    {
      title: 'an AsyncAPI 2 channel named with a query string',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders?region=eu:
    subscribe:
      message: { payload: { type: object } }
`,
      expect: [
        { message: 'channel address `orders?region=eu` contains a query string or fragment; parameters belong in `{placeholders}` or bindings', range: '4:3-4:19' },
      ],
    },
    {
      title: 'the region as an address parameter',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders.{region}
    parameters:
      region: { enum: [eu, us] }
`,
      expect: [],
    },
  ],
  run(model, report) {
    // AsyncAPI 3 writes the address in its own field; AsyncAPI 2's address is the channel's key.
    const v3 = model.specVersion.startsWith('3');
    for (const ch of model.channels)
      if (ch.address !== null && /[?#]/.test(ch.address.replace(/\{[^}]*\}/g, '')))
        report(v3 ? { file: ch.source.file, pointer: `${ch.source.pointer}/address` } : ch.source, `channel address \`${ch.address}\` contains a query string or fragment; parameters belong in \`{placeholders}\` or bindings`);
  },
};
