/**
 * The engine behind a generated OpenAPI `create<Name>Client`: one `fetch` per call (Node's global fetch
 * unless one is given), with the same protections as the messaging client (ClientCore): a timeout that
 * bounds the whole call, a limit on calls in flight that fails fast, a circuit breaker per operation and
 * an optional fallback; plus validation of the request before it is sent and of the response on arrival,
 * and retries of idempotent operations when configured.
 */
import { CircuitBreaker, type CircuitBreakerOptions } from '../breaker.js';
import { issuesOf } from '../envelope.js';
import { CircuitOpenError, ConnectionError, RequestTimeoutError, ResponseValidationError, TooManyRequestsError, ValidationError, type ValidationIssue } from '../errors.js';
import type { CompiledValidator } from '../ajv.js';
import { buildUrl, headerValues } from './params.js';
import { findResponse, IDEMPOTENT, isJsonMedia, type HttpOperationSpec } from './spec.js';

export interface HttpClientOptions {
  /** Where the API is, `https://api.example.com` (the operation's path is appended). */
  baseUrl: string;
  /** Bounds every call, body read included; a call may pass its own. Default 10 000 ms. */
  timeoutMs?: number;
  /** Most calls in flight at once; more fail fast with TooManyRequestsError. Default 100. */
  maxOutstanding?: number;
  /** Circuit breaker of every operation (5xx, timeouts and connection errors count as failures), or `false`. */
  breaker?: CircuitBreakerOptions | false;
  /**
   * Retries of GET, HEAD, PUT, DELETE and OPTIONS after a connection error or a 502, 503 or 504, within the
   * call's timeout. None unless configured; other methods are never retried.
   */
  retries?: { attempts: number; delayMs?: number };
  /** Validate requests before sending and responses on arrival. Default true. */
  validate?: boolean;
  /** Headers sent with every call (authorization, tracing). */
  headers?: Record<string, string>;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

export interface CallOptions {
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** Cancels the call (it then fails with the signal's reason). */
  signal?: AbortSignal;
}

/** What a call passes: the spec's parameters by location and the body. */
export interface HttpInput {
  path?: object;
  query?: object;
  headers?: object;
  body?: unknown;
  /** Media type of the body when the operation accepts several; default the first declared. */
  contentType?: string;
}

export interface HttpResponse {
  status: number;
  contentType?: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Called instead of failing when a call gets no usable response (timeout, open circuit, limit, connection error). */
export type HttpFallback<I, R> = (input: I, error: Error) => R | Promise<R>;

/** Errors after which a fallback is used: the API could not be reached in time, not a contract violation. */
const isUnavailable = (e: unknown) => e instanceof RequestTimeoutError || e instanceof CircuitOpenError || e instanceof TooManyRequestsError || e instanceof ConnectionError;

const RETRY_STATUS = new Set([502, 503, 504]);

export class HttpClientCore {
  private readonly operations: Map<string, HttpOperationSpec>;
  private readonly fallbacks: Map<string, HttpFallback<never, unknown> | undefined>;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly fetch: typeof fetch;
  private readonly base: string;
  private readonly validate: boolean;
  private inFlight = 0;

  constructor(
    private readonly options: HttpClientOptions,
    operations: Record<string, HttpOperationSpec>,
    fallbacks: Record<string, HttpFallback<never, unknown> | undefined> = {},
  ) {
    this.operations = new Map(Object.entries(operations));
    this.fallbacks = new Map(Object.entries(fallbacks));
    this.fetch = options.fetch ?? globalThis.fetch;
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.validate = options.validate ?? true;
  }

  /** Calls in flight. */
  get outstanding(): number {
    return this.inFlight;
  }

  breaker(operationId: string): CircuitBreaker | undefined {
    if (this.options.breaker === false) return undefined;
    let b = this.breakers.get(operationId);
    if (!b) this.breakers.set(operationId, (b = new CircuitBreaker(operationId, this.options.breaker)));
    return b;
  }

  async call<R>(operationId: string, input: HttpInput = {}, options: CallOptions = {}): Promise<R> {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`unknown operation ${operationId}`);
    try {
      return (await this.callOnce(op, input, options)) as R;
    } catch (e) {
      const fallback = this.fallbacks.get(operationId);
      if (fallback && isUnavailable(e)) return (await fallback(input as never, e as Error)) as R;
      throw e;
    }
  }

  private async callOnce(op: HttpOperationSpec, input: HttpInput, options: CallOptions): Promise<HttpResponse> {
    const { url, init } = this.prepare(op, input, options);
    const max = this.options.maxOutstanding ?? 100;
    if (this.inFlight >= max) throw new TooManyRequestsError(op.id, max);
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    // One timer bounds the whole call: every attempt, the waits between them and each body read.
    const controller = new AbortController();
    const timeout = new RequestTimeoutError(op.id, timeoutMs, '');
    timeout.message = `${op.id}: no response within ${timeoutMs} ms (${op.method} ${url})`;
    const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
    const onCancel = () => controller.abort(options.signal!.reason);
    options.signal?.addEventListener('abort', onCancel, { once: true });
    if (options.signal?.aborted) onCancel();
    init.signal = controller.signal;
    this.inFlight++;
    try {
      const retries = IDEMPOTENT.has(op.method) ? (this.options.retries?.attempts ?? 0) : 0;
      for (let attempt = 0; ; attempt++) {
        const outcome = await this.attempt(op, url, init, controller.signal);
        const retry = attempt < retries && (outcome.error instanceof ConnectionError || (outcome.response && RETRY_STATUS.has(outcome.response.status)));
        if (!retry) {
          if (outcome.error) throw outcome.error;
          return this.decode(op, outcome.response!);
        }
        await delay(this.options.retries?.delayMs ?? 0, controller.signal);
      }
    } catch (e) {
      // An abort surfaces as the signal's reason wherever fetch or the body read was.
      throw controller.signal.aborted ? controller.signal.reason : e;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
      this.inFlight--;
    }
  }

  /** One request through the breaker; the body is read here, inside the timeout. */
  private async attempt(op: HttpOperationSpec, url: string, init: RequestInit, signal: AbortSignal): Promise<{ response?: { status: number; headers: Headers; text: string }; error?: Error }> {
    const permit = this.breaker(op.id)?.enter();
    let res: Response;
    try {
      res = await this.fetch(url, init);
    } catch (e) {
      permit?.failure();
      if (signal.aborted) throw signal.reason;
      return { error: new ConnectionError(op.id, e) };
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      permit?.failure();
      if (signal.aborted) throw signal.reason;
      return { error: new ConnectionError(op.id, e) };
    }
    if (res.status >= 500) permit?.failure();
    else permit?.success();
    return { response: { status: res.status, headers: res.headers, text } };
  }

  private prepare(op: HttpOperationSpec, input: HttpInput, options: CallOptions): { url: string; init: RequestInit } {
    if (this.validate) {
      check(op, 'path', op.validatePath, input.path);
      check(op, 'query', op.validateQuery, input.query);
      check(op, 'headers', op.validateHeaders, input.headers);
    }
    const headers: Record<string, string> = { ...this.options.headers, ...options.headers };
    headerValues(op, input.headers as Record<string, unknown> | undefined, headers);
    const init: RequestInit = { method: op.method, headers };
    const rb = op.requestBody;
    if (rb && input.body !== undefined) {
      const media = (input.contentType && rb.media.find((m) => m.contentType === input.contentType)) || rb.media[0];
      headers['content-type'] = media.contentType;
      if (isJsonMedia(media.contentType)) {
        if (this.validate && media.validate && !media.validate(input.body)) throw new ValidationError(op.id, 'outgoing', 'body', issuesOf(media.validate));
        init.body = JSON.stringify(input.body);
      } else init.body = typeof input.body === 'string' || input.body instanceof Uint8Array ? (input.body as string) : String(input.body);
    } else if (rb?.required && this.validate) throw new ValidationError(op.id, 'outgoing', 'body', [{ path: '', message: 'is required' }]);
    headers.accept ??= [...new Set(op.responses.map((r) => r.contentType).filter((c): c is string => !!c))].join(', ') || '*/*';
    return { url: this.base + buildUrl(op, input.path as Record<string, unknown> | undefined, input.query as Record<string, unknown> | undefined), init };
  }

  private decode(op: HttpOperationSpec, r: { status: number; headers: Headers; text: string }): HttpResponse {
    const contentType = r.headers.get('content-type') ?? undefined;
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => (headers[k] = v));
    const media = contentType?.split(';')[0].trim();
    let body: unknown = r.text === '' ? undefined : r.text;
    const json = media !== undefined && isJsonMedia(media);
    if (json && r.text !== '') {
      try {
        body = JSON.parse(r.text);
      } catch (e) {
        throw new ResponseValidationError(op.id, r.status, media, [{ path: '', message: `is not valid JSON (${(e as Error).message})` }]);
      }
    }
    if (this.validate) {
      const { spec, declared } = findResponse(op, r.status, media);
      if (!declared.length) throw new ResponseValidationError(op.id, r.status, media, [{ path: '', message: `status ${r.status} is not declared` }]);
      if (!spec) throw new ResponseValidationError(op.id, r.status, media, [{ path: '', message: `media type ${media ?? '(none)'} is not declared for this status` }]);
      if (json && spec.validate && !spec.validate(body)) throw new ResponseValidationError(op.id, r.status, media, issuesOf(spec.validate));
    }
    return { status: r.status, ...(media ? { contentType: media } : {}), headers, body };
  }
}

function check(op: HttpOperationSpec, part: 'path' | 'query' | 'headers', v: CompiledValidator | undefined, value: object | undefined): void {
  if (!v) return;
  // A copy: the validators coerce in place, and the caller's object stays as given.
  if (!v({ ...value })) throw new ValidationError(op.id, 'outgoing', part, prefix(part, issuesOf(v)));
}

/** Issues of a parameter location name it: `/query/limit`. */
export const prefix = (part: string, issues: ValidationIssue[]): ValidationIssue[] => issues.map((i) => ({ ...i, path: `/${part}${i.path}` }));

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
  });
}
