import { fixed, type ModelCheck } from '../check.js';

/** Servers (brokers, base URLs) that disappear or change where or how they are reached. */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('server-removed', 'server', 'breaking', 'A server is gone: clients configured for it break.'),
    fixed('server-added', 'server', 'non-breaking', 'A new server.'),
    fixed('server-url-changed', 'server', 'breaking', 'A server (same id) has a new host or URL.'),
    fixed('server-protocol-changed', 'server', 'breaking', 'A server speaks another protocol or protocol version.'),
    fixed('server-variable-changed', 'server', 'breaking', 'A server variable lost a value, changed its default, or is gone: configured clients reach another place.'),
    fixed('server-variable-added', 'server', 'non-breaking', 'A server variable was added, or allows a new value.'),
  ],
  run(ctx) {
    for (const p of ctx.matched.servers) {
      const { base: b, rev: r } = p;
      if (b && !r) ctx.report({ rule: 'server-removed', message: `Server \`${b.id}\`${b.url && b.url !== b.id ? ` (${b.url})` : ''} was removed.`, where: { base: b.source }, identity: `server ${b.id}` });
      else if (!b && r) ctx.report({ rule: 'server-added', message: `Server \`${r.id}\`${r.url && r.url !== r.id ? ` (${r.url})` : ''} was added.`, where: { revision: r.source }, identity: `server ${r.id}` });
      else if (b && r) {
        if (b.url !== r.url)
          ctx.report({ rule: 'server-url-changed', message: `Server \`${r.id}\` moved from \`${b.url}\` to \`${r.url}\`.`, where: { base: b.source, revision: r.source }, identity: `server ${b.id}|${r.url}` });
        for (const bv of b.variables) {
          const rv = r.variables.find((v) => v.name === bv.name);
          const what = !rv
            ? 'was removed'
            : bv.default !== rv.default
              ? `default changed from \`${bv.default}\` to \`${rv.default}\``
              : bv.enum && rv.enum && bv.enum.some((x) => !rv.enum!.includes(x))
                ? `no longer allows ${bv.enum.filter((x) => !rv.enum!.includes(x)).map((x) => `\`${x}\``).join(', ')}`
                : !bv.enum && rv.enum
                  ? `is now limited to ${rv.enum.map((x) => `\`${x}\``).join(', ')}`
                  : undefined;
          if (what)
            ctx.report({ rule: 'server-variable-changed', message: `Variable \`${bv.name}\` of server \`${r.id}\` ${what}.`, where: { base: b.source, revision: r.source }, identity: `server ${b.id}|var ${bv.name}|${what}` });
          else if (rv && bv.enum && rv.enum && rv.enum.some((x) => !bv.enum!.includes(x)))
            ctx.report({ rule: 'server-variable-added', message: `Variable \`${bv.name}\` of server \`${r.id}\` now also allows ${rv.enum.filter((x) => !bv.enum!.includes(x)).map((x) => `\`${x}\``).join(', ')}.`, where: { base: b.source, revision: r.source }, identity: `server ${b.id}|var ${bv.name}|+` });
        }
        for (const rv of r.variables)
          if (!b.variables.some((v) => v.name === rv.name))
            ctx.report({ rule: 'server-variable-added', message: `Server \`${r.id}\` has a new variable \`${rv.name}\`.`, where: { base: b.source, revision: r.source }, identity: `server ${b.id}|var ${rv.name}` });
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
