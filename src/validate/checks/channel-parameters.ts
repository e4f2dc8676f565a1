import type { SemanticCheck } from './check.js';

/** Every `{name}` in a channel address (or OpenAPI path) is declared, and every declared parameter is used. */
export const channelParameters: SemanticCheck = {
  id: 'channel-parameters',
  description: 'Channel address parameters are declared under `parameters`, and every declared parameter appears in the address.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'an address parameter with no `parameters` at all',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderStatus:
    address: orders.{orderId}.status
`,
      expect: [{ message: 'channel `orderStatus` uses parameter `{orderId}` in its address but does not declare it under `parameters`', range: '4:3-4:14' }],
    },
    {
      title: 'one of two address parameters left undeclared',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderStatus:
    address: shops.{shopId}.orders.{orderId}
    parameters:
      shopId: {}
`,
      expect: [{ message: 'channel `orderStatus` uses parameter `{orderId}` in its address but does not declare it under `parameters`', range: '6:5-6:15' }],
    },
    {
      title: 'a declared parameter the address does not use',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderStatus:
    address: orders.{orderId}.status
    parameters:
      orderId: {}
      customerId: {}
`,
      expect: [{ message: 'parameter `customerId` of channel `orderStatus` does not appear in its address `orders.{orderId}.status`', range: '8:7-8:17' }],
    },
    {
      title: 'an AsyncAPI 2 channel whose parameter is declared',
      doc: `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders/{orderId}/status:
    parameters:
      orderId:
        schema: { type: string }
    subscribe:
      message: { payload: { type: object } }
`,
      expect: [],
    },
  ],
  run(model, report) {
    for (const ch of model.channels) {
      if (ch.address === null) continue;
      const used = [...ch.address.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
      const declared = new Set(ch.parameters.map((p) => p.name));
      for (const name of new Set(used))
        if (!declared.has(name))
          report(
            ch.parameters.length ? { file: ch.source.file, pointer: `${ch.source.pointer}/parameters` } : ch.source,
            `channel \`${ch.id}\` uses parameter \`{${name}}\` in its address but does not declare it under \`parameters\``,
          );
      for (const p of ch.parameters)
        if (!used.includes(p.name)) report(p.source, `parameter \`${p.name}\` of channel \`${ch.id}\` does not appear in its address \`${ch.address}\``);
    }
  },
};
