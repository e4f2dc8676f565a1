/**
 * `application/x-www-form-urlencoded` bodies with a schema, as Stripe-style APIs take them: top-level
 * scalars `name=value`, arrays of scalars repeated (`tags=a&tags=b`, OpenAPI's `form` style with
 * `explode`), objects and arrays of objects in brackets (`metadata[plan]=pro`, `items[0][price]=p_1`,
 * the `deepObject` convention every form-reading framework shares); arrays of fields whose `encoding` has
 * `explode: false` comma-separated (`ids=1,2,3`, a comma inside a value percent-encoded, as RFC 6570
 * writes form-style lists). `qs` does the bracket grammar, its
 * depth and size limits and its refusal of `__proto__` keys; it is required on first use, so callers that
 * never send a form do not load it.
 */
import { createRequire } from 'node:module';
import type * as Qs from 'qs';

const require = createRequire(import.meta.url);
let qs: typeof Qs | undefined;
const lib = () => (qs ??= require('qs') as typeof Qs);

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/**
 * The body as a form string. `null` is sent as an empty value (how such APIs unset a field); `undefined`
 * is left out, as is an empty array. `commaSeparated`: fields whose arrays of scalars are one comma-separated value.
 */
export function formEncode(body: unknown, commaSeparated?: readonly string[]): string {
  if (isScalar(body) || Array.isArray(body)) throw new TypeError('a form body is an object of fields');
  const { stringify } = lib();
  const parts: string[] = [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    const scalars = Array.isArray(value) && value.every(isScalar);
    if (scalars && commaSeparated?.includes(name)) {
      // qs's encoding of each element (`v=…` without its `v=`), so the separators are the only bare commas.
      if (value.length) parts.push(stringify({ [name]: '' }, { format: 'RFC1738' }) + value.map((x) => stringify({ v: x }, { format: 'RFC1738' }).slice(2)).join(','));
      continue;
    }
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
export function formDecode(text: string, commaSeparated?: readonly string[]): Record<string, unknown> {
  // qs's defaults drop `__proto__` keys and combine repeated names into arrays.
  const options = { depth: 20, arrayLimit: 1000, parameterLimit: 10_000 };
  if (!commaSeparated?.length) return lib().parse(text, options) as Record<string, unknown>;
  // A comma-separated field becomes repeated names before qs reads the form, split on the bare commas
  // only (an encoded `%2C` is part of a value); qs's own `comma` option would split every field.
  const pairs = text.split('&').flatMap((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0 || !commaSeparated.includes(decodeName(pair.slice(0, eq)))) return [pair];
    const key = pair.slice(0, eq);
    return pair.slice(eq + 1).split(',').map((v) => `${key}=${v}`);
  });
  return lib().parse(pairs.join('&'), options) as Record<string, unknown>;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}
