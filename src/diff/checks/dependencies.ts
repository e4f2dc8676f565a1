import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** An order payload with `extra` keywords. */
const order = (extra = '') => `{ type: object${extra} }`;

/**
 * `dependencies` (draft 4–7), `dependentRequired` and `dependentSchemas` (2019-09+): a property that,
 * when present, requires others or a schema. Adding one narrows; removing one widens. Schema
 * dependencies present on both sides are compared as schemas.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('dependency-added', 'schema', NARROW.accept, NARROW.emit, 'A property now requires other properties (or a schema) when present.'),
    directed('dependency-removed', 'schema', WIDEN.accept, WIDEN.emit, 'A property no longer requires other properties (or a schema) when present.'),
    directed('dependency-changed', 'schema', 'breaking', 'breaking', 'The properties a property requires changed.', 'only more required properties narrows (breaking when accepted); only fewer widens (breaking when emitted)'),
  ],
  examples: () => [
    payloadExample('a received coupon now needs a campaign', 'accept', order(), order(', dependentRequired: { coupon: [campaign] }'), [
      { rule: 'dependency-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload has a new dependency on \`coupon\`.`, at: '9:55' },
    ]),
    payloadExample('a sent coupon now needs a campaign', 'emit', order(), order(', dependentRequired: { coupon: [campaign] }'), [
      { rule: 'dependency-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload has a new dependency on \`coupon\`.`, at: '9:55' },
    ]),
    payloadExample('a received coupon now needs a campaign, written as a schema', 'accept', order(), order(', dependentSchemas: { coupon: { required: [campaign] } }'), [
      { rule: 'dependency-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload has a new dependency on \`coupon\`.`, at: '9:54' },
    ]),
    payloadExample('a received coupon no longer needs a campaign (draft-7 `dependencies`)', 'accept', order(', dependencies: { coupon: [campaign] }'), order(), [
      { rule: 'dependency-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload no longer has a dependency on \`coupon\`.`, at: '9:9' },
    ]),
    payloadExample('a sent coupon no longer needs a campaign (draft-7 `dependencies`)', 'emit', order(', dependencies: { coupon: [campaign] }'), order(), [
      { rule: 'dependency-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload no longer has a dependency on \`coupon\`.`, at: '9:9' },
    ]),
    payloadExample('a received coupon now also needs an expiry', 'accept', order(', dependentRequired: { coupon: [campaign] }'), order(', dependentRequired: { coupon: [campaign, expiresAt] }'), [
      { rule: 'dependency-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload: when \`coupon\` is present, it now requires \`campaign\`, \`expiresAt\` instead of \`campaign\`.`, at: '9:55' },
    ]),
    payloadExample('a sent coupon now also needs an expiry', 'emit', order(', dependentRequired: { coupon: [campaign] }'), order(', dependentRequired: { coupon: [campaign, expiresAt] }'), [
      { rule: 'dependency-changed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload: when \`coupon\` is present, it now requires \`campaign\`, \`expiresAt\` instead of \`campaign\`.`, at: '9:55' },
    ]),
    payloadExample('a sent coupon no longer needs an expiry', 'emit', order(', dependentRequired: { coupon: [campaign, expiresAt] }'), order(', dependentRequired: { coupon: [campaign] }'), [
      { rule: 'dependency-changed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload: when \`coupon\` is present, it now requires \`campaign\` instead of \`campaign\`, \`expiresAt\`.`, at: '9:55' },
    ]),
    payloadExample('a received coupon needs an expiry instead of a campaign', 'accept', order(', dependentRequired: { coupon: [campaign] }'), order(', dependentRequired: { coupon: [expiresAt] }'), [
      { rule: 'dependency-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload: when \`coupon\` is present, it now requires \`expiresAt\` instead of \`campaign\`.`, at: '9:55' },
    ]),
    payloadExample('a coupon now needs a campaign and an expiry, written as a schema', 'accept', order(', dependencies: { coupon: [campaign] }'), order(', dependencies: { coupon: { required: [campaign, expiresAt] } }'), [
      { rule: 'dependency-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload: when \`coupon\` is present, it must now match a schema instead of requiring \`campaign\`.`, at: '9:50' },
    ]),
    payloadExample('a coupon now needs a campaign only, written as a list', 'emit', order(', dependencies: { coupon: { required: [campaign, expiresAt] } }'), order(', dependencies: { coupon: [campaign] }'), [
      { rule: 'dependency-changed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload: when \`coupon\` is present, it now requires \`campaign\` instead of matching a schema.`, at: '9:50' },
    ]),
    payloadExample('the same dependency moved from `dependencies` to `dependentRequired`', 'accept', order(', dependencies: { coupon: [campaign] }'), order(', dependentRequired: { coupon: [campaign] }'), []),
  ],
  run(ctx) {
    const deps = (v: typeof ctx.base) => {
      const out = new Map<string, { value: unknown; loc: typeof v.loc }>();
      for (const k of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
        const d = v.kw.get(k);
        if (d && d.value && typeof d.value === 'object') for (const [name, x] of Object.entries(d.value)) out.set(name, { value: x, loc: { file: d.loc.file, pointer: `${d.loc.pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` } });
      }
      return out;
    };
    const b = deps(ctx.base);
    const r = deps(ctx.rev);
    for (const [name, x] of b)
      if (!r.has(name)) ctx.report('dependency-removed', `{path} no longer has a dependency on ${code(name)}`, { base: x.loc, revision: ctx.rev.loc }, { data: { name } });
    for (const [name, y] of r) {
      const x = b.get(name);
      if (!x) {
        ctx.report('dependency-added', `{path} has a new dependency on ${code(name)}`, { base: ctx.base.loc, revision: y.loc }, { data: { name } });
        continue;
      }
      // A list of names turned into a schema (or back): the two are not compared, so it may break either way.
      if (Array.isArray(x.value) !== Array.isArray(y.value)) {
        const names = (v: unknown[]) => v.map(code).join(', ') || 'nothing';
        const text = Array.isArray(x.value)
          ? `{path}: when ${code(name)} is present, it must now match a schema instead of requiring ${names(x.value)}`
          : `{path}: when ${code(name)} is present, it now requires ${names(y.value as unknown[])} instead of matching a schema`;
        ctx.report('dependency-changed', text, { base: x.loc, revision: y.loc }, { data: { name } });
        continue;
      }
      if (Array.isArray(x.value) && Array.isArray(y.value)) {
        const more = y.value.filter((v) => !(x.value as unknown[]).includes(v));
        const fewer = (x.value as unknown[]).filter((v) => !(y.value as unknown[]).includes(v));
        if (!more.length && !fewer.length) continue;
        const level = more.length && !fewer.length ? NARROW[ctx.dir] : !more.length ? WIDEN[ctx.dir] : 'breaking';
        ctx.report('dependency-changed', `{path}: when ${code(name)} is present, it now requires ${y.value.map(code).join(', ') || 'nothing'} instead of ${x.value.map(code).join(', ') || 'nothing'}`, { base: x.loc, revision: y.loc }, { level, data: { name, to: y.value } });
      }
    }
  },
};
export default check;
