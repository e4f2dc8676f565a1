/**
 * Turning a typed payload into an `OutgoingMessage` and an `IncomingMessage` back into a typed one,
 * with validation on both ways. Shared by clients and handlers.
 */
import type { CompiledValidator } from './ajv.js';
import { decodeBody, encodeBody, fillAddress, HEADERS, issuesOf, readExpression, stringifyHeaders } from './envelope.js';
import { MissingParameterError, ValidationError, type ValidationIssue } from './errors.js';
import type { IncomingMessage } from './port.js';
import type { MessageSpec, OperationSpec } from './spec.js';

export interface Decoded {
  spec: MessageSpec;
  payload: unknown;
  headers: Record<string, unknown>;
}

function check(v: CompiledValidator | undefined, data: unknown): ValidationIssue[] | undefined {
  if (!v || v(data)) return undefined;
  return issuesOf(v);
}

const checkPayload = (m: MessageSpec, payload: unknown) => (m.codec ? m.codec.check(payload) : check(m.validatePayload, payload));

/**
 * The message spec a payload belongs to: the only one, or the first whose schemas accept it. Throws
 * ValidationError with the issues of the closest candidate when none does.
 */
export function pickMessage(
  operationId: string,
  messages: MessageSpec[],
  payload: unknown,
  headers: Record<string, unknown>,
  direction: 'outgoing' | 'incoming',
  validate: boolean,
): MessageSpec {
  if (messages.length === 0) throw new Error(`${operationId}: the operation declares no message`);
  if (!validate) return messages[0];
  let best: { part: 'payload' | 'headers'; issues: ValidationIssue[] } | undefined;
  for (const m of messages) {
    const p = checkPayload(m, payload);
    if (p) {
      if (!best || (best.part === 'payload' && p.length < best.issues.length)) best = { part: 'payload', issues: p };
      continue;
    }
    const h = check(m.validateHeaders, headers);
    if (h) {
      if (!best || best.part === 'payload') best = { part: 'headers', issues: h };
      continue;
    }
    return m;
  }
  throw new ValidationError(operationId, direction, best!.part, best!.issues);
}

/**
 * Decode and validate an incoming message of an operation (the request side or the reply side). `parsed`
 * is the body already parsed by the caller (a correlation id in the payload), so it is not parsed twice.
 */
export function decodeIncoming(operationId: string, messages: MessageSpec[], message: IncomingMessage, validate: boolean, parsed?: { body: unknown }): Decoded {
  if (messages.some((m) => m.codec)) return decodeCoded(operationId, messages, message, validate);
  const payload = parsed ? parsed.body : decodeBody(operationId, message.body);
  // Validators coerce header strings to their schema types in place: work on a copy.
  const headers: Record<string, unknown> = { ...message.headers };
  const spec = pickMessage(operationId, messages, payload, headers, 'incoming', validate);
  return { spec, payload, headers };
}

/**
 * Bytes of a coded message: they mean something to their own message's codec only, so each candidate
 * decodes them itself; the messages of the content type the message carries are tried first (all when it
 * names none of them). The first that decodes and passes its check wins; else the closest failure.
 */
function decodeCoded(operationId: string, messages: MessageSpec[], message: IncomingMessage, validate: boolean): Decoded {
  const headers: Record<string, unknown> = { ...message.headers };
  const ct = message.headers[HEADERS.contentType];
  const byType = messages.filter((m) => m.contentType === ct);
  let json: { body: unknown } | undefined;
  let failure: ValidationError | undefined;
  for (const spec of byType.length ? byType : messages) {
    let payload: unknown;
    try {
      payload = spec.codec ? spec.codec.decode(message.body) : (json ??= { body: decodeBody(operationId, message.body) }).body;
    } catch (e) {
      failure ??= e instanceof ValidationError ? e : new ValidationError(operationId, 'incoming', 'body', [{ path: '', message: `is not ${spec.codec!.label}: ${(e as Error).message}` }]);
      continue;
    }
    try {
      pickMessage(operationId, [spec], payload, headers, 'incoming', validate);
      return { spec, payload, headers };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      if (!failure || failure.part === 'body') failure = e;
    }
  }
  throw failure!;
}

/** The body of an outgoing message: the codec's encoding, or JSON. */
export function encodePayload(operationId: string, spec: MessageSpec, payload: unknown): Uint8Array {
  if (!spec.codec) return encodeBody(payload);
  try {
    return spec.codec.encode(payload);
  } catch (e) {
    // Only reached with validation off: the codec refuses what its check would have reported.
    throw new ValidationError(operationId, 'outgoing', 'payload', [{ path: '', message: `cannot be encoded as ${spec.codec.label}: ${(e as Error).message}` }]);
  }
}

export { stringifyHeaders };

/** The concrete address of an operation's channel. */
export function resolveAddress(op: OperationSpec, given: Record<string, string> | undefined, headers: Record<string, unknown>, payload: unknown): string {
  if (op.parameters.length === 0) return op.address;
  // Parameter names come from the spec: own values only, kept in a Map (`constructor` is not Object's).
  const values = new Map<string, string>();
  for (const p of op.parameters) {
    let v: unknown = given && Object.hasOwn(given, p.name) ? given[p.name] : undefined;
    if (v === undefined && p.location) v = readExpression(p.location, headers, payload);
    if (v === undefined || v === null) throw new MissingParameterError(op.id, p.name);
    values.set(p.name, String(v));
  }
  return fillAddress(op.address, values);
}

/** The partition key of a message: given, or read where the spec says. */
export function keyOf(op: OperationSpec, given: string | undefined, headers: Record<string, unknown>, payload: unknown): string | undefined {
  if (given !== undefined) return given;
  const v = readExpression(op.partitionKey, headers, payload);
  return v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
}
