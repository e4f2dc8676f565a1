import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** `pattern`: added narrows, removed widens; a different pattern cannot be compared, so it breaks both ways. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('pattern-added', 'schema', NARROW.accept, NARROW.emit, 'A `pattern` now restricts the string.'),
    directed('pattern-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The `pattern` no longer restricts the string.'),
    directed('pattern-changed', 'schema', 'breaking', 'breaking', 'The `pattern` changed (regular expressions are not compared for inclusion).'),
  ],
  examples: () => [
    payloadExample('a received SKU must now match a pattern', 'accept', '{ type: string }', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', [{ rule: 'pattern-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload must now match `^[A-Z]{3}-[0-9]+$`.", at: '9:34' }]),
    payloadExample('a sent SKU no longer has to match its pattern', 'emit', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', '{ type: string }', [{ rule: 'pattern-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload no longer has to match `^[A-Z]{3}-[0-9]+$`.", at: '9:9' }]),
    payloadExample('a received SKU: another pattern', 'accept', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', '{ type: string, pattern: "^[A-Z]{2}[0-9]+$" }', [{ rule: 'pattern-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload pattern changed from `^[A-Z]{3}-[0-9]+$` to `^[A-Z]{2}[0-9]+$`.", at: '9:34' }]),
    payloadExample('a received SKU: the same pattern, described', 'accept', '{ type: string, pattern: "^[A-Z]+$" }', '{ type: string, pattern: "^[A-Z]+$", description: Stock keeping unit }', []),
    payloadExample('a sent SKU must now match a pattern (fewer shapes reach consumers)', 'emit', '{ type: string }', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', [{ rule: 'pattern-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now match `^[A-Z]{3}-[0-9]+$`.", at: '9:34' }]),
    payloadExample('a received SKU no longer has to match its pattern', 'accept', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', '{ type: string }', [{ rule: 'pattern-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload no longer has to match `^[A-Z]{3}-[0-9]+$`.", at: '9:9' }]),
    payloadExample('a sent SKU must now match a pattern (fewer shapes reach consumers)', 'emit', '{ type: string }', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', [{ rule: 'pattern-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now match `^[A-Z]{3}-[0-9]+$`.", at: '9:34' }]),
    payloadExample('a received SKU no longer has to match its pattern', 'accept', '{ type: string, pattern: "^[A-Z]{3}-[0-9]+$" }', '{ type: string }', [{ rule: 'pattern-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload no longer has to match `^[A-Z]{3}-[0-9]+$`.", at: '9:9' }]),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('pattern');
    const r = ctx.rev.kw.get('pattern');
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (!b && r) ctx.report('pattern-added', `{path} must now match ${code(r.value)}`, where, { data: { to: r.value } });
    else if (b && !r) ctx.report('pattern-removed', `{path} no longer has to match ${code(b.value)}`, where, { data: { from: b.value } });
    else if (b && r && b.value !== r.value) ctx.report('pattern-changed', `{path} pattern changed from ${code(b.value)} to ${code(r.value)}`, where, { data: { from: b.value, to: r.value } });
  },
};
export default check;
