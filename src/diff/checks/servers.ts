import { fixed, type ModelCheck } from '../check.js';

/** Servers (brokers, base URLs) that disappear or change where or how they are reached. */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('server-removed', 'server', 'breaking', 'A server is gone: clients configured for it break.'),
    fixed('server-added', 'server', 'non-breaking', 'A new server.'),
    fixed('server-url-changed', 'server', 'breaking', 'A server (same id) has a new host or URL.'),
    fixed('server-protocol-changed', 'server', 'breaking', 'A server speaks another protocol or protocol version.'),
  ],
  run(ctx) {
    for (const p of ctx.matched.servers) {
      const { base: b, rev: r } = p;
      if (b && !r) ctx.report({ rule: 'server-removed', message: `Server \`${b.id}\`${b.url && b.url !== b.id ? ` (${b.url})` : ''} was removed.`, where: { base: b.source }, identity: `server ${b.id}` });
      else if (!b && r) ctx.report({ rule: 'server-added', message: `Server \`${r.id}\`${r.url && r.url !== r.id ? ` (${r.url})` : ''} was added.`, where: { revision: r.source }, identity: `server ${r.id}` });
      else if (b && r) {
        if (b.url !== r.url)
          ctx.report({ rule: 'server-url-changed', message: `Server \`${r.id}\` moved from \`${b.url}\` to \`${r.url}\`.`, where: { base: b.source, revision: r.source }, identity: `server ${b.id}|${r.url}` });
        if (b.protocol !== r.protocol || (b.protocolVersion ?? '') !== (r.protocolVersion ?? ''))
          ctx.report({
            rule: 'server-protocol-changed',
            message: `Server \`${r.id}\` protocol changed from \`${b.protocol}${b.protocolVersion ? ' ' + b.protocolVersion : ''}\` to \`${r.protocol}${r.protocolVersion ? ' ' + r.protocolVersion : ''}\`.`,
            where: { base: b.source, revision: r.source },
            identity: `server ${b.id}|${r.protocol}`,
          });
      }
    }
  },
};
export default check;
