import { code, directed, type SchemaContext, type SchemaCheck } from '../check.js';
import { testPattern } from '../../model/pattern.js';
import { unlistedSchema, type View } from '../schema/view.js';
import { payloadExample } from '../examples.js';

/** OpenAPI: `readOnly` properties are not part of requests, `writeOnly` ones not part of responses. */
export function outOfDirection(ctx: SchemaContext, side: 'base' | 'rev', name: string): boolean {
  if (!ctx.openapi || !ctx.flow) return false;
  const v = side === 'base' ? ctx.base : ctx.rev;
  const p = v.props.get(name);
  if (!p) return false;
  const pv = ctx.view(side, p);
  return !!pv && pv.kw.get(ctx.flow === 'accept' ? 'readOnly' : 'writeOnly')?.value === true;
}

/** Could data valid under `v` carry a property `name` that `v` does not list? */
export function openFor(v: View, name: string): boolean {
  if (v.additional?.value !== false) return true;
  // A pattern without a verdict (invalid, or not runnable in linear time) may allow the name.
  for (const re of v.patternProps.keys()) if (testPattern(re, name) !== false) return true;
  return false;
}

/** A schema refuses properties it does not list. */
export function closed(v: View): boolean {
  return v.additional?.value === false && v.patternProps.size === 0;
}

/** `name: false` listed on one side, and the other side refuses the name unlisted: the same schema. */
function forbiddenBoth(ctx: SchemaContext, side: 'base' | 'rev', p: { value: unknown; loc: View['loc'] }, other: View, name: string): boolean {
  return ctx.view(side, p)?.bool === false && !openFor(other, name);
}

/** Properties that appear or disappear. Both sides' `required` lists say how much that matters. */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('required-property-added', 'schema', 'breaking', 'non-breaking', 'A new property is required.'),
    directed(
      'optional-property-added',
      'schema',
      'non-breaking',
      'non-breaking',
      'A new optional property.',
      'breaking when emitted and the old schema refused unlisted properties (`additionalProperties: false`): old readers reject it; breaking when accepted under `--mode backward|full` and the old schema allowed the name as an unlisted property with any value: old writers may have sent anything under it (held to a `patternProperties` or `additionalProperties` schema, the new schema is compared with that instead)',
    ),
    directed(
      'required-property-removed',
      'schema',
      'non-breaking',
      'breaking',
      'A required property is gone: readers of emitted data may no longer receive it.',
      'breaking when accepted and the new schema refuses unlisted properties: senders that still send it are rejected',
    ),
    directed(
      'optional-property-removed',
      'schema',
      'non-breaking',
      'warning',
      'An optional property is gone.',
      'breaking when accepted and the new schema refuses unlisted properties; breaking when emitted under `--mode forward|full` and the new schema allows the name as an unlisted property: new writers may send anything under it',
    ),
  ],

  examples: () => [
    payloadExample('a received order gains a required note', 'accept', '{ type: object, properties: { orderId: { type: string } } }', '{ type: object, required: [note], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'required-property-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload has a new required property `note`; senders that omit it are rejected.", at: '9:93' }]),
    payloadExample('a sent order gains a note it always carries', 'emit', '{ type: object, properties: { orderId: { type: string } } }', '{ type: object, required: [note], properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'required-property-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload now always has `note`.", at: '9:93' }]),
    payloadExample('a sent order loses its required note', 'emit', '{ type: object, required: [note], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, properties: { orderId: { type: string } } }', [{ rule: 'required-property-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: consumers may no longer receive `note` in the payload.", at: '9:9' }]),
    payloadExample('a received order no longer reads its required note', 'accept', '{ type: object, required: [note], properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, properties: { orderId: { type: string } } }', [{ rule: 'required-property-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: `note` was removed from the payload; it is no longer read.", at: '9:9' }]),
    payloadExample('a received order gains an optional note', 'accept', '{ type: object, properties: { orderId: { type: string } } }', '{ type: object, properties: { orderId: { type: string }, note: { type: string } } }', [{ rule: 'optional-property-added', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload has a new optional property `note`.", at: '9:75' }]),
    payloadExample('a sent order gains an optional note, but the old schema refused unlisted properties', 'emit', '{ type: object, properties: { orderId: { type: string } }, additionalProperties: false }', '{ type: object, properties: { orderId: { type: string }, note: { type: string } }, additionalProperties: false }', [{ rule: 'optional-property-added', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload may now have `note`, but the old schema refused unlisted properties: old readers reject it.", at: '9:75' }]),
    payloadExample('a sent order loses its optional note', 'emit', '{ type: object, properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, properties: { orderId: { type: string } } }', [{ rule: 'optional-property-removed', level: 'warning', message: "Payload of message `Order` sent on `orders`: consumers may no longer receive `note` in the payload.", at: '9:9' }]),
    payloadExample('a received order stops reading its optional note', 'accept', '{ type: object, properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, properties: { orderId: { type: string } } }', [{ rule: 'optional-property-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: `note` was removed from the payload; it is no longer read.", at: '9:9' }]),
    payloadExample('a received order: a property that must be absent dropped beside additionalProperties: false', 'accept', '{ type: object, properties: { orderId: { type: string }, note: false }, additionalProperties: false }', '{ type: object, properties: { orderId: { type: string } }, additionalProperties: false }', []),
    payloadExample('a received order: properties reordered', 'accept', '{ type: object, properties: { orderId: { type: string }, note: { type: string } } }', '{ type: object, properties: { note: { type: string }, orderId: { type: string } } }', []),
  ],
  run(ctx) {
    const { base, rev } = ctx;
    if (base.bool !== undefined || rev.bool !== undefined) return;
    if (base.props.size === 0 && rev.props.size === 0) return;
    for (const [name, p] of base.props) {
      if (rev.props.has(name) || outOfDirection(ctx, 'base', name) || forbiddenBoth(ctx, 'base', p, rev, name)) continue;
      const wasRequired = base.required.has(name);
      const refused = ctx.dir === 'accept' && closed(rev);
      const strictEmit = ctx.strict && ctx.dir === 'emit' && !wasRequired && openFor(rev, name);
      const where = { base: p.loc, revision: rev.loc };
      const rule = wasRequired ? 'required-property-removed' : 'optional-property-removed';
      const text = strictEmit
        ? `${code(name)} was removed from {path}, which allows unlisted properties: new writers may send anything under that name`
        : refused
        ? `${code(name)} was removed from {path} and unlisted properties are refused: senders that still send it are rejected`
        : ctx.dir === 'emit'
          ? `${ctx.readers} may no longer receive ${code(name)} in {path}`
          : `${code(name)} was removed from {path}; it is no longer read`;
      ctx.report(rule, text, where, { data: { name }, ...(refused || strictEmit ? { level: 'breaking' as const } : {}) });
    }
    for (const [name, p] of rev.props) {
      if (base.props.has(name) || outOfDirection(ctx, 'rev', name) || forbiddenBoth(ctx, 'rev', p, base, name)) continue;
      // Required before without a schema of its own: it was always there; its new schema is compared with
      // what the old one allowed for it (see compare.ts), and a requirement it keeps is nothing new.
      if (base.required.has(name) && rev.required.has(name)) continue;
      const required = rev.required.has(name);
      const where = { base: base.loc, revision: p.loc };
      if (required) {
        ctx.report(
          'required-property-added',
          ctx.dir === 'accept' ? `{path} has a new required property ${code(name)}; senders that omit it are rejected` : `{path} now always has ${code(name)}`,
          where,
          { data: { name } },
        );
      } else {
        const strictReaders = ctx.dir === 'emit' && closed(base);
        // Where the old schema held the name to a schema of its own, compare.ts compares that with the new one.
        const held = unlistedSchema(base, name);
        const strictWriters = ctx.strict && ctx.dir === 'accept' && openFor(base, name) && !(held && ctx.view('base', held)?.bool !== true);
        ctx.report(
          'optional-property-added',
          strictReaders
            ? `{path} may now have ${code(name)}, but the old schema refused unlisted properties: old readers reject it`
            : strictWriters
              ? `{path} has a new optional property ${code(name)}, which the old schema allowed with any value: data old writers sent under it may be rejected`
              : `{path} has a new optional property ${code(name)}`,
          where,
          { data: { name }, ...(strictReaders || strictWriters ? { level: 'breaking' as const } : {}) },
        );
      }
    }
  },
};
export default check;
