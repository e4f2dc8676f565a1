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
import { formEncode } from './form.js';
import { multipartEncode, validationCopy } from './multipart.js';
import { cookieHeader, fillPath, headerValues, queryString, splitPath } from './params.js';
import { IDEMPOTENT, isJsonMedia, responsesFor, type HttpOperationSpec, type HttpParameterSpec, type HttpResponseSpec } from './spec.js';

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
  /**
   * The whole target URL instead of `baseUrl` and the path: where a webhook goes (the URL its subscriber
   * registered). Calls with a URL have a circuit breaker per operation and origin, so one subscriber
   * that is down does not stop deliveries to the others.
   */
  url?: string;
}

/** Options of a webhook sender: the client's, with a default target URL (or one per call) instead of `baseUrl`. */
export interface WebhookSenderOptions extends Omit<HttpClientOptions, 'baseUrl'> {
  /** Default target of every call; a call's `{ url }` wins. */
  url?: string;
}

/** What a call passes: the spec's parameters by location and the body. */
export interface HttpInput {
  path?: object;
  query?: object;
  headers?: object;
  cookies?: object;
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

/** What a call needs of its operation, worked out once when the client is made instead of on every call. */
interface OperationPlan {
  op: HttpOperationSpec;
  /** The path template split by {@link splitPath}. */
  segments: string[];
  queryParams: HttpParameterSpec[];
  hasHeaderParams: boolean;
  hasCookieParams: boolean;
  /** The media types of the declared responses, `*\/*` when none is. */
  accept: string;
  idempotent: boolean;
  fallback?: HttpFallback<never, unknown>;
  /** Declared responses by status code, filled as codes arrive (at most the few a server answers). */
  byStatus: Map<number, HttpResponseSpec[]>;
}

/** A response's `content-type` taken apart, kept per distinct header value: servers repeat one or two. */
interface MediaInfo {
  /** Without parameters (`; charset=utf-8`), as received. */
  media: string;
  lower: string;
  json: boolean;
}

export class HttpClientCore {
  private readonly plans = new Map<string, OperationPlan>();
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly mediaInfo = new Map<string, MediaInfo>();
  private readonly fetch: typeof fetch;
  private readonly base: string;
  private readonly validate: boolean;
  private inFlight = 0;

  constructor(
    private readonly options: HttpClientOptions,
    operations: Record<string, HttpOperationSpec>,
    fallbacks: Record<string, HttpFallback<never, unknown> | undefined> = {},
  ) {
    for (const [id, op] of Object.entries(operations))
      this.plans.set(id, {
        op,
        segments: splitPath(op.path),
        queryParams: op.parameters.filter((p) => p.in === 'query'),
        hasHeaderParams: op.parameters.some((p) => p.in === 'header'),
        hasCookieParams: op.parameters.some((p) => p.in === 'cookie'),
        accept: [...new Set(op.responses.map((r) => r.contentType).filter((c): c is string => !!c))].join(', ') || '*/*',
        idempotent: IDEMPOTENT.has(op.method),
        fallback: Object.hasOwn(fallbacks, id) ? fallbacks[id] : undefined,
        byStatus: new Map(),
      });
    this.fetch = options.fetch ?? globalThis.fetch;
    this.base = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.validate = options.validate ?? true;
  }

  /** Calls in flight. */
  get outstanding(): number {
    return this.inFlight;
  }

  /** The breaker of an operation, or of an operation and target origin (`http://127.0.0.1:8080`) for calls given a `url`. */
  breaker(operationId: string, origin?: string): CircuitBreaker | undefined {
    if (this.options.breaker === false) return undefined;
    const key = origin === undefined ? operationId : `${operationId} ${origin}`;
    let b = this.breakers.get(key);
    if (!b) this.breakers.set(key, (b = new CircuitBreaker(key, this.options.breaker)));
    return b;
  }

  call<R>(operationId: string, input: HttpInput = {}, options: CallOptions = {}): Promise<R> {
    const plan = this.plans.get(operationId);
    if (!plan) return Promise.reject(new Error(`unknown operation ${operationId}`));
    const result = this.send(plan, input, options) as Promise<R>;
    const fallback = plan.fallback;
    // Without a fallback the call is the one async function below: no wrapper promise per call.
    if (!fallback) return result;
    return result.catch(async (e: unknown) => {
      if (isUnavailable(e)) return (await fallback(input as never, e as Error)) as R;
      throw e;
    });
  }

  private async send(plan: OperationPlan, input: HttpInput, options: CallOptions): Promise<HttpResponse> {
    const op = plan.op;
    const init = this.prepare(plan, input, options);
    const target = options.url;
    let origin: string | undefined;
    if (target !== undefined) {
      try {
        origin = new URL(target).origin;
      } catch {
        throw new Error(`${op.id}: the target URL ${JSON.stringify(target)} is not an absolute URL`);
      }
    } else if (!this.base) throw new Error(`${op.id}: no target URL: pass \`url\` to the call or its sender`);
    let qs = queryString(plan.queryParams, input.query as Record<string, unknown> | undefined);
    // A registered webhook URL may carry its own query: the declared parameters are added to it.
    if (qs && target?.includes('?')) qs = `&${qs.slice(1)}`;
    const url = (target ?? this.base) + fillPath(plan.segments, input.path as Record<string, unknown> | undefined) + qs;
    const max = this.options.maxOutstanding ?? 100;
    if (this.inFlight >= max) throw new TooManyRequestsError(op.id, max);
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10_000;
    // One timer bounds the whole call: every attempt, the waits between them and each body read. Its
    // error (and stack) is made only when it fires; the arguments spare a closure per call.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(abortOnTimeout, timeoutMs, controller, op, timeoutMs, url);
    const caller = options.signal;
    const onCancel = caller && (() => controller.abort(caller.reason));
    if (caller) {
      caller.addEventListener('abort', onCancel!, { once: true });
      if (caller.aborted) onCancel!();
    }
    init.signal = signal;
    this.inFlight++;
    try {
      const retries = plan.idempotent ? (this.options.retries?.attempts ?? 0) : 0;
      for (let attempt = 0; ; attempt++) {
        // One request through the breaker; the body is read here, inside the timeout.
        const permit = this.breaker(op.id, origin)?.enter();
        let res: Response | undefined;
        let text = '';
        let error: ConnectionError | undefined;
        try {
          res = await this.fetch(url, init);
          text = await res.text();
        } catch (e) {
          permit?.failure();
          if (signal.aborted) throw signal.reason;
          error = new ConnectionError(op.id, e);
        }
        if (!error) {
          if (res!.status >= 500) permit?.failure();
          else permit?.success();
        }
        if (attempt < retries && (error !== undefined || RETRY_STATUS.has(res!.status))) {
          await delay(this.options.retries?.delayMs ?? 0, signal);
          continue;
        }
        if (error) throw error;
        return this.decode(plan, res!, text);
      }
    } catch (e) {
      // An abort surfaces as the signal's reason wherever fetch or the body read was.
      throw signal.aborted ? signal.reason : e;
    } finally {
      clearTimeout(timer);
      if (caller) caller.removeEventListener('abort', onCancel!);
      this.inFlight--;
    }
  }

  private prepare(plan: OperationPlan, input: HttpInput, options: CallOptions): RequestInit {
    const op = plan.op;
    if (this.validate) {
      check(op, 'path', op.validatePath, input.path);
      check(op, 'query', op.validateQuery, input.query);
      check(op, 'headers', op.validateHeaders, input.headers);
      check(op, 'cookies', op.validateCookies, input.cookies);
    }
    const headers: Record<string, string> = this.options.headers || options.headers ? { ...this.options.headers, ...options.headers } : {};
    if (plan.hasHeaderParams) headerValues(op, input.headers as Record<string, unknown> | undefined, headers);
    if (plan.hasCookieParams) cookieHeader(op, input.cookies as Record<string, unknown> | undefined, headers);
    const init: RequestInit = { method: op.method, headers };
    const rb = op.requestBody;
    if (rb && input.body !== undefined) {
      const media = (input.contentType && rb.media.find((m) => m.contentType === input.contentType)) || rb.media[0];
      headers['content-type'] = media.contentType;
      if (isJsonMedia(media.contentType)) {
        if (this.validate && media.validate && !media.validate(input.body)) throw new ValidationError(op.id, 'outgoing', 'body', issuesOf(media.validate));
        init.body = JSON.stringify(input.body);
      } else if (media.form) {
        // A copy: the form validator coerces in place, and the caller's object stays as given.
        if (this.validate && media.validate && !media.validate(structuredClone(input.body))) throw new ValidationError(op.id, 'outgoing', 'body', issuesOf(media.validate));
        init.body = formEncode(input.body, media.commaSeparated);
      } else if (media.multipart) {
        // The files are only checked for presence: the validator gets them as they are, the rest as a copy.
        if (this.validate && media.validate && !media.validate(validationCopy(input.body, media.multipart))) throw new ValidationError(op.id, 'outgoing', 'body', issuesOf(media.validate));
        // fetch writes the content type itself, with the boundary it chose.
        delete headers['content-type'];
        init.body = multipartEncode(input.body, media.multipart);
      } else init.body = typeof input.body === 'string' || input.body instanceof Uint8Array ? (input.body as string) : String(input.body);
    } else if (rb?.required && this.validate) throw new ValidationError(op.id, 'outgoing', 'body', [{ path: '', message: 'is required' }]);
    headers.accept ??= plan.accept;
    return init;
  }

  private decode(plan: OperationPlan, res: Response, text: string): HttpResponse {
    const op = plan.op;
    const status = res.status;
    const contentType = res.headers.get('content-type') ?? undefined;
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const info = contentType === undefined ? undefined : this.media(contentType);
    const media = info?.media;
    let body: unknown = text === '' ? undefined : text;
    const json = info !== undefined && info.json;
    if (json && text !== '') {
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new ResponseValidationError(op.id, status, media, [{ path: '', message: `is not valid JSON (${(e as Error).message})` }]);
      }
    }
    if (this.validate) {
      let declared = plan.byStatus.get(status);
      if (!declared) plan.byStatus.set(status, (declared = responsesFor(op, status)));
      if (!declared.length) throw new ResponseValidationError(op.id, status, media, [{ path: '', message: `status ${status} is not declared` }]);
      // As findResponse: the media type compared without case; one declared response without content takes any.
      const lower = info?.lower;
      const spec = declared.find((r) => (r.contentType === undefined ? !lower : r.contentType.toLowerCase() === lower)) ?? (declared.length === 1 && declared[0].contentType === undefined ? declared[0] : undefined);
      if (!spec) throw new ResponseValidationError(op.id, status, media, [{ path: '', message: `media type ${media ?? '(none)'} is not declared for this status` }]);
      if (json && spec.validate && !spec.validate(body)) throw new ResponseValidationError(op.id, status, media, issuesOf(spec.validate));
    }
    return media ? { status, contentType: media, headers, body } : { status, headers, body };
  }

  private media(contentType: string): MediaInfo {
    let info = this.mediaInfo.get(contentType);
    if (!info) {
      const media = contentType.split(';')[0].trim();
      info = { media, lower: media.toLowerCase(), json: isJsonMedia(media) };
      // A server that varies the header (a boundary, say) would grow the cache without end: start over.
      if (this.mediaInfo.size >= 64) this.mediaInfo.clear();
      this.mediaInfo.set(contentType, info);
    }
    return info;
  }
}

/** The timer of a call fired: abort it with the timeout error, built only now. */
function abortOnTimeout(controller: AbortController, op: HttpOperationSpec, timeoutMs: number, url: string): void {
  const timeout = new RequestTimeoutError(op.id, timeoutMs, '');
  timeout.message = `${op.id}: no response within ${timeoutMs} ms (${op.method} ${url})`;
  controller.abort(timeout);
}

function check(op: HttpOperationSpec, part: 'path' | 'query' | 'headers' | 'cookies', v: CompiledValidator | undefined, value: object | undefined): void {
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
