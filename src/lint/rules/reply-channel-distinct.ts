import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

const CONNECTION_PROTOCOLS = new Set(['ws', 'wss', 'http', 'https', 'sse']);

export const replyChannelDistinct: LintRule = {
  id: 'reply-channel-distinct',
  description: 'A reply goes to a channel of its own, not back to the request channel.',
  docs:
    'When replies travel on the request channel, the service consumes its own replies as new requests and ' +
    'requesters compete with the service for them. Give replies their own channel (often a per-requester queue ' +
    'named by a `replyTo` header, with `address: null`). Channels on WebSocket or HTTP servers are exempt: there ' +
    'the reply comes back on the same connection. So is a document without servers, whose protocol is unknown.',
  formats: ['asyncapi'],
  severity: { minimal: 'warning', recommended: 'error', strict: 'error' },
  run({ model }, report) {
    // On a connection (WebSocket, HTTP) the reply comes back on the same connection: one channel is right.
    // Without servers the protocol is unknown (and `servers-declared` says so).
    const connection = (ids: string[]) =>
      model.servers.length === 0 ||
      model.servers.some((s) => (ids.length === 0 || ids.includes(s.id)) && CONNECTION_PROTOCOLS.has(s.protocol.toLowerCase()));
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http || !r.channel) continue;
      if (connection(op.channel.servers) || Object.keys(op.channel.bindings).some((b) => b === 'ws' || b === 'http')) continue;
      const same = r.channel === op.channel || (r.channel.address !== null && r.channel.address === op.channel.address);
      if (same)
        report(at(r.source, 'channel'), `reply of ${opName(op)} goes to the request channel \`${op.channel.id}\``, 'declare a separate reply channel, e.g. one whose address comes from a `replyTo` header');
    }
  },
};
