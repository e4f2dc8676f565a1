import { fixed, type ModelCheck } from '../check.js';
import { asyncapi, edited, openapi } from '../model-examples.js';

/** A Kafka broker with a port variable, and one channel. */
const broker = asyncapi(`servers:
  production:
    protocol: kafka
    protocolVersion: '3.6'
    host: 'kafka.example.com:{port}'
    variables:
      port: { default: '9092', enum: ['9092', '9093'] }
channels:
  orders: { address: orders }
`);

/** The broker and a staging one. */
const twoBrokers = broker.replace('channels:', `  staging: { host: 'kafka.staging.example.com:9092', protocol: kafka }
channels:`);

/** The same broker, its port variable open to any value. */
const anyPort = broker.replace(", enum: ['9092', '9093']", '');

const api = openapi(`servers:
  - url: https://api.example.com/v1
paths: {}
`);

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
  examples: () => [
    { title: 'a staging broker removed', base: twoBrokers, revision: broker, expect: [
      { rule: 'server-removed', level: 'breaking', message: `Server \`staging\` (kafka.staging.example.com:9092) was removed.`, at: '10:3' },
    ] },
    { title: 'a staging broker added', base: broker, revision: twoBrokers, expect: [
      { rule: 'server-added', level: 'non-breaking', message: `Server \`staging\` (kafka.staging.example.com:9092) was added.`, at: '10:3' },
    ] },
    edited('a broker moved to another host', broker, 'kafka.example.com', 'kafka.eu.example.com', [
      { rule: 'server-url-changed', level: 'breaking', message: `Server \`production\` moved from \`kafka.example.com:{port}\` to \`kafka.eu.example.com:{port}\`.`, at: '4:3' },
    ]),
    edited('a broker upgraded to another protocol version', broker, "protocolVersion: '3.6'", "protocolVersion: '4.0'", [
      { rule: 'server-protocol-changed', level: 'breaking', message: `Server \`production\` protocol changed from \`kafka 3.6\` to \`kafka 4.0\`.`, at: '4:3' },
    ]),
    edited('a broker speaking another protocol', broker, 'protocol: kafka', 'protocol: amqp', [
      { rule: 'server-protocol-changed', level: 'breaking', message: `Server \`production\` protocol changed from \`kafka 3.6\` to \`amqp 3.6\`.`, at: '4:3' },
    ]),
    edited('a port variable with another default', broker, "default: '9092'", "default: '9093'", [
      { rule: 'server-variable-changed', level: 'breaking', message: `Variable \`port\` of server \`production\` default changed from \`9092\` to \`9093\`.`, at: '4:3' },
    ]),
    edited('a port variable that no longer allows a value', broker, "enum: ['9092', '9093']", "enum: ['9092']", [
      { rule: 'server-variable-changed', level: 'breaking', message: `Variable \`port\` of server \`production\` no longer allows \`9093\`.`, at: '4:3' },
    ]),
    edited('a port variable that allows a new value', broker, "enum: ['9092', '9093']", "enum: ['9092', '9093', '9094']", [
      { rule: 'server-variable-added', level: 'non-breaking', message: `Variable \`port\` of server \`production\` now also allows \`9094\`.`, at: '4:3' },
    ]),
    edited('a port variable limited to a list of values', anyPort, "default: '9092'", "default: '9092', enum: ['9092']", [
      { rule: 'server-variable-changed', level: 'breaking', message: `Variable \`port\` of server \`production\` is now limited to \`9092\`.`, at: '4:3' },
    ]),
    edited('a port variable removed, the port fixed in the host', broker, `'kafka.example.com:{port}'
    variables:
      port: { default: '9092', enum: ['9092', '9093'] }`, 'kafka.example.com:9092', [
      { rule: 'server-url-changed', level: 'breaking', message: `Server \`production\` moved from \`kafka.example.com:{port}\` to \`kafka.example.com:9092\`.`, at: '4:3' },
      { rule: 'server-variable-changed', level: 'breaking', message: `Variable \`port\` of server \`production\` was removed.`, at: '4:3' },
    ]),
    edited('a host template gains a variable', broker, `'kafka.example.com:{port}'
    variables:`, `'{cluster}.example.com:{port}'
    variables:
      cluster: { default: kafka }`, [
      { rule: 'server-url-changed', level: 'breaking', message: `Server \`production\` moved from \`kafka.example.com:{port}\` to \`{cluster}.example.com:{port}\`.`, at: '4:3' },
      { rule: 'server-variable-added', level: 'non-breaking', message: `Server \`production\` has a new variable \`cluster\`.`, at: '4:3' },
    ]),
    edited('an HTTP base URL changed: the old server is gone, a new one added', api, 'https://api.example.com/v1', 'https://api.example.com/v2', [
      { rule: 'server-removed', level: 'breaking', message: `Server \`https://api.example.com/v1\` was removed.`, at: '4:5' },
      { rule: 'server-added', level: 'non-breaking', message: `Server \`https://api.example.com/v2\` was added.`, at: '4:5' },
    ]),
    edited('a server described', broker, 'protocol: kafka', 'protocol: kafka\n    description: The production cluster.', []),
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
