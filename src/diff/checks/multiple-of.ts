import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';

/** `multipleOf`: a new divisor that is a multiple of the old one narrows; a divisor of it widens. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('multiple-of-added', 'schema', NARROW.accept, NARROW.emit, '`multipleOf` added: fewer numbers are valid.'),
    directed('multiple-of-removed', 'schema', WIDEN.accept, WIDEN.emit, '`multipleOf` removed: more numbers are valid.'),
    directed(
      'multiple-of-changed',
      'schema',
      'breaking',
      'breaking',
      '`multipleOf` changed.',
      'a new value that is a multiple of the old one only narrows (breaking when accepted, non-breaking when emitted); a divisor of the old one only widens (the reverse)',
    ),
  ],
  examples: () => [
    payloadExample('a received amount must now be in cents', 'accept', '{ type: number }', '{ type: number, multipleOf: 0.01 }', [{ rule: 'multiple-of-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload must now be a multiple of 0.01.", at: '9:34' }]),
    payloadExample('a sent quantity may now be any number', 'emit', '{ type: number, multipleOf: 5 }', '{ type: number }', [{ rule: 'multiple-of-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload no longer has to be a multiple of 5.", at: '9:9' }]),
    payloadExample('a received quantity: packs of 5 become packs of 10 (fewer values)', 'accept', '{ type: integer, multipleOf: 5 }', '{ type: integer, multipleOf: 10 }', [{ rule: 'multiple-of-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload `multipleOf` changed from 5 to 10.", at: '9:35' }]),
    payloadExample('a sent quantity: packs of 10 become packs of 5 (more values)', 'emit', '{ type: integer, multipleOf: 10 }', '{ type: integer, multipleOf: 5 }', [{ rule: 'multiple-of-changed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload `multipleOf` changed from 10 to 5.", at: '9:35' }]),
    payloadExample('a received quantity: packs of 4 become packs of 6 (neither divides the other)', 'accept', '{ type: integer, multipleOf: 4 }', '{ type: integer, multipleOf: 6 }', [{ rule: 'multiple-of-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload `multipleOf` changed from 4 to 6.", at: '9:35' }]),
    payloadExample('the same multiple, written as a float', 'accept', '{ type: number, multipleOf: 5 }', '{ type: number, multipleOf: 5.0 }', []),
    payloadExample('a sent amount is now in cents (fewer values reach consumers)', 'emit', '{ type: number }', '{ type: number, multipleOf: 0.01 }', [{ rule: 'multiple-of-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now be a multiple of 0.01.", at: '9:34' }]),
    payloadExample('a received quantity may now be any number', 'accept', '{ type: number, multipleOf: 5 }', '{ type: number }', [{ rule: 'multiple-of-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload no longer has to be a multiple of 5.", at: '9:9' }]),
    payloadExample('a sent amount is now in cents (fewer values reach consumers)', 'emit', '{ type: number }', '{ type: number, multipleOf: 0.01 }', [{ rule: 'multiple-of-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now be a multiple of 0.01.", at: '9:34' }]),
    payloadExample('a received quantity may now be any number', 'accept', '{ type: number, multipleOf: 5 }', '{ type: number }', [{ rule: 'multiple-of-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload no longer has to be a multiple of 5.", at: '9:9' }]),
  ],
  run(ctx) {
    const b = ctx.base.kw.get('multipleOf');
    const r = ctx.rev.kw.get('multipleOf');
    const bv = typeof b?.value === 'number' ? b.value : undefined;
    const rv = typeof r?.value === 'number' ? r.value : undefined;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    if (bv === undefined && rv !== undefined) ctx.report('multiple-of-added', `{path} must now be a multiple of ${rv}`, where, { data: { to: rv } });
    else if (bv !== undefined && rv === undefined) ctx.report('multiple-of-removed', `{path} no longer has to be a multiple of ${bv}`, where, { data: { from: bv } });
    else if (bv !== undefined && rv !== undefined && bv !== rv) {
      const divides = (a: number, d: number) => Math.abs(a / d - Math.round(a / d)) < 1e-9;
      const narrower = divides(rv, bv);
      const wider = divides(bv, rv);
      const level = narrower ? NARROW[ctx.dir] : wider ? WIDEN[ctx.dir] : 'breaking';
      ctx.report('multiple-of-changed', `{path} \`multipleOf\` changed from ${bv} to ${rv}`, where, { level, data: { from: bv, to: rv } });
    }
  },
};
export default check;
