import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** `uniqueItems`: requiring unique items narrows, dropping the requirement widens. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('unique-items-added', 'schema', NARROW.accept, NARROW.emit, 'Array items must now be unique.'),
    directed('unique-items-removed', 'schema', WIDEN.accept, WIDEN.emit, 'Array items no longer have to be unique.'),
  ],
  examples: () => [
    payloadExample('received tags must now be unique', 'accept', '{ type: array, items: { type: string } }', '{ type: array, items: { type: string }, uniqueItems: true }', [{ rule: 'unique-items-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload items must now be unique.", at: '9:58' }]),
    payloadExample('sent tags may now repeat', 'emit', '{ type: array, uniqueItems: true }', '{ type: array }', [{ rule: 'unique-items-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload items no longer have to be unique; consumers may receive duplicates.", at: '9:9' }]),
    payloadExample('sent tags must now be unique (fewer shapes reach consumers)', 'emit', '{ type: array }', '{ type: array, uniqueItems: true }', [{ rule: 'unique-items-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload items must now be unique.", at: '9:33' }]),
    payloadExample('`uniqueItems: false` is the default', 'accept', '{ type: array }', '{ type: array, uniqueItems: false }', []),
    payloadExample('received tags may now repeat', 'accept', '{ type: array, uniqueItems: true }', '{ type: array }', [{ rule: 'unique-items-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload items no longer have to be unique.", at: '9:9' }]),
    payloadExample('received tags may now repeat', 'accept', '{ type: array, uniqueItems: true }', '{ type: array }', [{ rule: 'unique-items-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload items no longer have to be unique.", at: '9:9' }]),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('uniqueItems')?.value === true;
    const r = ctx.rev.kw.get('uniqueItems')?.value === true;
    const where = { base: ctx.base.kw.get('uniqueItems')?.loc ?? ctx.base.loc, revision: ctx.rev.kw.get('uniqueItems')?.loc ?? ctx.rev.loc };
    if (!b && r) ctx.report('unique-items-added', '{path} items must now be unique', where);
    else if (b && !r) ctx.report('unique-items-removed', `{path} items no longer have to be unique${ctx.dir === 'emit' ? `; ${ctx.readers} may receive duplicates` : ''}`, where);
  },
};
export default check;
