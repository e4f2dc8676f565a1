import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { admits } from '../schema/view.js';
import { payloadExample } from '../examples.js';
import { edited, openapi } from '../model-examples.js';

const list = (types: string[]) => types.map(code).join(', ');

/** `type` (with `nullable` and `type: [..., "null"]`): which JSON types are valid, `integer` inside `number`. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('type-narrowed', 'schema', NARROW.accept, NARROW.emit, 'Fewer JSON types are valid (a type or `null` removed, `number` to `integer`).'),
    directed('type-widened', 'schema', WIDEN.accept, WIDEN.emit, 'More JSON types are valid (a type or `null` added, `integer` to `number`).'),
    directed('type-changed', 'schema', 'breaking', 'breaking', 'The type changed to one that shares no values with the old one.'),
  ],
  examples: () => [
    edited(
      'a request body without a schema (any content) gains one',
      openapi(`paths:\n  /orders:\n    post:\n      requestBody:\n        content:\n          application/json: {}\n      responses: { '201': { description: Created. } }\n`),
      'application/json: {}',
      'application/json: { schema: { type: object } }',
      [{ rule: 'type-narrowed', level: 'breaking', message: 'Request body of `POST /orders`: the request body is now restricted to type `object`; values of other types are rejected.', at: '8:41' }],
    ),
    payloadExample('a received quantity no longer takes decimals', 'accept', '{ type: number }', '{ type: integer }', [{ rule: 'type-narrowed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload must now be an `integer`, not any `number`; fractional numbers are now rejected.", at: '9:20' }]),
    payloadExample('a sent note may now be null', 'emit', '{ type: string }', '{ type: [string, "null"] }', [{ rule: 'type-widened', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload may now be `null`; consumers that do not expect `null` break.", at: '9:20' }]),
    payloadExample('a received id changes from number to string', 'accept', '{ type: number }', '{ type: string }', [{ rule: 'type-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload type changed from `number` to `string`.", at: '9:20' }]),
    payloadExample('a sent id changes from number to string', 'emit', '{ type: number }', '{ type: string }', [{ rule: 'type-changed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload type changed from `number` to `string`.", at: '9:20' }]),
    payloadExample('a received note may now be null (more is accepted)', 'accept', '{ type: string }', '{ type: [string, "null"] }', [{ rule: 'type-widened', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload may now be `null`.", at: '9:20' }]),
    payloadExample('a sent quantity may now be fractional', 'emit', '{ type: integer }', '{ type: number }', [
      { rule: 'type-widened', level: 'breaking', message: 'Payload of message `Order` sent on `orders`: the payload may now be any `number`, not only an `integer`; consumers may receive fractional numbers.', at: '9:20' },
    ]),
    payloadExample('the type written as a one-element list', 'accept', '{ type: string }', '{ type: [string] }', []),
    payloadExample('a sent quantity no longer has decimals (fewer values reach consumers)', 'emit', '{ type: number }', '{ type: integer }', [{ rule: 'type-narrowed', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now be an `integer`, not any `number`.", at: '9:20' }]),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (base.bool !== undefined || rev.bool !== undefined) return;
    const bt = base.types;
    const rt = rev.types;
    if (!bt && !rt) return;
    // A union on one side is compared branch by branch (see `variants`).
    if ((!bt && base.branches) || (!rt && rev.branches)) return;
    const where = { base: base.typesLoc ?? base.loc, revision: rev.typesLoc ?? rev.loc };
    if (!bt) {
      ctx.report('type-narrowed', `{path} is now restricted to type ${list([...rt!])}${ctx.dir === 'accept' ? '; values of other types are rejected' : ''}`, where, { data: { to: [...rt!].sort() } });
      return;
    }
    if (!rt) {
      ctx.report('type-widened', `{path} is no longer restricted to type ${list([...bt])}${ctx.dir === 'emit' ? `; ${ctx.readers} may receive values of any type` : ''}`, where, { data: { from: [...bt].sort() } });
      return;
    }
    const removed = [...bt].filter((t) => !admits(rt, t));
    const added = [...rt].filter((t) => !admits(bt, t));
    if (!removed.length && !added.length) return;
    const data = { from: [...bt].sort(), to: [...rt].sort() };
    if (removed.length && added.length) {
      const from = [...bt].filter((t) => t !== 'null');
      const to = [...rt].filter((t) => t !== 'null');
      ctx.report('type-changed', `{path} type changed from ${list(from.length ? from : [...bt])} to ${list(to.length ? to : [...rt])}`, where, { data });
    } else if (removed.length) {
      // `number` to `integer` keeps the whole numbers: only fractional ones go.
      const text =
        removed.length === 1 && removed[0] === 'null'
          ? `{path} can no longer be \`null\`${ctx.dir === 'accept' ? '; `null` is now rejected' : ''}`
          : removed.length === 1 && removed[0] === 'number' && rt.has('integer')
            ? `{path} must now be an \`integer\`, not any \`number\`${ctx.dir === 'accept' ? '; fractional numbers are now rejected' : ''}`
            : `{path} no longer allows type ${list(removed)}${ctx.dir === 'accept' ? '; such values are now rejected' : ''}`;
      ctx.report('type-narrowed', text, where, { data });
    } else {
      const text =
        added.length === 1 && added[0] === 'null'
          ? `{path} may now be \`null\`${ctx.dir === 'emit' ? `; ${ctx.readers} that do not expect \`null\` break` : ''}`
          : added.length === 1 && added[0] === 'number' && bt.has('integer')
            ? `{path} may now be any \`number\`, not only an \`integer\`${ctx.dir === 'emit' ? `; ${ctx.readers} may receive fractional numbers` : ''}`
            : `{path} now also allows type ${list(added)}${ctx.dir === 'emit' ? `; ${ctx.readers} may receive values of a type they do not handle` : ''}`;
      ctx.report('type-widened', text, where, { data });
    }
  },
};
export default check;
