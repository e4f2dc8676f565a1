/**
 * The envelope: what the runtime puts around a payload (message id, correlation id, reply address,
 * content type) and how values are read from or written to a message by AsyncAPI runtime expressions
 * (`$message.header#/correlationId`, `$message.payload#/orderId`).
 */
import { randomUUID } from 'node:crypto';
import type { CompiledValidator } from './ajv.js';
import { ValidationError, type ValidationIssue } from './errors.js';

/** Header names the runtime uses when the spec does not name its own. */
export const HEADERS = {
  messageId: 'messageId',
  correlationId: 'correlationId',
  replyTo: 'replyTo',
  contentType: 'contentType',
} as const;

export const DEFAULT_CORRELATION = `$message.header#/${HEADERS.correlationId}`;
export const DEFAULT_REPLY_ADDRESS = `$message.header#/${HEADERS.replyTo}`;

export function newMessageId(): string {
  return randomUUID();
}

interface Expression {
  source: 'header' | 'payload';
  tokens: string[];
}

const cache = new Map<string, Expression | null>();
function parse(expression: string): Expression | null {
  let e = cache.get(expression);
  if (e !== undefined) return e;
  const m = /^\$message\.(header|payload)(?:#(.*))?$/.exec(expression);
  e = m
    ? {
        source: m[1] as 'header' | 'payload',
        tokens: (m[2] ?? '')
          .split('/')
          .slice(1)
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')),
      }
    : null;
  cache.set(expression, e);
  return e;
}

/**
 * Names in expressions and addresses come from the spec: they read and write own properties only, so
 * `constructor` is not Object's and `__proto__` is a key like any other.
 */
function own(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment for every other key: this runs for each message sent.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** Value a runtime expression points at, or undefined. */
export function readExpression(expression: string | undefined, headers: Record<string, unknown>, payload: unknown): unknown {
  if (!expression) return undefined;
  const e = parse(expression);
  if (!e) return undefined;
  let v: unknown = e.source === 'header' ? headers : payload;
  for (const t of e.tokens) {
    if (v === null || typeof v !== 'object') return undefined;
    v = own(v, t);
  }
  return v;
}

/** The header a `$message.header#/name` expression names, or undefined for payload expressions. */
export function headerName(expression: string | undefined): string | undefined {
  const e = expression ? parse(expression) : null;
  return e && e.source === 'header' && e.tokens.length === 1 ? e.tokens[0] : undefined;
}

/**
 * Set the value at a runtime expression. Headers are set in place; a payload location is filled in a
 * shallow copy of the payload, and only when the payload has no value there yet.
 */
export function writeExpression(
  expression: string,
  value: string,
  headers: Record<string, unknown>,
  payload: unknown,
): unknown {
  const e = parse(expression);
  if (!e || e.tokens.length === 0) return payload;
  if (e.source === 'header') {
    if (e.tokens.length === 1) setOwn(headers, e.tokens[0], value);
    return payload;
  }
  if (e.tokens.length === 1 && payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const p = payload as Record<string, unknown>;
    if (own(p, e.tokens[0]) === undefined) return { ...p, [e.tokens[0]]: value };
  }
  return payload;
}

const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

/**
 * JSON bytes of a payload (empty for `undefined`). A `Buffer` (a Uint8Array): small ones are slices of
 * Node's shared pool instead of an ArrayBuffer each, and broker clients take them without a copy.
 */
export function encodeBody(payload: unknown): Uint8Array {
  const text = payload === undefined ? undefined : JSON.stringify(payload);
  return text === undefined ? EMPTY : Buffer.from(text);
}

/** Parse a JSON body; an empty body is `undefined`. Throws ValidationError (part `body`) on bad JSON. */
export function decodeBody(operationId: string, body: Uint8Array): unknown {
  if (body.byteLength === 0) return undefined;
  const text = decoder.decode(body);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(operationId, 'incoming', 'body', [{ path: '', message: `is not JSON: ${(e as Error).message}` }]);
  }
}

/** Header values travel as strings: strings as they are, anything else as JSON. */
export function stringifyHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    if (v === undefined) continue;
    setOwn(out, k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out as Record<string, string>;
}

/** {@link stringifyHeaders} in place, for a headers object the runtime built itself and hands over. */
export function stringifyHeadersInPlace(headers: Record<string, unknown>): Record<string, string> {
  for (const k in headers) {
    const v = headers[k];
    if (typeof v === 'string') continue;
    if (v === undefined) delete headers[k];
    else headers[k] = JSON.stringify(v);
  }
  return headers as Record<string, string>;
}

/** Ajv errors as issues people can read. */
export function issuesOf(validator: CompiledValidator): ValidationIssue[] {
  return (validator.errors ?? []).map((e) => {
    let message = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties' && e.params && 'additionalProperty' in e.params)
      message = `has unknown property \`${String(e.params.additionalProperty)}\``;
    else if (e.keyword === 'enum' && e.params && Array.isArray(e.params.allowedValues))
      message = `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    return { path: e.instancePath, message };
  });
}

/** Fill `{name}` placeholders of a channel address; one without a value stays as written. */
export function fillAddress(template: string, values: ReadonlyMap<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (placeholder, name: string) => values.get(name) ?? placeholder);
}
