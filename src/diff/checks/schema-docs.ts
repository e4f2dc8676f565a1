import { same } from '../canonical.js';
import { code, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/**
 * Documentation inside schemas: `description`, `title`, `example(s)`, `deprecated` and `x-` keys. These
 * change no valid value; the rules are declared with the other documentation rules (`docs`, `deprecation`).
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [],
  examples: () => [
    payloadExample('the order payload described', 'accept', '{ type: object }', '{ type: object, description: A customer order }', [
      { rule: 'description-changed', level: 'patch', message: `Payload of message \`Order\` received on \`orders\`: the payload description added.`, at: '9:34' },
    ]),
    payloadExample('the order payload retitled', 'emit', '{ type: object, title: Order }', '{ type: object, title: Purchase order }', [
      { rule: 'title-changed', level: 'patch', message: `Payload of message \`Order\` sent on \`orders\`: the payload title changed.`, at: '9:34' },
    ]),
    payloadExample('an example order dropped', 'emit', '{ type: object, examples: [{ id: ord-1 }] }', '{ type: object }', [
      { rule: 'examples-changed', level: 'patch', message: `Payload of message \`Order\` sent on \`orders\`: the payload examples changed.`, at: '9:9' },
    ]),
    payloadExample('the `total` property deprecated', 'emit', '{ type: object, properties: { total: { type: number } } }', '{ type: object, properties: { total: { type: number, deprecated: true } } }', [
      { rule: 'deprecated', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`total\` is now deprecated.`, at: '9:71' },
    ]),
    payloadExample('the deprecation of `total` withdrawn', 'accept', '{ type: object, properties: { total: { type: number, deprecated: true } } }', '{ type: object, properties: { total: { type: number } } }', [
      { rule: 'undeprecated', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`total\` is no longer deprecated.`, at: '9:48' },
    ]),
    payloadExample('an `x-` extension added to the payload', 'accept', '{ type: object }', '{ type: object, x-owner: billing }', [
      { rule: 'extension-changed', level: 'patch', message: `Payload of message \`Order\` received on \`orders\`: the payload extension \`x-owner\` added.`, at: '9:34' },
    ]),
    payloadExample('a validation keyword changed, the documentation kept', 'accept', '{ type: object, description: An order }', '{ type: object, description: An order, minProperties: 1 }', []),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    const kw = (k: string, rule: string, what: string) => {
      const b = base.kw.get(k);
      const r = rev.kw.get(k);
      if (!b && !r) return;
      if (b && r && same(b.value, r.value)) return;
      ctx.report(rule, `{path} ${what} ${!b ? 'added' : !r ? 'removed' : 'changed'}`, { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc });
    };
    kw('description', 'description-changed', 'description');
    kw('title', 'title-changed', 'title');
    if (!same(base.kw.get('example')?.value, rev.kw.get('example')?.value) || !same(base.kw.get('examples')?.value, rev.kw.get('examples')?.value)) {
      const b = base.kw.get('example') ?? base.kw.get('examples');
      const r = rev.kw.get('example') ?? rev.kw.get('examples');
      ctx.report('examples-changed', '{path} examples changed', { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc });
    }
    const bd = base.kw.get('deprecated')?.value === true;
    const rd = rev.kw.get('deprecated')?.value === true;
    if (bd !== rd)
      ctx.report(rd ? 'deprecated' : 'undeprecated', rd ? '{path} is now deprecated' : '{path} is no longer deprecated', {
        base: base.kw.get('deprecated')?.loc ?? base.loc,
        revision: rev.kw.get('deprecated')?.loc ?? rev.loc,
      });
    const keys = new Set([...base.ext.keys(), ...rev.ext.keys()]);
    for (const k of keys) {
      const b = base.ext.get(k);
      const r = rev.ext.get(k);
      if (b && r && same(b.value, r.value)) continue;
      ctx.report('extension-changed', `{path} extension ${code(k)} ${!b ? 'added' : !r ? 'removed' : 'changed'}`, { base: b?.loc ?? base.loc, revision: r?.loc ?? rev.loc }, { data: { key: k } });
    }
  },
};
export default check;
