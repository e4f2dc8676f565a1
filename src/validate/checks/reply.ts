import { parseRuntimeExpression } from '../../model/expression.js';
import type { SemanticCheck } from './check.js';

/** AsyncAPI 3 replies: a channel or an address, a valid address expression, messages of the reply channel. */
export const replyValid: SemanticCheck = {
  id: 'reply-valid',
  description: 'An operation reply names a reply channel or a runtime-expression address, and its messages belong to the reply channel.',
  formats: ['asyncapi'],
  severity: 'error',
  run(model, report) {
    for (const op of model.operations) {
      const r = op.reply;
      if (!r || op.http) continue;
      if (!r.channel && !r.addressLocation)
        report(r.source, `reply of operation \`${op.id}\` has neither a \`channel\` nor an \`address\`; the replier cannot know where to send it`);
      if (r.addressLocation !== undefined && !parseRuntimeExpression(r.addressLocation))
        report(
          { file: r.source.file, pointer: `${r.source.pointer}/address/location` },
          `reply address location \`${r.addressLocation}\` of operation \`${op.id}\` is not a runtime expression`,
          'use `$message.header#/replyTo` or `$message.payload#/...`',
        );
      if (r.channel)
        r.messages.forEach((m, i) => {
          if (!r.channel!.messages.includes(m))
            report(
              { file: r.source.file, pointer: `${r.source.pointer}/messages/${i}` },
              `reply message \`${m.id}\` of operation \`${op.id}\` is not a message of reply channel \`${r.channel!.id}\``,
            );
        });
    }
  },
};
