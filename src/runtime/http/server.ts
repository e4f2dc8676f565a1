/**
 * The engine behind a generated OpenAPI `create<Name>Router`: a `node:http` request listener that finds
 * the operation by path template and method, parses and coerces the parameters, reads and validates the
 * body, calls the typed handler and writes its response (validated against the spec when asked). Every
 * refusal is an `application/problem+json` response (RFC 9457) naming what was wrong.
 *
 * Hand-written rather than a router package: the routes come from the spec, known at generation time,
 * and a table of regular expressions is all the matching needs; the listener stays dependency-free for
 * `node:http` (a Fastify or Express app can mount it as a plain handler).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { issuesOf } from '../envelope.js';
import type { ValidationIssue } from '../errors.js';
import type { CompiledValidator } from '../ajv.js';
import { formDecode } from './form.js';
import { multipartDecode, MultipartError } from './multipart.js';
import { parseCookies, parseHeaders, parsePath, parseQuery } from './params.js';
import { findResponse, isJsonMedia, type HttpOperationSpec } from './spec.js';

export interface HttpRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** The declared cookie parameters (other cookies stay in `raw.headers.cookie`). */
  cookies: Record<string, unknown>;
  body: unknown;
  /** Media type of the body, when there was one. */
  contentType?: string;
  raw: IncomingMessage;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  /** Default: the media type the spec declares for the status. */
  contentType?: string;
  headers?: Record<string, string | string[]>;
}

export type HttpHandler = (request: HttpRequest) => HttpResult | Promise<HttpResult>;

export interface RouterOptions {
  /** Check each handler's response against the spec and answer 500 when it does not match (development). Default false. */
  validateResponses?: boolean;
  /** Largest request body read; larger ones get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Gets handler errors and responses that failed validation. Default: one line on stderr. */
  onError?: (error: Error, operationId: string) => void;
  /** Path templates by operation id, for webhooks (default `/<webhook name>`); a path operation keeps its own unless given. */
  paths?: Record<string, string | undefined>;
}

/** One problem found in a request: where (`body`, `query`, `path`, `header`, `cookie`), the JSON pointer, what is wrong. */
export interface ProblemField {
  in: 'body' | 'path' | 'query' | 'header' | 'cookie';
  pointer: string;
  detail: string;
}

export interface Route {
  op: HttpOperationSpec;
  /** The path template served (a webhook's comes from the router's `paths`). */
  template: string;
  pattern: RegExp;
  names: string[];
  handler?: HttpHandler;
  /** Literal characters of the template: more literal routes are tried first (`/orders/mine` before `/orders/{id}`). */
  weight: number;
}

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fields?: ProblemField[],
  ) {
    super(detail);
  }
}

/** What the core answers: a status, headers and the encoded body, for any HTTP framework to write. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  payload?: string | Uint8Array;
}

/** The route of a request path and method, or the refusal (404, 405 with `Allow`) when there is none. */
export type RouteMatch = { route: Route; match: RegExpExecArray; answer?: undefined } | { route?: undefined; match?: undefined; answer: HttpAnswer };

/** The operations and their handlers, by operation id: what a generated `create<Name>Routes` returns. */
export interface HttpRoutes {
  operations: Record<string, HttpOperationSpec>;
  handlers: Record<string, HttpHandler | undefined>;
  /** Webhook paths by operation id (see {@link RouterOptions.paths}). */
  paths?: Record<string, string | undefined>;
}

/**
 * Matching, parameter parsing, body validation, the handler call and the problem responses, with no
 * opinion on how a request is read or a response written: the `node:http` listener and the Fastify
 * adapter both drive it, so both answer byte for byte the same.
 */
export class RouterCore {
  readonly routes: Route[] = [];
  readonly maxBodyBytes: number;
  private readonly onError: (error: Error, operationId: string) => void;

  constructor(
    operations: Record<string, HttpOperationSpec>,
    handlers: Record<string, HttpHandler | undefined>,
    private readonly options: RouterOptions = {},
  ) {
    for (const op of Object.values(operations)) {
      const given = Object.hasOwn(handlers, op.id) ? handlers[op.id] : undefined;
      // An operation without a handler is still routed (its path must not look unknown): it answers 501.
      const handler = typeof given === 'function' ? given : undefined;
      const template = routePath(op, options.paths);
      const names: string[] = [];
      const source = template.replace(/\{([^}]+)\}|[^{]+/g, (m, name: string | undefined) => {
        if (name === undefined) return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ op, template, pattern: new RegExp(`^${source}$`), names, handler, weight: template.replace(/\{[^}]+\}/g, '').length });
    }
    this.routes.sort((a, b) => b.weight - a.weight);
    this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    this.onError = options.onError ?? ((e, id) => console.error(`specgate: ${id}: ${e.message}`));
  }

  find(method: string, pathname: string): RouteMatch {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.op.method === method) return { route, match };
      allowed.add(route.op.method);
    }
    if (allowed.size) {
      const allow = [...allowed].sort().join(', ');
      return { answer: problem(405, 'Method not allowed', `${method} is not allowed on ${pathname}; allowed: ${allow}`, undefined, { allow }) };
    }
    return { answer: problem(404, 'Not found', `no operation has the path ${pathname}`) };
  }

  /**
   * The answer to a request of a matched route; never rejects. `readBody` is called only once the
   * parameters are valid; it may reject with the 413 refusal (an adapter whose framework reads the body answers {@link tooLarge}).
   * A multipart body is instead stream-parsed from `source` (default `req`), with the same limit.
   */
  async respond(route: Route, match: RegExpExecArray, url: URL, req: IncomingMessage, readBody: () => Promise<Buffer>, source: Readable = req): Promise<HttpAnswer> {
    try {
      return await this.handle(route, match, url, req, readBody, source);
    } catch (e) {
      if (e instanceof RequestProblem) return problem(e.status, e.title, e.detail, e.fields);
      this.onError(e as Error, route.op.id);
      return problem(500, 'Internal server error', `${route.op.id} failed`);
    }
  }

  private async handle(route: Route, match: RegExpExecArray, url: URL, req: IncomingMessage, readBody: () => Promise<Buffer>, source: Readable): Promise<HttpAnswer> {
    const { op } = route;
    if (!route.handler) throw new RequestProblem(501, 'Not implemented', `${op.id} has no handler`);
    const path = parsePath(op, route.names, match.slice(1));
    if (!path) throw new RequestProblem(400, 'Invalid request', 'a path parameter is not valid percent-encoding', [{ in: 'path', pointer: '', detail: 'is not valid percent-encoding' }]);
    const query = parseQuery(op, url.searchParams);
    const headers = parseHeaders(op, req.headers);
    const cookies = parseCookies(op, req.headers.cookie);
    const fields = [...check(op.validatePath, path, 'path'), ...check(op.validateQuery, query, 'query'), ...check(op.validateHeaders, headers, 'header'), ...check(op.validateCookies, cookies, 'cookie')];
    if (fields.length) throw invalid(fields);
    const rb = op.requestBody;
    let contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
    // Multipart bodies are parsed as they arrive (files can be most of the limit); an empty one is no body.
    const multipart = req.headers['content-length'] !== '0' ? rb?.media.find((m) => m.multipart && m.contentType.toLowerCase() === contentType) : undefined;
    if (multipart) {
      let body: Record<string, unknown>;
      try {
        body = await multipartDecode(source, req.headers, multipart.multipart!, this.maxBodyBytes);
      } catch (e) {
        if (!(e instanceof MultipartError)) throw e;
        if (e.status === 413) throw bodyTooLarge(this.maxBodyBytes);
        throw new RequestProblem(400, 'Invalid request', e.message, [{ in: 'body', pointer: e.pointer, detail: e.detail }]);
      }
      const bodyFields = check(multipart.validate, body, 'body');
      if (bodyFields.length) throw invalid(bodyFields);
      return this.answer(op, await route.handler({ path, query, headers, cookies, body, contentType, raw: req }));
    }
    const raw = await readBody();
    let body: unknown;
    if (rb && raw.length > 0) {
      const media = rb.media.find((m) => m.contentType.toLowerCase() === contentType);
      if (!media) throw new RequestProblem(415, 'Unsupported media type', `${op.id} accepts ${rb.media.map((m) => m.contentType).join(', ')}, not ${contentType ?? 'a body without Content-Type'}`);
      if (isJsonMedia(media.contentType)) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (e) {
          throw new RequestProblem(400, 'Invalid request', `the body is not valid JSON (${(e as Error).message})`, [{ in: 'body', pointer: '', detail: 'is not valid JSON' }]);
        }
        const bodyFields = check(media.validate, body, 'body');
        if (bodyFields.length) throw invalid(bodyFields);
      } else if (media.form) {
        body = formDecode(raw.toString('utf8'), media.commaSeparated);
        const bodyFields = check(media.validate, body, 'body');
        if (bodyFields.length) throw invalid(bodyFields);
      } else body = raw.toString('utf8');
    } else {
      contentType = undefined;
      if (rb?.required) throw invalid([{ in: 'body', pointer: '', detail: 'is required' }]);
    }

    const result = await route.handler({ path, query, headers, cookies, body, ...(contentType ? { contentType } : {}), raw: req });
    return this.answer(op, result);
  }

  private answer(op: HttpOperationSpec, result: HttpResult): HttpAnswer {
    const status = result?.status;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      this.onError(new Error(`the handler returned no valid status (${String(status)})`), op.id);
      return problem(500, 'Internal server error', `${op.id} failed`);
    }
    const declared = findResponse(op, status, result.contentType);
    const contentType = result.contentType ?? declared.declared.find((r) => r.contentType)?.contentType ?? (result.body !== undefined ? 'application/json' : undefined);
    if (this.options.validateResponses) {
      const spec = result.contentType ? declared.spec : (declared.declared.find((r) => r.contentType === contentType) ?? declared.spec);
      let why: string | undefined;
      let issues: ValidationIssue[] = [];
      if (!declared.declared.length) why = `status ${status} is not declared`;
      else if (!spec) why = `media type ${contentType ?? '(none)'} is not declared for status ${status}`;
      else if (spec.validate && !spec.validate(result.body)) {
        issues = issuesOf(spec.validate);
        why = `the body does not match the schema: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`;
      }
      if (why) {
        this.onError(new Error(`response does not match the contract: ${why}`), op.id);
        return problem(500, 'Response does not match the contract', `${op.id}: ${why}`);
      }
    }
    const headers: Record<string, string | string[]> = { ...result.headers };
    let payload: string | Uint8Array | undefined;
    if (result.body !== undefined) {
      headers['content-type'] = contentType!;
      payload = contentType && isJsonMedia(contentType) ? JSON.stringify(result.body) : result.body instanceof Uint8Array ? result.body : String(result.body);
    }
    return { status, headers, ...(payload !== undefined ? { payload } : {}) };
  }
}

/**
 * Where a route is served: the spec's path template, or for a webhook (whose URL the subscriber picks
 * when registering it) `paths[id]`, else `/<webhook name>`.
 */
export function routePath(op: HttpOperationSpec, paths: Record<string, string | undefined> = {}): string {
  const given = Object.hasOwn(paths, op.id) ? paths[op.id] : undefined;
  if (given !== undefined) return given;
  return op.webhook !== undefined ? `/${encodeURIComponent(op.webhook)}` : op.path;
}

/** A `node:http` request listener over {@link RouterCore}. */
export function createRouter(operations: Record<string, HttpOperationSpec>, handlers: Record<string, HttpHandler | undefined>, options: RouterOptions = {}): RequestListener {
  const core = new RouterCore(operations, handlers, options);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = core.find((req.method ?? 'GET').toUpperCase(), url.pathname);
    if (!found.route) {
      req.resume();
      return write(res, found.answer);
    }
    void core.respond(found.route, found.match, url, req, () => readBody(req, core.maxBodyBytes)).then((answer) => {
      // A refusal before the body was read leaves it unread: drain it so the connection can be reused.
      if (!req.complete) req.resume();
      write(res, answer);
    });
  };
}

function write(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(answer.status, answer.headers);
  res.end(answer.payload);
}

function check(v: CompiledValidator | undefined, value: unknown, where: ProblemField['in']): ProblemField[] {
  if (!v || v(value)) return [];
  return issuesOf(v).map((i) => ({ in: where, pointer: i.path, detail: i.message }));
}

function invalid(fields: ProblemField[]): RequestProblem {
  const first = fields[0];
  const detail = `${first.in} ${first.pointer || '(root)'} ${first.detail}${fields.length > 1 ? ` (+${fields.length - 1} more)` : ''}`;
  return new RequestProblem(400, 'Invalid request', detail, fields);
}

const bodyTooLarge = (max: number) => new RequestProblem(413, 'Content too large', `the body is larger than ${max} bytes`);

/** The refusal of a body over the limit, for an adapter whose framework reads the body itself. */
export function tooLarge(max: number): HttpAnswer {
  const e = bodyTooLarge(max);
  return problem(e.status, e.title, e.detail);
}

/** The whole body of `req` (a request, or a framework's stream of it); rejects with the 413 refusal past `max` bytes. */
export function readBody(req: Readable, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(bodyTooLarge(max));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An `application/problem+json` answer (RFC 9457). */
export function problem(status: number, title: string, detail: string, errors?: ProblemField[], extra: Record<string, string> = {}): HttpAnswer {
  const payload = JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) });
  return { status, headers: { 'content-type': 'application/problem+json', ...extra }, payload };
}
