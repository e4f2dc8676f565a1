import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { readersRisk } from '../schema/keyword.js';
import type { At } from '../schema/view.js';
import { payloadExample } from '../examples.js';

const open = (a?: At) => a === undefined || a.value === true || (typeof a.value === 'object' && a.value !== null && Object.keys(a.value).length === 0);

/**
 * `patternProperties` gained or lost a pattern (schemas under the same pattern are compared as children).
 * Where unlisted properties are free, a new pattern only constrains them (narrows) and a dropped one frees
 * them (widens). Where `additionalProperties` constrains them, a pattern also takes names out of its reach,
 * which may go either way.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('pattern-property-added', 'schema', NARROW.accept, NARROW.emit, 'Properties whose names match a new pattern must now match its schema.'),
    directed('pattern-property-removed', 'schema', WIDEN.accept, WIDEN.emit, 'Properties whose names match a dropped pattern no longer have to match its schema.'),
    directed('pattern-property-changed', 'schema', 'warning', 'warning', 'A pattern was added or dropped beside a constraining `additionalProperties`: it may break either way.'),
  ],
  examples: () => [
    payloadExample('received labels starting `x-` must now be strings', 'accept', '{ type: object }', '{ type: object, patternProperties: { "^x-": { type: string } } }', [{ rule: 'pattern-property-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload properties matching `^x-` must now match a schema.", at: '9:55' }]),
    payloadExample('sent labels starting `x-` may now be anything', 'emit', '{ type: object, patternProperties: { "^x-": { type: string } } }', '{ type: object }', [{ rule: 'pattern-property-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload properties matching `^x-` no longer have to match a schema; consumers may receive values they do not handle.", at: '9:9' }]),
    payloadExample('received labels: a pattern beside a closed object', 'accept', '{ type: object, additionalProperties: false }', '{ type: object, additionalProperties: false, patternProperties: { "^x-": { type: string } } }', [{ rule: 'pattern-property-changed', level: 'warning', message: "Payload of message `Order` received on `orders`: the payload properties matching `^x-` are now governed by their own schema instead of `additionalProperties`; it may break.", at: '9:84' }]),
    payloadExample('received labels: the same pattern, its schema described', 'accept', '{ type: object, patternProperties: { "^x-": { type: string } } }', '{ type: object, patternProperties: { "^x-": { type: string, description: Vendor label } } }', []),
    payloadExample('sent labels starting `x-` must now be strings (fewer shapes reach consumers)', 'emit', '{ type: object }', '{ type: object, patternProperties: { "^x-": { type: string } } }', [{ rule: 'pattern-property-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload properties matching `^x-` must now match a schema.", at: '9:55' }]),
    payloadExample('received labels starting `x-` may now be anything', 'accept', '{ type: object, patternProperties: { "^x-": { type: string } } }', '{ type: object }', [{ rule: 'pattern-property-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload properties matching `^x-` no longer have to match a schema.", at: '9:9' }]),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    const closed = !open(base.additional) || !open(rev.additional);
    for (const [p, r] of rev.patternProps)
      if (!base.patternProps.has(p)) {
        if (closed) ctx.report('pattern-property-changed', `{path} properties matching ${code(p)} are now governed by their own schema instead of \`additionalProperties\`; it may break`, { base: base.loc, revision: r.loc }, { data: { pattern: p } });
        else ctx.report('pattern-property-added', `{path} properties matching ${code(p)} must now match a schema`, { base: base.loc, revision: r.loc }, { data: { pattern: p } });
      }
    for (const [p, b] of base.patternProps)
      if (!rev.patternProps.has(p)) {
        if (closed) ctx.report('pattern-property-changed', `{path} properties matching ${code(p)} are now governed by \`additionalProperties\` instead of their own schema; it may break`, { base: b.loc, revision: rev.loc }, { data: { pattern: p } });
        else ctx.report('pattern-property-removed', `{path} properties matching ${code(p)} no longer have to match a schema${readersRisk(ctx)}`, { base: b.loc, revision: rev.loc }, { data: { pattern: p } });
      }
  },
};
export default check;
