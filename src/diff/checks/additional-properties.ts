import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import type { View } from '../schema/view.js';

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
