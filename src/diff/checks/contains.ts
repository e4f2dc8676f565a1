import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { presence, readersRisk } from '../schema/keyword.js';
import { payloadExample } from '../examples.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** An order payload whose `lines` array has `extra` keywords. */
const lines = (extra = '') => `{ properties: { lines: { type: array${extra} } } }`;
const GIFT = ', contains: { const: gift-wrap }';

/**
 * `contains` with `minContains`/`maxContains` (2020-12): how many items must match. Adding `contains`
 * narrows, dropping it widens; two different `contains` schemas are not compared for inclusion, so the
 * change may break either way. The counts compare as bounds (`minContains` defaults to 1, `maxContains`
 * to unbounded) while `contains` stays the same.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('contains-added', 'schema', NARROW.accept, NARROW.emit, 'The array must now contain an item matching a schema.'),
    directed('contains-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The array no longer has to contain an item matching a schema.'),
    directed('contains-changed', 'schema', 'warning', 'warning', 'The `contains` schema changed and the two cannot be compared: it may break.'),
    directed('contains-count-narrowed', 'schema', NARROW.accept, NARROW.emit, '`minContains` raised or `maxContains` lowered: fewer arrays qualify.'),
    directed('contains-count-widened', 'schema', WIDEN.accept, WIDEN.emit, '`minContains` lowered or `maxContains` raised: more arrays qualify.'),
  ],
  examples: () => [
    payloadExample('a received order must now include a gift-wrap line', 'accept', lines(), lines(GIFT), [
      { rule: 'contains-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` must now contain an item matching the \`contains\` schema.`, at: '9:56' },
    ]),
    payloadExample('a sent order must now include a gift-wrap line', 'emit', lines(), lines(GIFT), [
      { rule: 'contains-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` must now contain an item matching the \`contains\` schema.`, at: '9:56' },
    ]),
    payloadExample('a received order no longer has to include a gift-wrap line', 'accept', lines(GIFT), lines(), [
      { rule: 'contains-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` no longer has to contain an item matching the \`contains\` schema.`, at: '9:34' },
    ]),
    payloadExample('a sent order no longer has to include a gift-wrap line', 'emit', lines(GIFT), lines(), [
      { rule: 'contains-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` no longer has to contain an item matching the \`contains\` schema; consumers may receive values they do not handle.`, at: '9:34' },
    ]),
    payloadExample('the line an order must include changed from gift-wrap to express', 'accept', lines(GIFT), lines(', contains: { const: express }'), [
      { rule: 'contains-changed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` \`contains\` schema changed; it may break: arrays accepted before may now be rejected, or the reverse.`, at: '9:56' },
    ]),
    payloadExample('a received order must now have two gift-wrap lines', 'accept', lines(GIFT), lines(`${GIFT}, minContains: 2`), [
      { rule: 'contains-count-narrowed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` must now contain at least 2 matching items (was at least 1).`, at: '9:88' },
    ]),
    payloadExample('a sent order must now have two gift-wrap lines', 'emit', lines(GIFT), lines(`${GIFT}, minContains: 2`), [
      { rule: 'contains-count-narrowed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` must now contain at least 2 matching items (was at least 1).`, at: '9:88' },
    ]),
    payloadExample('a received order may have five gift-wrap lines instead of two', 'accept', lines(`${GIFT}, maxContains: 2`), lines(`${GIFT}, maxContains: 5`), [
      { rule: 'contains-count-widened', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` must now contain 1 to 5 matching items (was 1 to 2).`, at: '9:88' },
    ]),
    payloadExample('a sent order may have five gift-wrap lines instead of two', 'emit', lines(`${GIFT}, maxContains: 2`), lines(`${GIFT}, maxContains: 5`), [
      { rule: 'contains-count-widened', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` must now contain 1 to 5 matching items (was 1 to 2); consumers may receive values they do not handle.`, at: '9:88' },
    ]),
    payloadExample('one to three gift-wrap lines instead of two to five: fewer and more orders at once', 'accept', lines(`${GIFT}, minContains: 2, maxContains: 5`), lines(`${GIFT}, minContains: 1, maxContains: 3`), [
      { rule: 'contains-count-narrowed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` must now contain 1 to 3 matching items (was 2 to 5).`, at: '9:104' },
      { rule: 'contains-count-widened', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` must now contain 1 to 3 matching items (was 2 to 5).`, at: '9:88' },
    ]),
    payloadExample('the default `minContains: 1` written out', 'accept', lines(GIFT), lines(`${GIFT}, minContains: 1`), []),
  ],
  run(ctx) {
    const p = presence(ctx, 'contains');
    if (!p.base && p.rev) return ctx.report('contains-added', '{path} must now contain an item matching the `contains` schema', p.where);
    if (p.base && !p.rev) return ctx.report('contains-removed', `{path} no longer has to contain an item matching the \`contains\` schema${readersRisk(ctx)}`, p.where);
    if (!p.base || !p.rev) return;
    if (p.changed) return ctx.report('contains-changed', '{path} `contains` schema changed; it may break: arrays accepted before may now be rejected, or the reverse', p.where);
    const bMin = num(ctx.base.kw.get('minContains')?.value) ?? 1;
    const rMin = num(ctx.rev.kw.get('minContains')?.value) ?? 1;
    const bMax = num(ctx.base.kw.get('maxContains')?.value) ?? Infinity;
    const rMax = num(ctx.rev.kw.get('maxContains')?.value) ?? Infinity;
    // Each finding stands on the count that caused it (both move when `2 to 5` becomes `1 to 3`).
    const at = (key: string) => ({ base: ctx.base.kw.get(key)?.loc ?? p.where.base, revision: ctx.rev.kw.get(key)?.loc ?? p.where.revision });
    const range = (min: number, max: number) => (max === Infinity ? `at least ${min}` : `${min} to ${max}`);
    const text = `{path} must now contain ${range(rMin, rMax)} matching items (was ${range(bMin, bMax)})`;
    // `minContains: 0` drops the requirement altogether; still a lower bound.
    if (rMin > bMin || rMax < bMax) ctx.report('contains-count-narrowed', text, at(rMin > bMin ? 'minContains' : 'maxContains'));
    if (rMin < bMin || rMax > bMax) ctx.report('contains-count-widened', text + readersRisk(ctx), at(rMin < bMin ? 'minContains' : 'maxContains'));
  },
};
export default check;
