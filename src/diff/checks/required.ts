import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { outOfDirection } from './properties.js';

/** A property that stays but becomes required or optional. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('property-became-required', 'schema', NARROW.accept, NARROW.emit, 'A property became required: senders that omit it are rejected.'),
    directed('property-became-optional', 'schema', WIDEN.accept, WIDEN.emit, 'A property is no longer required: readers of emitted data may no longer receive it.'),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (base.bool !== undefined || rev.bool !== undefined) return;
    for (const [name, loc] of rev.required) {
      if (base.required.has(name)) continue;
      // A property both added and required is `required-property-added`.
      if (rev.props.has(name) && !base.props.has(name) && base.props.size + rev.props.size > 0) continue;
      if (outOfDirection(ctx, 'rev', name)) continue;
      ctx.report(
        'property-became-required',
        ctx.dir === 'accept' ? `${code(name)} in {path} became required; senders that omit it are rejected` : `${code(name)} in {path} is now always sent`,
        { base: base.props.get(name)?.loc ?? base.loc, revision: loc },
        { data: { name } },
      );
    }
    for (const [name, loc] of base.required) {
      if (rev.required.has(name)) continue;
      if (base.props.has(name) && !rev.props.has(name) && base.props.size + rev.props.size > 0) continue; // property removed
      if (outOfDirection(ctx, 'base', name)) continue;
      ctx.report(
        'property-became-optional',
        ctx.dir === 'emit' ? `${ctx.readers} may no longer receive ${code(name)} in {path}: it is no longer required` : `${code(name)} in {path} is no longer required`,
        { base: loc, revision: rev.props.get(name)?.loc ?? rev.loc },
        { data: { name } },
      );
    }
  },
};
export default check;
