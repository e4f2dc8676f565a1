import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { readersRisk } from '../schema/keyword.js';
import type { At } from '../schema/view.js';
import { payloadExample } from '../examples.js';

const open = (a?: At) => a === undefined || a.value === true || (typeof a.value === 'object' && a.value !== null && Object.keys(a.value).length === 0);

/**
 * Tuples: `prefixItems` (2020-12) or draft-07 `items: [...]`, whose positions past the tuple follow
 * `items`/`additionalItems` (compared by items.ts). Positions present on both sides are compared as
 * children; a position added or dropped moves it between its own schema and the rest schema. With a free
 * rest, adding one narrows and dropping one widens; otherwise the two schemas are not compared.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('prefix-item-added', 'schema', NARROW.accept, NARROW.emit, 'A tuple position must now match its own schema.'),
    directed('prefix-item-removed', 'schema', WIDEN.accept, WIDEN.emit, 'A tuple position no longer has its own schema.'),
    directed('prefix-item-changed', 'schema', 'warning', 'warning', 'A tuple position moved between its own schema and the schema of the remaining items: it may break.'),
  ],

  examples: () => [
    payloadExample('a received coordinate pair: its second position must now be a number', 'accept', '{ type: array, prefixItems: [{ type: number }] }', '{ type: array, prefixItems: [{ type: number }, { type: number }] }', [{ rule: 'prefix-item-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload tuple item 1 must now match a schema.", at: '9:65' }]),
    payloadExample('a sent coordinate pair: its second position may now be anything', 'emit', '{ type: array, prefixItems: [{ type: number }, { type: number }] }', '{ type: array, prefixItems: [{ type: number }] }', [{ rule: 'prefix-item-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload tuple item 1 may now be anything; consumers may receive values they do not handle.", at: '9:9' }]),
    payloadExample('a received pair: a position moves from the remaining items schema to its own', 'accept', '{ type: array, prefixItems: [{ type: number }], items: { type: string } }', '{ type: array, prefixItems: [{ type: number }, { type: number }], items: { type: string } }', [{ rule: 'prefix-item-changed', level: 'warning', message: "Payload of message `Order` received on `orders`: the payload tuple item 1 now has its own schema instead of the one for remaining items; it may break.", at: '9:65' }]),
    payloadExample('a received pair: the same positions', 'accept', '{ type: array, prefixItems: [{ type: number }, { type: string }] }', '{ type: array, prefixItems: [{ type: number }, { type: string, description: Label }] }', []),
    payloadExample('a sent coordinate pair: its second position must now be a number', 'emit', '{ type: array, prefixItems: [{ type: number }] }', '{ type: array, prefixItems: [{ type: number }, { type: number }] }', [{ rule: 'prefix-item-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload tuple item 1 must now match a schema.", at: '9:65' }]),
    payloadExample('a received coordinate pair: its second position may now be anything', 'accept', '{ type: array, prefixItems: [{ type: number }, { type: number }] }', '{ type: array, prefixItems: [{ type: number }] }', [{ rule: 'prefix-item-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload tuple item 1 may now be anything.", at: '9:9' }]),
  ],
  run(ctx) {
    const b = ctx.base.prefixItems;
    const r = ctx.rev.prefixItems;
    if (b.length === r.length) return;
    const longer = r.length > b.length;
    const rest = longer ? ctx.base.items : ctx.rev.items;
    const first = Math.min(b.length, r.length);
    const where = longer ? { base: ctx.base.loc, revision: r[first].loc } : { base: b[first].loc, revision: ctx.rev.loc };
    const span = Math.abs(r.length - b.length) === 1 ? `item ${first}` : `items ${first} to ${Math.max(b.length, r.length) - 1}`;
    if (!open(rest)) ctx.report('prefix-item-changed', `{path} tuple ${span} ${longer ? 'now has its own schema instead of the one for remaining items' : 'now follows the schema for remaining items'}; it may break`, where);
    else if (longer) ctx.report('prefix-item-added', `{path} tuple ${span} must now match a schema`, where);
    else ctx.report('prefix-item-removed', `{path} tuple ${span} may now be anything${readersRisk(ctx)}`, where);
  },
};
export default check;
