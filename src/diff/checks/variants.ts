import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { branchLabel, signatureFrom, unionPairing } from '../schema/branches.js';
import { payloadExample } from '../examples.js';

/**
 * `oneOf`/`anyOf`: branches matched by component name, title or type (order does not matter); a
 * branch removed narrows, a branch added widens. `oneOf` and `anyOf` swapped is compared too.
 */
const check: SchemaCheck = {
  kind: 'schema',
  unions: true,
  rules: [
    directed('variant-removed', 'schema', NARROW.accept, NARROW.emit, 'A `oneOf`/`anyOf` branch is gone.'),
    directed('variant-added', 'schema', WIDEN.accept, WIDEN.emit, 'A new `oneOf`/`anyOf` branch: readers of emitted data may get a shape they do not handle.'),
    directed(
      'combinator-changed',
      'schema',
      'breaking',
      'breaking',
      '`anyOf` became `oneOf` or the reverse.',
      '`anyOf` to `oneOf` only narrows (breaking when accepted), `oneOf` to `anyOf` only widens (breaking when emitted)',
    ),
  ],
  examples: () => [
    payloadExample('a received payment no longer takes vouchers', 'accept', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Voucher, type: object, required: [code] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', [{ rule: 'variant-removed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload no longer allows the `Voucher` variant; senders of it are rejected.", at: '9:20' }]),
    payloadExample('a sent payment may now be a voucher', 'emit', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Voucher, type: object, required: [code] }] }', [{ rule: 'variant-added', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload now allows the `Voucher` variant; consumers may receive a shape they do not handle.", at: '9:76' }]),
    payloadExample('a received payment: `anyOf` becomes `oneOf`', 'accept', '{ anyOf: [{ type: string }, { type: number }] }', '{ oneOf: [{ type: string }, { type: number }] }', [{ rule: 'combinator-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload changed from `anyOf` to `oneOf`.", at: '9:20' }]),
    payloadExample('the branches reordered', 'accept', '{ oneOf: [{ type: string }, { type: number }] }', '{ oneOf: [{ type: number }, { type: string }] }', []),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (!base.branches && !rev.branches) return;
    if (base.branches && rev.branches && base.branches.kind !== rev.branches.kind) {
      const narrower = base.branches.kind === 'anyOf';
      ctx.report(
        'combinator-changed',
        `{path} changed from \`${base.branches.kind}\` to \`${rev.branches.kind}\``,
        { base: base.branches.loc, revision: rev.branches.loc },
        { level: narrower ? NARROW[ctx.dir] : WIDEN[ctx.dir], data: { from: base.branches.kind, to: rev.branches.kind } },
      );
    }
    const pairing = unionPairing(base, rev, signatureFrom((side, b) => ctx.view(side, b)));
    if (!pairing) return;
    for (const b of pairing.removed)
      ctx.report(
        'variant-removed',
        `{path} no longer allows the ${code(branchLabel(b))} variant${ctx.dir === 'accept' ? '; senders of it are rejected' : ''}`,
        { base: b.loc, revision: rev.branches?.loc ?? rev.loc },
        { data: { variant: branchLabel(b) } },
      );
    for (const r of pairing.added)
      ctx.report(
        'variant-added',
        `{path} now allows the ${code(branchLabel(r))} variant${ctx.dir === 'emit' ? `; ${ctx.readers} may receive a shape they do not handle` : ''}`,
        { base: base.branches?.loc ?? base.loc, revision: r.loc },
        { data: { variant: branchLabel(r) } },
      );
  },
};
export default check;
