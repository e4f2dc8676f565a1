import { same } from '../canonical.js';
import { code, directed, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** An order payload whose `shipping` string has `extra` keywords. */
const shipping = (extra = '') => `{ properties: { shipping: { type: string${extra} } } }`;

/** `default`: what the receiver assumes when a value is missing. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('default-changed', 'schema', 'warning', 'non-breaking', 'The default value changed: senders that omit the value get a different behaviour.'),
    directed('default-removed', 'schema', 'warning', 'non-breaking', 'The default value is gone.'),
    directed('default-added', 'schema', 'non-breaking', 'non-breaking', 'A default value is declared.'),
  ],
  examples: () => [
    payloadExample('a received order: the shipping default changed', 'accept', shipping(', default: standard'), shipping(', default: express'), [
      { rule: 'default-changed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: \`shipping\` default changed from \`standard\` to \`express\`.`, at: '9:60' },
    ]),
    payloadExample('a sent order: the shipping default changed', 'emit', shipping(', default: standard'), shipping(', default: express'), [
      { rule: 'default-changed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`shipping\` default changed from \`standard\` to \`express\`.`, at: '9:60' },
    ]),
    payloadExample('a received order: the shipping default dropped', 'accept', shipping(', default: standard'), shipping(), [
      { rule: 'default-removed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: \`shipping\` no longer defaults to \`standard\`.`, at: '9:34' },
    ]),
    payloadExample('a sent order: the shipping default dropped', 'emit', shipping(', default: standard'), shipping(), [
      { rule: 'default-removed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`shipping\` no longer defaults to \`standard\`.`, at: '9:34' },
    ]),
    payloadExample('a shipping default declared', 'accept', shipping(), shipping(', default: standard'), [
      { rule: 'default-added', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`shipping\` now defaults to \`standard\`.`, at: '9:60' },
    ]),
    payloadExample('the default kept, the shipping described', 'accept', shipping(', default: standard'), shipping(', default: standard, description: Shipping speed'), []),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('default');
    const r = ctx.rev.kw.get('default');
    if (!b && !r) return;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (!b) ctx.report('default-added', `{path} now defaults to ${code(r!.value)}`, where);
    else if (!r) ctx.report('default-removed', `{path} no longer defaults to ${code(b.value)}`, where, { data: { from: b.value } });
    else if (!same(b.value, r.value))
      ctx.report('default-changed', `{path} default changed from ${code(b.value)} to ${code(r.value)}`, where, { data: { from: b.value, to: r.value } });
  },
};
export default check;
