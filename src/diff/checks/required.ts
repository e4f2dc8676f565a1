import { code, directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { outOfDirection } from './properties.js';
import { payloadExample } from '../examples.js';

/** A property that stays but becomes required or optional. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('property-became-required', 'schema', NARROW.accept, NARROW.emit, 'A property became required: senders that omit it are rejected.'),
    directed('property-became-optional', 'schema', WIDEN.accept, WIDEN.emit, 'A property is no longer required: readers of emitted data may no longer receive it.'),
  ],

  examples: () => [
    payloadExample('a received order now needs its note', 'accept', '{ type: object, required: [orderId], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, required: [orderId, note], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'property-became-required', level: 'breaking', message: "Payload of message `Order` received on `orders`: `note` in the payload became required; senders that omit it are rejected.", at: '9:54' }]),
    payloadExample('a sent order may now leave out its note', 'emit', '{ type: object, required: [orderId, note], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, required: [orderId], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'property-became-optional', level: 'breaking', message: "Payload of message `Order` sent on `orders`: consumers may no longer receive `note` in the payload: it is no longer required.", at: '9:96' }]),
    payloadExample('a received order may now leave out its note (more is accepted)', 'accept', '{ type: object, required: [orderId, note], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, required: [orderId], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'property-became-optional', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: `note` in the payload is no longer required.", at: '9:96' }]),
    payloadExample('a sent order now always has its note', 'emit', '{ type: object, required: [orderId], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, required: [orderId, note], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'property-became-required', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: `note` in the payload is now always sent.", at: '9:54' }]),
    payloadExample('the required list reordered', 'accept', '{ type: object, required: [orderId, note], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, required: [note, orderId], properties: { orderId: { type: string }, note: { type: string } } }', []),
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
