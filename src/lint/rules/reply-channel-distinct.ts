import type { LintRule } from '../types.js';
import { at, opName } from './util.js';

export const replyChannelDistinct: LintRule = {
  id: 'reply-channel-distinct',
  description: 'A reply goes to a channel of its own, not back to the request channel.',
  docs:
    'When replies travel on the request channel, the service consumes its own replies as new requests and ' +
    'requesters compete with the service for them. Give replies their own channel (often a per-requester queue ' +
    'named by a `replyTo` header, with `address: null`).',
  formats: ['asyncapi'],
  severity: { minimal: 'warning', recommended: 'error', strict: 'error' },
  run({ model }, report) {
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http || !r.channel) continue;
      const same = r.channel === op.channel || (r.channel.address !== null && r.channel.address === op.channel.address);
      if (same)
        report(at(r.source, 'channel'), `reply of ${opName(op)} goes to the request channel \`${op.channel.id}\``, 'declare a separate reply channel, e.g. one whose address comes from a `replyTo` header');
    }
  },
};
