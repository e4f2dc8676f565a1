/**
 * `application/x-www-form-urlencoded` bodies with a schema, as Stripe-style APIs take them: top-level
 * scalars `name=value`, arrays of scalars repeated (`tags=a&tags=b`, OpenAPI's `form` style with
 * `explode`), objects and arrays of objects in brackets (`metadata[plan]=pro`, `items[0][price]=p_1`,
 * the `deepObject` convention every form-reading framework shares). `qs` does the bracket grammar, its
 * depth and size limits and its refusal of `__proto__` keys; it is required on first use, so callers that
 * never send a form do not load it.
 */
import { createRequire } from 'node:module';
import type * as Qs from 'qs';

const require = createRequire(import.meta.url);
let qs: typeof Qs | undefined;
const lib = () => (qs ??= require('qs') as typeof Qs);

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/** The body as a form string. `null` is sent as an empty value (how such APIs unset a field); `undefined` is left out. */
export function formEncode(body: unknown): string {
  if (isScalar(body) || Array.isArray(body)) throw new TypeError('a form body is an object of fields');
  const { stringify } = lib();
  const parts: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    const scalars = Array.isArray(value) && value.every(isScalar);
    // RFC1738: spaces as `+`, as browsers send forms; qs writes `null` as `name=`.
    const s = stringify({ [name]: value }, { arrayFormat: scalars ? 'repeat' : 'indices', format: 'RFC1738' });
    if (s) parts.push(s);
  }
  return parts.join('&');
}

/**
 * A form string as an object of strings (arrays for repeated names and `[0]` indices, objects for
 * brackets), for the coercing validator to turn into the schema's types. Up to 20 levels of brackets
 * and 1,000 array indices; beyond that, keys stay as written (the validator then refuses them).
 */
export function formDecode(text: string): Record<string, unknown> {
  // qs's defaults drop `__proto__` keys and combine repeated names into arrays.
  return lib().parse(text, { depth: 20, arrayLimit: 1000, parameterLimit: 10_000 }) as Record<string, unknown>;
}
