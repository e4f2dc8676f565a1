import type { SemanticCheck } from './check.js';

/** Channels list only servers that exist. */
export const serverRefs: SemanticCheck = {
  id: 'server-refs',
  description: 'Servers a channel names are declared under `servers`.',
  formats: ['asyncapi'],
  severity: 'error',
  run(model, report) {
    const ids = new Set(model.servers.map((s) => s.id));
    for (const ch of model.channels)
      ch.servers.forEach((id, i) => {
        if (!ids.has(id)) report({ file: ch.source.file, pointer: `${ch.source.pointer}/servers/${i}` }, `channel \`${ch.id}\` names server \`${id}\`, which is not declared under \`servers\``);
      });
  },
};
