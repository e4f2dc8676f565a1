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
import { issuesOf } from '../envelope.js';
import type { ValidationIssue } from '../errors.js';
import type { CompiledValidator } from '../ajv.js';
import { formDecode } from './form.js';
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
}

/** One problem found in a request: where (`body`, `query`, `path`, `header`, `cookie`), the JSON pointer, what is wrong. */
export interface ProblemField {
  in: 'body' | 'path' | 'query' | 'header' | 'cookie';
  pointer: string;
  detail: string;
}

interface Route {
  op: HttpOperationSpec;
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

export function createRouter(operations: Record<string, HttpOperationSpec>, handlers: Record<string, HttpHandler | undefined>, options: RouterOptions = {}): RequestListener {
  const routes: Route[] = [];
  for (const op of Object.values(operations)) {
    const given = Object.hasOwn(handlers, op.id) ? handlers[op.id] : undefined;
    // An operation without a handler is still routed (its path must not look unknown): it answers 501.
    const handler = typeof given === 'function' ? given : undefined;
    const names: string[] = [];
    const source = op.path.replace(/\{([^}]+)\}|[^{]+/g, (m, name: string | undefined) => {
      if (name === undefined) return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    });
    routes.push({ op, pattern: new RegExp(`^${source}$`), names, handler, weight: op.path.replace(/\{[^}]+\}/g, '').length });
  }
  routes.sort((a, b) => b.weight - a.weight);
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const onError = options.onError ?? ((e, id) => console.error(`specgate: ${id}: ${e.message}`));

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    const allowed = new Set<string>();
    for (const r of routes) {
      const m = r.pattern.exec(url.pathname);
      if (!m) continue;
      if (r.op.method === method) {
        route = r;
        match = m;
        break;
      }
      allowed.add(r.op.method);
    }
    if (!route) {
      req.resume();
      if (allowed.size) {
        const allow = [...allowed].sort().join(', ');
        return problem(res, 405, 'Method not allowed', `${method} is not allowed on ${url.pathname}; allowed: ${allow}`, undefined, { allow });
      }
      return problem(res, 404, 'Not found', `no operation has the path ${url.pathname}`);
    }
    void handle(route, match!, url, req, res).catch((e: unknown) => {
      if (e instanceof RequestProblem) return problem(res, e.status, e.title, e.detail, e.fields);
      onError(e as Error, route.op.id);
      problem(res, 500, 'Internal server error', `${route.op.id} failed`);
    });
  };

  async function handle(route: Route, match: RegExpExecArray, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { op } = route;
    if (!route.handler) {
      req.resume();
      throw new RequestProblem(501, 'Not implemented', `${op.id} has no handler`);
    }
    const path = parsePath(op, route.names, match.slice(1));
    if (!path) throw new RequestProblem(400, 'Invalid request', 'a path parameter is not valid percent-encoding', [{ in: 'path', pointer: '', detail: 'is not valid percent-encoding' }]);
    const query = parseQuery(op, url.searchParams);
    const headers = parseHeaders(op, req.headers);
    const cookies = parseCookies(op, req.headers.cookie);
    const fields = [...check(op.validatePath, path, 'path'), ...check(op.validateQuery, query, 'query'), ...check(op.validateHeaders, headers, 'header'), ...check(op.validateCookies, cookies, 'cookie')];
    if (fields.length) {
      req.resume();
      throw invalid(fields);
    }
    const raw = await readBody(req, maxBody);
    let body: unknown;
    let contentType: string | undefined;
    const rb = op.requestBody;
    if (rb && raw.length > 0) {
      contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
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
        body = formDecode(raw.toString('utf8'));
        const bodyFields = check(media.validate, body, 'body');
        if (bodyFields.length) throw invalid(bodyFields);
      } else body = raw.toString('utf8');
    } else if (rb?.required) throw invalid([{ in: 'body', pointer: '', detail: 'is required' }]);

    const result = await route.handler({ path, query, headers, cookies, body, ...(contentType ? { contentType } : {}), raw: req });
    writeResult(route.op, result, res);
  }

  function writeResult(op: HttpOperationSpec, result: HttpResult, res: ServerResponse): void {
    const status = result?.status;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      onError(new Error(`the handler returned no valid status (${String(status)})`), op.id);
      return problem(res, 500, 'Internal server error', `${op.id} failed`);
    }
    const declared = findResponse(op, status, result.contentType);
    const contentType = result.contentType ?? declared.declared.find((r) => r.contentType)?.contentType ?? (result.body !== undefined ? 'application/json' : undefined);
    if (options.validateResponses) {
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
        onError(new Error(`response does not match the contract: ${why}`), op.id);
        return problem(res, 500, 'Response does not match the contract', `${op.id}: ${why}`);
      }
    }
    const headers: Record<string, string | string[]> = { ...result.headers };
    let payload: string | Uint8Array | undefined;
    if (result.body !== undefined) {
      headers['content-type'] = contentType!;
      payload = contentType && isJsonMedia(contentType) ? JSON.stringify(result.body) : result.body instanceof Uint8Array ? result.body : String(result.body);
    }
    res.writeHead(status, headers);
    res.end(payload);
  }
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

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RequestProblem(413, 'Content too large', `the body is larger than ${max} bytes`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function problem(res: ServerResponse, status: number, title: string, detail: string, errors?: ProblemField[], extra: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) });
  res.writeHead(status, { 'content-type': 'application/problem+json', ...extra });
  res.end(body);
}
