import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** `items` declared or dropped (two `items` schemas are compared element by element, `[]`). */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('items-restricted', 'schema', NARROW.accept, NARROW.emit, 'Array items must now match a schema.'),
    directed('items-unrestricted', 'schema', WIDEN.accept, WIDEN.emit, 'Array items no longer have to match a schema.'),
  ],
  examples: () => [
    payloadExample('a received order: its tags must now be strings', 'accept', '{ properties: { tags: { type: array } } }', '{ properties: { tags: { type: array, items: { type: string } } } }', [
      { rule: 'items-restricted', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`tags\` items must now match a schema.`, at: '9:55' },
    ]),
    payloadExample('a sent order: its tags must now be strings', 'emit', '{ properties: { tags: { type: array } } }', '{ properties: { tags: { type: array, items: { type: string } } } }', [
      { rule: 'items-restricted', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`tags\` items must now match a schema.`, at: '9:55' },
    ]),
    payloadExample('a received order: its tags, strings before, may now be anything', 'accept', '{ properties: { tags: { type: array, items: { type: string } } } }', '{ properties: { tags: { type: array } } }', [
      { rule: 'items-unrestricted', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`tags\` items may now be anything.`, at: '9:34' },
    ]),
    payloadExample('the tag schema itself changed, compared item by item', 'accept', '{ properties: { tags: { type: array, items: { type: string } } } }', '{ properties: { tags: { type: array, items: { type: string, maxLength: 20 } } } }', []),
    payloadExample('a sent order: its tags, strings before, may now be anything (`items: {}`)', 'emit', '{ properties: { tags: { type: array, items: { type: string } } } }', '{ properties: { tags: { type: array, items: {} } } }', [
      { rule: 'items-unrestricted', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`tags\` items may now be anything; consumers may receive items they do not handle.`, at: '9:55' },
    ]),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    const isArray = (t?: Set<string>) => !!t?.has('array');
    if (!isArray(base.types) || !isArray(rev.types)) return;
    const open = (a?: { value: unknown }) => a === undefined || a.value === true || (typeof a.value === 'object' && a.value !== null && Object.keys(a.value).length === 0);
    const b = open(base.items);
    const r = open(rev.items);
    // `items: {}` or `items: true` is written somewhere: point at it rather than at the array.
    const where = { base: base.items?.loc ?? base.loc, revision: rev.items?.loc ?? rev.loc };
    if (b && !r) ctx.report('items-restricted', '{path} items must now match a schema', where);
    else if (!b && r) ctx.report('items-unrestricted', `{path} items may now be anything${ctx.dir === 'emit' ? `; ${ctx.readers} may receive items they do not handle` : ''}`, where);
  },
};
export default check;
