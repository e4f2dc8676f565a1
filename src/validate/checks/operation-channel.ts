import { isObj } from '../../model/common.js';
import type { SemanticCheck } from './check.js';

/** AsyncAPI 3: an operation's `channel` must reference a channel under `channels`, and its messages must be that channel's. */
export const operationChannel: SemanticCheck = {
  id: 'operation-channel',
  description: "An AsyncAPI 3 operation references a channel declared under `channels`, and only that channel's messages.",
  formats: ['asyncapi'],
  severity: 'error',
  run(model, report) {
    if (!model.specVersion.startsWith('3')) return;
    const ops = isObj(model.document.operations) ? model.document.operations : {};
    for (const op of model.operations) {
      const raw = ops[op.id];
      const ref = isObj(raw) && isObj(raw.channel) ? raw.channel.$ref : undefined;
      const at = { file: op.source.file, pointer: `${op.source.pointer}/channel` };
      if (typeof ref === 'string' && !/^#\/channels\/[^/]+$/.test(ref) && !ref.includes('#/channels/'))
        report(at, `operation \`${op.id}\` must reference a channel under \`channels\`, not \`${ref}\``);
      for (let i = 0; i < op.messages.length; i++) {
        const m = op.messages[i];
        if (!op.channel.messages.includes(m))
          report(
            { file: op.source.file, pointer: `${op.source.pointer}/messages/${i}` },
            `operation \`${op.id}\` uses message \`${m.id}\`, which channel \`${op.channel.id}\` does not carry`,
            `add it to \`channels.${op.channel.id}.messages\` and reference it from there`,
          );
      }
    }
  },
};
