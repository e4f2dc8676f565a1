import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { appendPointer } from '../../load/pointer.js';
import { signatureFrom, unionPairing } from '../schema/branches.js';
import type { View } from '../schema/view.js';
import { payloadExample } from '../examples.js';

const target = (ref: string) => ref.split('/').pop() ?? ref;
const isRef = (v: unknown, ref: string) => !!v && typeof v === 'object' && (v as { $ref?: unknown }).$ref === ref;

/** The discriminator of `v`, also in the AsyncAPI schema's string form (`discriminator: method`), which views do not read. */
function discriminatorOf(v: View): View['discriminator'] {
  if (v.discriminator) return v.discriminator;
  const o = v.self.value;
  const d = o !== null && typeof o === 'object' ? (o as Record<string, unknown>).discriminator : undefined;
  return typeof d === 'string' ? { value: { propertyName: d }, loc: { file: v.loc.file, pointer: appendPointer(v.loc.pointer, 'discriminator') } } : undefined;
}

/** `discriminator`: its property name and mapping, which readers and writers both rely on to tell variants apart. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('discriminator-changed', 'schema', 'breaking', 'breaking', 'The discriminator property changed, was added or was removed.'),
    directed('discriminator-mapping-removed', 'schema', NARROW.accept, NARROW.emit, 'A discriminator value is no longer mapped.'),
    directed('discriminator-mapping-added', 'schema', WIDEN.accept, WIDEN.emit, 'A new discriminator value is mapped.'),
    directed('discriminator-mapping-changed', 'schema', 'breaking', 'breaking', 'A discriminator value now maps to another schema.'),
  ],
  examples: [
    payloadExample('a received order gains a discriminator (AsyncAPI string form)', 'accept', '{ type: object, required: [kind], properties: { kind: { type: string } } }', '{ type: object, discriminator: kind, required: [kind], properties: { kind: { type: string } } }', [
      { rule: 'discriminator-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now has discriminator \`kind\`.`, at: '9:34' },
    ]),
  ],
  run(ctx) {
    const b = discriminatorOf(ctx.base);
    const r = discriminatorOf(ctx.rev);
    if (!b && !r) return;
    const where = { base: b?.loc ?? ctx.base.loc, revision: r?.loc ?? ctx.rev.loc };
    const bp = b?.value.propertyName;
    const rp = r?.value.propertyName;
    if (bp !== rp) {
      ctx.report(
        'discriminator-changed',
        !b ? `{path} now has discriminator ${code(rp)}` : !r ? `{path} no longer has discriminator ${code(bp)}` : `{path} discriminator changed from ${code(bp)} to ${code(rp)}`,
        where,
        { data: { from: bp ?? null, to: rp ?? null } },
      );
      return;
    }
    const bm = b?.value.mapping ?? {};
    const rm = r?.value.mapping ?? {};
    // A mapping to a renamed component is the same mapping when the union's branches pair up.
    const pairing = unionPairing(ctx.base, ctx.rev, signatureFrom((side, x) => ctx.view(side, x)));
    const samePair = (bref: string, rref: string) =>
      !!pairing?.pairs.some(([x, y]) => isRef(x.value, bref) && isRef(y.value, rref));
    for (const [k, v] of Object.entries(bm)) {
      if (!(k in rm)) ctx.report('discriminator-mapping-removed', `{path} discriminator value ${code(k)} is no longer mapped`, where, { data: { value: k } });
      else if (target(String(rm[k])) !== target(String(v)) && !samePair(String(v), String(rm[k])))
        ctx.report('discriminator-mapping-changed', `{path} discriminator value ${code(k)} now maps to ${code(target(String(rm[k])))} instead of ${code(target(String(v)))}`, where, { data: { value: k } });
    }
    for (const k of Object.keys(rm)) if (!(k in bm)) ctx.report('discriminator-mapping-added', `{path} discriminator value ${code(k)} is now mapped`, where, { data: { value: k } });
  },
};
export default check;
