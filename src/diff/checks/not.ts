import { directed, NARROW, WIDEN, type SchemaCheck } from '../check.js';
import { presence, readersRisk } from '../schema/keyword.js';
import { admits } from '../schema/view.js';
import { payloadExample } from '../examples.js';

/** Types of a `not` schema that holds only `type` (the one case compared exactly). */
function typesOnly(v: unknown): Set<string> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length !== 1) return undefined;
  if (typeof o.type === 'string') return new Set([o.type]);
  if (Array.isArray(o.type) && o.type.every((t) => typeof t === 'string')) return new Set(o.type as string[]);
  return undefined;
}

/** Some value of a type in `a` is not of a type in `b`. */
const exceeds = (a: Set<string>, b: Set<string>) => [...a].some((t) => !admits(b, t));

/**
 * `not`: adding one excludes values (narrows), dropping it readmits them (widens). Between two `not`s the
 * excluded sets swap roles: the new schema rejects what the new `not` matches and the old did not. Only
 * type-only `not`s are compared exactly; any other pair may break either way.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [
    directed('not-added', 'schema', NARROW.accept, NARROW.emit, 'A `not` now excludes values.'),
    directed('not-removed', 'schema', WIDEN.accept, WIDEN.emit, 'The `not` no longer excludes values.'),
    directed('not-narrowed', 'schema', NARROW.accept, NARROW.emit, 'The `not` now excludes more values.'),
    directed('not-widened', 'schema', WIDEN.accept, WIDEN.emit, 'The `not` now excludes fewer values.'),
    directed('not-changed', 'schema', 'warning', 'warning', 'The `not` changed and the two cannot be compared: it may break (it may exclude values allowed before, or allow values excluded before).'),
  ],
  examples: () => [
    payloadExample('a `not` added to an accepted payload', 'accept', '{ type: string }', '{ type: string, not: { const: "" } }', [
      { rule: 'not-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now excludes values matching the \`not\` schema.`, at: '9:34' },
    ]),
    payloadExample('a `not` removed from a sent payload', 'emit', '{ not: { type: string } }', '{}', [
      { rule: 'not-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload no longer excludes values matching the \`not\` schema; consumers may receive values they do not handle.`, at: '9:9' },
    ]),
    payloadExample('a type-only `not` excluding more', 'accept', '{ not: { type: string } }', '{ not: { type: [string, number] } }', [
      { rule: 'not-narrowed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now also excludes number values.`, at: '9:20' },
    ]),
    payloadExample('a type-only `not` excluding less', 'emit', '{ not: { type: [string, number] } }', '{ not: { type: string } }', [
      { rule: 'not-widened', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload now allows number values; consumers may receive values they do not handle.`, at: '9:20' },
    ]),
    payloadExample('two `not`s that cannot be compared', 'accept', '{ not: { const: a } }', '{ not: { const: b } }', [
      { rule: 'not-changed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: the payload \`not\` schema changed; it may break: values it allowed may now be rejected, or rejected values allowed.`, at: '9:20' },
    ]),
    payloadExample('a `not` added to a sent payload (fewer values reach consumers)', 'emit', '{ type: string }', '{ type: string, not: { const: "" } }', [
      { rule: 'not-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload now excludes values matching the \`not\` schema.`, at: '9:34' },
    ]),
    payloadExample('a `not` removed from an accepted payload', 'accept', '{ not: { type: string } }', '{}', [
      { rule: 'not-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload no longer excludes values matching the \`not\` schema.`, at: '9:9' },
    ]),
    payloadExample('a sent type-only `not` excluding more', 'emit', '{ not: { type: string } }', '{ not: { type: [string, number] } }', [
      { rule: 'not-narrowed', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload now also excludes number values.`, at: '9:20' },
    ]),
    payloadExample('an accepted type-only `not` excluding less', 'accept', '{ not: { type: [string, number] } }', '{ not: { type: string } }', [
      { rule: 'not-widened', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload now allows number values.`, at: '9:20' },
    ]),
    payloadExample('the payload described, its `not` unchanged', 'accept', '{ type: string, not: { const: a } }', '{ type: string, not: { const: a }, description: text }', []),
  ],
  run(ctx) {
    const p = presence(ctx, 'not');
    if (!p.base && p.rev) ctx.report('not-added', '{path} now excludes values matching the `not` schema', p.where);
    else if (p.base && !p.rev) ctx.report('not-removed', `{path} no longer excludes values matching the \`not\` schema${readersRisk(ctx)}`, p.where);
    else if (p.changed) {
      const b = typesOnly(p.base!.value);
      const r = typesOnly(p.rev!.value);
      if (!b || !r) return ctx.report('not-changed', '{path} `not` schema changed; it may break: values it allowed may now be rejected, or rejected values allowed', p.where);
      const narrower = exceeds(r, b);
      const wider = exceeds(b, r);
      if (narrower) ctx.report('not-narrowed', `{path} now also excludes ${[...r].filter((t) => !admits(b, t)).join(', ')} values`, p.where);
      if (wider) ctx.report('not-widened', `{path} now allows ${[...b].filter((t) => !admits(r, t)).join(', ')} values${readersRisk(ctx)}`, p.where);
    }
  },
};
export default check;
