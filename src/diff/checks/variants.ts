import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { branchLabel, disjoint, selfBranch, signatureFrom, unionPairing } from '../schema/branches.js';
import type { Branch } from '../schema/view.js';
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
    directed('variant-added', 'schema', WIDEN.accept, WIDEN.emit, 'A new `oneOf`/`anyOf` branch: readers of emitted data may get a shape they do not handle.', 'non-breaking when emitted if the old schema allowed every value of the new branch: nothing new is sent'),
    directed(
      'combinator-changed',
      'schema',
      'breaking',
      'breaking',
      '`anyOf` became `oneOf` or the reverse.',
      '`anyOf` to `oneOf` only narrows (breaking when accepted), `oneOf` to `anyOf` only widens (breaking when emitted)',
    ),
    directed(
      'variants-overlap',
      'schema',
      'breaking',
      'non-breaking',
      'A value accepted before now matches two `oneOf` branches, and `oneOf` rejects it.',
      'a warning when the branches may overlap but whether accepted values match both cannot be decided',
    ),
  ],
  examples: () => [
    payloadExample('a received payment no longer takes vouchers', 'accept', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Voucher, type: object, required: [code] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', [{ rule: 'variant-removed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload no longer allows the `Voucher` variant; senders of it are rejected.", at: '9:20' }]),
    payloadExample('a sent payment may now be a voucher', 'emit', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Voucher, type: object, required: [code] }] }', [{ rule: 'variant-added', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload now allows the `Voucher` variant; consumers may receive a shape they do not handle.", at: '9:76' }]),
    payloadExample('a received code: `anyOf` of overlapping branches becomes `oneOf`', 'accept', '{ anyOf: [{ type: string }, { type: string, maxLength: 5 }] }', '{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }', [{ rule: 'combinator-changed', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload changed from `anyOf` to `oneOf`.", at: '9:20' }]),
    payloadExample('a received code: `anyOf` of distinct types becomes `oneOf`', 'accept', '{ anyOf: [{ type: string }, { type: number }] }', '{ oneOf: [{ type: string }, { type: number }] }', []),
    payloadExample('a received code wrapped in a `oneOf` with a branch that also takes it', 'accept', '{ type: string }', '{ oneOf: [{ type: string }, { type: [string, number] }] }', [
      { rule: 'variants-overlap', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload must now match exactly one `oneOf` branch, but values accepted before match both `#1` and `#2`: they are rejected.", at: '9:20' },
      { rule: 'variant-added', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload now allows the `#2` variant.", at: '9:46' },
    ]),
    payloadExample('a received code wrapped in a `oneOf` whose branches may overlap', 'accept', '{ type: string }', '{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }', [
      { rule: 'variants-overlap', level: 'warning', message: "Payload of message `Order` received on `orders`: the payload must now match exactly one `oneOf` branch, and `#1` and `#2` may overlap; it may break: values accepted before that match both are rejected.", at: '9:20' },
      { rule: 'variant-added', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload now allows the `#2` variant.", at: '9:46' },
    ]),
    payloadExample('a sent code wrapped in a `oneOf` with a branch that also takes it (fewer values reach consumers)', 'emit', '{ type: string }', '{ oneOf: [{ type: string }, { type: [string, number] }] }', [
      { rule: 'variant-added', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload now allows the `#2` variant; consumers may receive a shape they do not handle.", at: '9:46' },
      { rule: 'variants-overlap', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload must now match exactly one `oneOf` branch: values sent before that match both `#1` and `#2` are no longer sent.", at: '9:20' },
    ]),
    payloadExample('a sent code wrapped in a `oneOf` with a branch within the old schema (nothing new reaches consumers)', 'emit', '{ type: string }', '{ oneOf: [{ type: string }, { type: string, maxLength: 5 }] }', [
      { rule: 'variant-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload now allows the `#2` variant, whose values it allowed before.", at: '9:46' },
    ]),
    payloadExample('a sent payment may now also be a card of one brand, a card already', 'emit', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Visa, type: object, required: [pan, brand] }] }', [
      { rule: 'variant-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload now allows the `Visa` variant, whose values it allowed before.", at: '9:76' },
    ]),
    payloadExample('the branches reordered', 'accept', '{ oneOf: [{ type: string }, { type: number }] }', '{ oneOf: [{ type: number }, { type: string }] }', []),
    payloadExample('a sent payment is no longer a voucher (fewer shapes reach consumers)', 'emit', '{ oneOf: [{ title: Card, type: object, required: [pan] }, { title: Voucher, type: object, required: [code] }] }', '{ oneOf: [{ title: Card, type: object, required: [pan] }] }', [{ rule: 'variant-removed', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload no longer allows the `Voucher` variant.", at: '9:20' }]),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (!base.branches && !rev.branches) return;
    const view = (b: Branch) => ctx.view('rev', b);
    // Branches no value can match two of (distinct types, disjoint values): `oneOf` is `anyOf` there.
    const apart = (x: Branch, y: Branch) => {
      const xv = view(x);
      const yv = view(y);
      return !!xv && !!yv && disjoint(xv, yv, (a) => ctx.view('rev', a));
    };
    const revDisjoint = (list: Branch[]) => list.every((x, i) => list.slice(i + 1).every((y) => apart(x, y)));
    if (base.branches && rev.branches && base.branches.kind !== rev.branches.kind && !revDisjoint(rev.branches.list)) {
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
    const olds = base.branches ? base.branches.list : [selfBranch(base)];
    for (const r of pairing.added) {
      // Emitted data widens only by values the old schema did not allow: a branch within an old one sends
      // nothing new (what it may reject is the accept side's, `variants-overlap`).
      const within = ctx.dir === 'emit' && olds.some((s) => ctx.covers(s, r));
      ctx.report(
        'variant-added',
        `{path} now allows the ${code(branchLabel(r))} variant${within ? ', whose values it allowed before' : ctx.dir === 'emit' ? `; ${ctx.readers} may receive a shape they do not handle` : ''}`,
        { base: base.branches?.loc ?? base.loc, revision: r.loc },
        { data: { variant: branchLabel(r) }, ...(within ? { level: 'non-breaking' as const } : {}) },
      );
    }
    // A `oneOf` rejects what matches two of its branches: wrapping a schema in one, or adding a branch, can
    // reject values accepted before; in sent data it only means such values are no longer sent.
    // (`anyOf` to `oneOf` is combinator-changed above.)
    if (rev.branches?.kind !== 'oneOf' || base.branches?.kind === 'anyOf') return;
    const added = new Set(pairing.added);
    const list = rev.branches.list;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [list[i], list[j]];
        if ((base.branches && !added.has(x) && !added.has(y)) || apart(x, y)) continue;
        const both = olds.some((s) => ctx.accepts(s, x) && ctx.accepts(s, y));
        const names = `${code(branchLabel(x))} and ${code(branchLabel(y))}`;
        const where = { base: base.branches?.loc ?? base.loc, revision: rev.branches.loc };
        const data = { variants: [branchLabel(x), branchLabel(y)] };
        // Sent data: only values the old schema allowed and the new one rejects are worth a line (harmless);
        // a mere possible overlap there says nothing.
        if (ctx.dir === 'emit') {
          if (both) ctx.report('variants-overlap', `{path} must now match exactly one \`oneOf\` branch: values sent before that match both ${names} are no longer sent`, where, { data });
          continue;
        }
        ctx.report(
          'variants-overlap',
          both
            ? `{path} must now match exactly one \`oneOf\` branch, but values accepted before match both ${names}: they are rejected`
            : `{path} must now match exactly one \`oneOf\` branch, and ${names} may overlap; it may break: values accepted before that match both are rejected`,
          where,
          { data, ...(both ? {} : { level: 'warning' as const }) },
        );
      }
  },
};
export default check;
