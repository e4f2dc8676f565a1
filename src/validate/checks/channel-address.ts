import type { SemanticCheck } from './check.js';

/** Channel addresses are names, not URLs: "MUST NOT include query parameters" (AsyncAPI 2.x Channels Object). */
export const channelAddress: SemanticCheck = {
  id: 'channel-address',
  description: 'A channel address does not carry a query string (`?a=b`) or a fragment.',
  formats: ['asyncapi'],
  severity: 'error',
  run(model, report) {
    for (const ch of model.channels)
      if (ch.address !== null && /[?#]/.test(ch.address.replace(/\{[^}]*\}/g, '')))
        report(ch.source, `channel address \`${ch.address}\` contains a query string or fragment; parameters belong in \`{placeholders}\` or bindings`);
  },
};
