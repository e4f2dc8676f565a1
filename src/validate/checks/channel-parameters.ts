import type { SemanticCheck } from './check.js';

/** Every `{name}` in a channel address (or OpenAPI path) is declared, and every declared parameter is used. */
export const channelParameters: SemanticCheck = {
  id: 'channel-parameters',
  description: 'Channel address parameters are declared under `parameters`, and every declared parameter appears in the address.',
  formats: ['asyncapi'],
  severity: 'error',
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
