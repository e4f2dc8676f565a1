import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { appendPointer } from '../../load/pointer.js';
import { signatureFrom, unionPairing } from '../schema/branches.js';
import type { View } from '../schema/view.js';
import { payloadExample } from '../examples.js';

const target = (ref: string) => ref.split('/').pop() ?? ref;
const isRef = (v: unknown, ref: string) => !!v && typeof v === 'object' && (v as { $ref?: unknown }).$ref === ref;

/**
 * An OpenAPI document whose `Payment` is a union of `branches` (components) with `discriminator` (flow
 * YAML, line 12), received in a request body (`accept`) or sent in a response (`emit`).
 */
function paymentsApi(dir: 'accept' | 'emit', discriminator: string, branches = ['Card', 'Iban']): string {
  const use =
    dir === 'accept'
      ? `post:\n      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Payment' } } } }\n      responses: { '201': { description: Created } }`
      : `get:\n      summary: The last payment\n      responses: { '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Payment' } } } } }`;
  const variant = (extra: string) => `{ type: object, required: [method], properties: { method: { type: string }, ${extra}: { type: string } } }`;
  return `openapi: 3.0.3
info: { title: Payments, version: 1.0.0 }
paths:
  /payments:
    ${use}
components:
  schemas:
    Payment:
      oneOf: [${branches.map((b) => `{ $ref: '#/components/schemas/${b}' }`).join(', ')}]
      ${discriminator}
    Card: ${variant('number')}
    SavedCard: ${variant('token')}
    Iban: ${variant('iban')}
    Wallet: ${variant('wallet')}
`;
}

const CARD_IBAN = { card: 'Card', iban: 'Iban' };
const mapping = (m: Record<string, string>) =>
  `discriminator: { propertyName: method, mapping: { ${Object.entries(m).map(([k, v]) => `${k}: '#/components/schemas/${v}'`).join(', ')} } }`;

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
  examples: () => [
    payloadExample('a received order gains a discriminator (AsyncAPI string form)', 'accept', '{ type: object, required: [kind], properties: { kind: { type: string } } }', '{ type: object, discriminator: kind, required: [kind], properties: { kind: { type: string } } }', [
      { rule: 'discriminator-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now has discriminator \`kind\`.`, at: '9:34' },
    ]),
    { title: 'a payment body gains a discriminator', base: paymentsApi('accept', ''), revision: paymentsApi('accept', 'discriminator: { propertyName: method }'), expect: [
      { rule: 'discriminator-changed', level: 'breaking', message: `Schema \`Payment\` (in request body of \`POST /payments\`): the \`Payment\` schema now has discriminator \`method\`.`, at: '12:7' },
    ] },
    { title: 'a sent payment renames its discriminator', base: paymentsApi('emit', 'discriminator: { propertyName: method }'), revision: paymentsApi('emit', 'discriminator: { propertyName: kind }'), expect: [
      { rule: 'discriminator-changed', level: 'breaking', message: `Schema \`Payment\` (in \`200\` response of \`GET /payments\`): the \`Payment\` schema discriminator changed from \`method\` to \`kind\`.`, at: '12:7' },
    ] },
    { title: 'a sent payment drops its discriminator', base: paymentsApi('emit', 'discriminator: { propertyName: method }'), revision: paymentsApi('emit', ''), expect: [
      { rule: 'discriminator-changed', level: 'breaking', message: `Schema \`Payment\` (in \`200\` response of \`GET /payments\`): the \`Payment\` schema no longer has discriminator \`method\`.`, at: '10:5' },
    ] },
    { title: 'a received payment no longer maps `iban`', base: paymentsApi('accept', mapping(CARD_IBAN)), revision: paymentsApi('accept', mapping({ card: 'Card' })), expect: [
      { rule: 'discriminator-mapping-removed', level: 'breaking', message: `Schema \`Payment\` (in request body of \`POST /payments\`): the \`Payment\` schema discriminator value \`iban\` is no longer mapped.`, at: '12:7' },
    ] },
    { title: 'a sent payment no longer maps `iban`', base: paymentsApi('emit', mapping(CARD_IBAN)), revision: paymentsApi('emit', mapping({ card: 'Card' })), expect: [
      { rule: 'discriminator-mapping-removed', level: 'non-breaking', message: `Schema \`Payment\` (in \`200\` response of \`GET /payments\`): the \`Payment\` schema discriminator value \`iban\` is no longer mapped.`, at: '12:7' },
    ] },
    { title: 'a received payment maps a new `wallet`', base: paymentsApi('accept', mapping(CARD_IBAN)), revision: paymentsApi('accept', mapping({ ...CARD_IBAN, wallet: 'Wallet' }), ['Card', 'Iban', 'Wallet']), expect: [
      { rule: 'discriminator-mapping-added', level: 'non-breaking', message: `Schema \`Payment\` (in request body of \`POST /payments\`): the \`Payment\` schema discriminator value \`wallet\` is now mapped.`, at: '12:7' },
    ] },
    { title: 'a sent payment maps a new `wallet`', base: paymentsApi('emit', mapping(CARD_IBAN)), revision: paymentsApi('emit', mapping({ ...CARD_IBAN, wallet: 'Wallet' }), ['Card', 'Iban', 'Wallet']), expect: [
      { rule: 'discriminator-mapping-added', level: 'breaking', message: `Schema \`Payment\` (in \`200\` response of \`GET /payments\`): the \`Payment\` schema discriminator value \`wallet\` is now mapped.`, at: '12:7' },
    ] },
    { title: '`card` now maps to a saved card', base: paymentsApi('accept', mapping(CARD_IBAN), ['Card', 'SavedCard', 'Iban']), revision: paymentsApi('accept', mapping({ card: 'SavedCard', iban: 'Iban' }), ['Card', 'SavedCard', 'Iban']), expect: [
      { rule: 'discriminator-mapping-changed', level: 'breaking', message: `Schema \`Payment\` (in request body of \`POST /payments\`): the \`Payment\` schema discriminator value \`card\` now maps to \`SavedCard\` instead of \`Card\`.`, at: '12:7' },
    ] },
    { title: 'the same mapping written in another order', base: paymentsApi('accept', mapping(CARD_IBAN)), revision: paymentsApi('accept', mapping({ iban: 'Iban', card: 'Card' })), expect: [] },
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
