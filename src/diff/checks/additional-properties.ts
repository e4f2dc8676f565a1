import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import type { View } from '../schema/view.js';
import { payloadExample } from '../examples.js';

type State = 'open' | 'closed' | 'schema';

function state(v: View): State {
  const a = v.additional?.value;
  if (a === undefined || a === true) return 'open';
  if (a === false) return 'closed';
  if (a && typeof a === 'object' && Object.keys(a).length === 0) return 'open';
  return 'schema';
}

/** `additionalProperties`: open (absent, `true`), closed (`false`) or a schema. Two schemas are compared property by property (`*`). */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('additional-properties-refused', 'schema', NARROW.accept, NARROW.emit, 'Unlisted properties are now refused (`additionalProperties: false`).'),
    directed('additional-properties-restricted', 'schema', NARROW.accept, NARROW.emit, 'Unlisted properties must now match a schema.'),
    directed('additional-properties-allowed', 'schema', WIDEN.accept, WIDEN.emit, 'Unlisted properties were refused or restricted and are now allowed; old readers with a closed model may reject them.'),
  ],
  examples: () => [
    payloadExample('unlisted properties refused in a received order', 'accept', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: false }', [
      { rule: 'additional-properties-refused', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now refuses properties it does not list.`, at: '9:72' },
    ]),
    payloadExample('unlisted properties refused in a sent order', 'emit', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: false }', [
      { rule: 'additional-properties-refused', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload now refuses properties it does not list.`, at: '9:72' },
    ]),
    payloadExample('unlisted properties of a received order must now be strings', 'accept', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: { type: string } }', [
      { rule: 'additional-properties-restricted', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: unlisted properties of the payload must now match a schema.`, at: '9:72' },
    ]),
    payloadExample('unlisted properties of a sent order must now be strings', 'emit', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: { type: string } }', [
      { rule: 'additional-properties-restricted', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: unlisted properties of the payload must now match a schema.`, at: '9:72' },
    ]),
    payloadExample('a closed received order opened', 'accept', '{ type: object, properties: { id: { type: string } }, additionalProperties: false }', '{ type: object, properties: { id: { type: string } } }', [
      { rule: 'additional-properties-allowed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now allows properties it does not list.`, at: '9:9' },
    ]),
    payloadExample('a closed sent order opened', 'emit', '{ type: object, properties: { id: { type: string } }, additionalProperties: false }', '{ type: object, properties: { id: { type: string } } }', [
      { rule: 'additional-properties-allowed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload may now carry properties the old schema refused; consumers with a closed model may reject them.`, at: '9:9' },
    ]),
    payloadExample('unlisted properties of a sent order no longer have to be strings', 'emit', '{ type: object, properties: { id: { type: string } }, additionalProperties: { type: string } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: true }', [
      { rule: 'additional-properties-allowed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload may now carry properties the old schema refused; consumers with a closed model may reject them.`, at: '9:72' },
    ]),
    payloadExample('an empty `additionalProperties` schema, which allows anything, as before', 'accept', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, additionalProperties: {} }', []),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (base.bool !== undefined || rev.bool !== undefined) return;
    const isObject = (v: View) => !v.types || v.types.has('object');
    if (!isObject(base) || !isObject(rev)) return;
    const b = state(base);
    const r = state(rev);
    if (b === r) return;
    const where = { base: base.additional?.loc ?? base.loc, revision: rev.additional?.loc ?? rev.loc };
    if (r === 'closed') ctx.report('additional-properties-refused', `{path} now refuses properties it does not list`, where);
    else if (r === 'schema' && b === 'open') ctx.report('additional-properties-restricted', `unlisted properties of {path} must now match a schema`, where);
    else
      ctx.report(
        'additional-properties-allowed',
        ctx.dir === 'emit' ? `{path} may now carry properties the old schema refused; ${ctx.readers} with a closed model may reject them` : `{path} now allows properties it does not list`,
        where,
        { data: { from: b, to: r } },
      );
  },
};
export default check;
