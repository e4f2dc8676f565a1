/**
 * Typed errors of the runtime. Every error a generated client or handler raises is one of these (or the
 * transport's own), so callers can branch with `instanceof` or on `code`.
 */

/** One problem found by a validator: where in the payload or headers, and what is wrong. */
export interface ValidationIssue {
  /** JSON pointer inside the payload or headers (`/lineItems/0/quantity`), '' for the whole value. */
  path: string;
  message: string;
}

export class SpecgateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** `path` and `query`: the parameters of an HTTP request in that location. */
export type ValidationPart = 'payload' | 'headers' | 'body' | 'path' | 'query' | 'cookies';

/** A payload or headers object does not match the spec's schema. */
export class ValidationError extends SpecgateError {
  readonly operationId: string;
  /** `outgoing`: caught before sending; `incoming`: a received message or reply. */
  readonly direction: 'outgoing' | 'incoming';
  /** Which part failed. */
  readonly part: ValidationPart;
  readonly issues: ValidationIssue[];
  constructor(operationId: string, direction: 'outgoing' | 'incoming', part: ValidationPart, issues: ValidationIssue[]) {
    const first = issues[0];
    const where = first ? `${first.path || '(root)'} ${first.message}` : 'invalid';
    super('VALIDATION', `${operationId}: ${direction} ${part} ${where}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`);
    this.operationId = operationId;
    this.direction = direction;
    this.part = part;
    this.issues = issues;
  }
}

/** No reply arrived within `timeoutMs`. A reply arriving later is dropped. */
export class RequestTimeoutError extends SpecgateError {
  constructor(
    readonly operationId: string,
    readonly timeoutMs: number,
    readonly correlationId: string,
  ) {
    super('REQUEST_TIMEOUT', `${operationId}: no reply within ${timeoutMs} ms (correlation id ${correlationId})`);
  }
}

/** The operation's circuit breaker is open: the request failed fast without being sent. */
export class CircuitOpenError extends SpecgateError {
  constructor(
    readonly operationId: string,
    /** When a trial request will be let through (epoch ms). */
    readonly retryAt: number,
  ) {
    super('CIRCUIT_OPEN', `${operationId}: circuit open after repeated failures; next trial at ${new Date(retryAt).toISOString()}`);
  }
}

/** The client already waits for `limit` replies: the request failed fast without being sent. */
export class TooManyRequestsError extends SpecgateError {
  constructor(
    readonly operationId: string,
    readonly limit: number,
  ) {
    super('TOO_MANY_REQUESTS', `${operationId}: ${limit} requests already wait for a reply (maxOutstanding)`);
  }
}

/** A channel parameter has no value (neither given nor found at its location). */
export class MissingParameterError extends SpecgateError {
  constructor(
    readonly operationId: string,
    readonly parameter: string,
  ) {
    super('MISSING_PARAMETER', `${operationId}: channel parameter \`${parameter}\` has no value; pass it in \`parameters\``);
  }
}

/** The request was cancelled because the client was closed. */
export class ClientClosedError extends SpecgateError {
  constructor(readonly operationId: string) {
    super('CLIENT_CLOSED', `${operationId}: the client was closed`);
  }
}

/**
 * Not sent: an earlier message with the same key on the same channel failed to send while this one waited
 * behind it. Sending it would deliver the later message without the earlier one; send both again, in order.
 */
export class KeyBlockedError extends SpecgateError {
  constructor(
    readonly operationId: string,
    readonly key: string,
    cause: unknown,
  ) {
    super('KEY_BLOCKED', `${operationId}: not sent: an earlier message with key ${key} failed to send (${(cause as Error)?.message ?? String(cause)})`, { cause });
  }
}

/** Errors after which a fallback is used: the request could not get a reply, not a caller mistake. */
export function isAvailabilityError(e: unknown): boolean {
  return !(e instanceof ValidationError) && !(e instanceof MissingParameterError);
}

/**
 * An HTTP response does not match the contract: its status is not declared, its media type is not
 * declared for that status, or its body fails the schema.
 */
export class ResponseValidationError extends SpecgateError {
  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly contentType: string | undefined,
    readonly issues: ValidationIssue[],
  ) {
    const first = issues[0];
    const where = first ? `${first.path || '(root)'} ${first.message}` : 'invalid';
    super('RESPONSE_VALIDATION', `${operationId}: response ${status}${contentType ? ` ${contentType}` : ''}: ${where}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`);
  }
}

/** The HTTP request got no response: the connection was refused, reset or failed (the cause says how). */
export class ConnectionError extends SpecgateError {
  constructor(
    readonly operationId: string,
    cause: unknown,
  ) {
    const c = cause as { message?: string; cause?: { code?: string; message?: string } };
    super('CONNECTION', `${operationId}: no response: ${c?.cause?.code ?? c?.cause?.message ?? c?.message ?? String(cause)}`, { cause });
  }
}
