/**
 * Parameters on the wire (OpenAPI `style` defaults: `simple` for path and header, `form` for query):
 * the client serializes typed values, the server parses strings back into an object its coercing
 * validator turns into the schema's types.
 */
import type { HttpOperationSpec, HttpParameterSpec } from './spec.js';

const explodes = (p: HttpParameterSpec) => p.explode ?? p.in === 'query';

/**
 * A path template split once per operation: literal text at even indices, parameter names at odd ones
 * (`/v1/orders/{orderId}` → `['/v1/orders/', 'orderId', '']`), so a call only joins strings.
 */
export const splitPath = (template: string): string[] => template.split(/\{([^}]+)\}/);

/** The request path with the `{name}` placeholders filled (percent-encoded); an absent value leaves `{name}`. */
export function fillPath(segments: string[], path: Record<string, unknown> | undefined): string {
  let url = segments[0];
  for (let i = 1; i < segments.length; i += 2) {
    const v = path?.[segments[i]];
    url += v === undefined ? `{${segments[i]}}` : encodeURIComponent(Array.isArray(v) ? v.map(String).join(',') : String(v));
    url += segments[i + 1];
  }
  return url;
}

/** The query string (`?a=1&b=2`, or '' when there is none) of the declared query parameters given. */
export function queryString(params: HttpParameterSpec[], query: Record<string, unknown> | undefined): string {
  if (!query || params.length === 0) return '';
  const qs = new URLSearchParams();
  for (const p of params) {
    if (p.in !== 'query' || !Object.hasOwn(query, p.name)) continue;
    const v = query[p.name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (explodes(p)) for (const x of v) qs.append(p.name, String(x));
      else qs.append(p.name, v.map(String).join(','));
    } else qs.append(p.name, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** Header parameters as wire headers (arrays comma-separated). */
export function headerValues(op: HttpOperationSpec, headers: Record<string, unknown> | undefined, out: Record<string, string>): void {
  if (!headers) return;
  for (const p of op.parameters) {
    if (p.in !== 'header' || !Object.hasOwn(headers, p.name)) continue;
    const v = headers[p.name];
    if (v !== undefined) out[p.name.toLowerCase()] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
}

/**
 * Cookie parameters as one `Cookie` header (`a=1; b=x%20y`, after any the caller set), style form
 * without explode: arrays comma-separated. Values are percent-encoded: a cookie value may not hold
 * spaces, commas, semicolons or quotes (RFC 6265 4.1.1).
 */
export function cookieHeader(op: HttpOperationSpec, cookies: Record<string, unknown> | undefined, out: Record<string, string>): void {
  if (!cookies) return;
  const pairs: string[] = [];
  for (const p of op.parameters) {
    if (p.in !== 'cookie' || !Object.hasOwn(cookies, p.name)) continue;
    const v = cookies[p.name];
    if (v !== undefined) pairs.push(`${p.name}=${encodeURIComponent(Array.isArray(v) ? v.map(String).join(',') : String(v))}`);
  }
  if (!pairs.length) return;
  const given = Object.keys(out).find((k) => k.toLowerCase() === 'cookie');
  if (given) out[given] = `${out[given]}; ${pairs.join('; ')}`;
  else out.cookie = pairs.join('; ');
}

/**
 * The declared cookie parameters of a `Cookie` header, percent-decoded (a value that does not decode
 * is kept as sent, for the validator to judge); a name sent twice keeps its first value, as browsers
 * send the most specific cookie first (RFC 6265 5.4).
 */
export function parseCookies(op: HttpOperationSpec, header: string | string[] | undefined): Record<string, unknown> {
  const declared = new Map(op.parameters.filter((p) => p.in === 'cookie').map((p) => [p.name, p]));
  if (!declared.size || header === undefined) return {};
  const out = new Map<string, unknown>();
  for (const part of (Array.isArray(header) ? header.join('; ') : header).split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const p = declared.get(name);
    if (!p || out.has(name)) continue;
    let v = part.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    try {
      v = decodeURIComponent(v);
    } catch {
      // kept as sent
    }
    out.set(name, p.array ? v.split(',') : v);
  }
  return Object.fromEntries(out);
}

/**
 * The declared parameters of a location as an object of strings (arrays for array schemas), ready for
 * the coercing validator. Undeclared parameters are left out. Built with Object.fromEntries, so a
 * parameter named `__proto__` stays an own key (an assignment would set the prototype).
 */
export function parseQuery(op: HttpOperationSpec, search: URLSearchParams): Record<string, unknown> {
  const out: [string, unknown][] = [];
  for (const p of op.parameters) {
    if (p.in !== 'query') continue;
    const all = search.getAll(p.name);
    if (all.length === 0) continue;
    if (p.array) out.push([p.name, explodes(p) ? all : all[all.length - 1].split(',')]);
    else out.push([p.name, all[all.length - 1]]);
  }
  return Object.fromEntries(out);
}

export function parseHeaders(op: HttpOperationSpec, headers: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: [string, unknown][] = [];
  for (const p of op.parameters) {
    if (p.in !== 'header') continue;
    const raw = headers[p.name.toLowerCase()];
    if (raw === undefined) continue;
    const v = Array.isArray(raw) ? raw.join(',') : raw;
    out.push([p.name, p.array ? v.split(',').map((x) => x.trim()) : v]);
  }
  return Object.fromEntries(out);
}

/** Path parameters from the segments a route matched, percent-decoded; undefined when one does not decode. */
export function parsePath(op: HttpOperationSpec, names: string[], values: string[]): Record<string, unknown> | undefined {
  const out: [string, unknown][] = [];
  for (let i = 0; i < names.length; i++) {
    let v: string;
    try {
      v = decodeURIComponent(values[i]);
    } catch {
      return undefined;
    }
    const p = op.parameters.find((x) => x.in === 'path' && x.name === names[i]);
    out.push([names[i], p?.array ? v.split(',') : v]);
  }
  return Object.fromEntries(out);
}
