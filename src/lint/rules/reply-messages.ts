import type { LintRule } from '../types.js';
import { opName } from './util.js';

export const replyMessages: LintRule = {
  id: 'reply-messages',
  description: 'An operation’s reply declares the messages it can carry.',
  docs:
    'A reply without messages (neither in `reply.messages` nor on its reply channel) tells requesters that an ' +
    'answer comes but not what it looks like, so nobody can parse it or generate a typed client. List the reply ' +
    'messages, including the rejections.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  run({ model }, report) {
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http || r.messages.length > 0) continue;
      report(r.source, `reply of ${opName(op)} declares no messages${r.channel ? ` and its channel \`${r.channel.id}\` has none` : ''}`, 'add `messages:` to the reply (or to its channel)');
    }
  },
};
