/**
 * `specgate/runtime/http/fastify`: the generated routes as real Fastify routes (hooks, logging and
 * `inject()` apply), answered by the same {@link RouterCore} as the `node:http` router: matching,
 * parameter coercion, body validation, problem responses and response validation are not repeated here.
 *
 * Only Fastify's types are imported: the caller's instance is all this needs at run time, so Fastify
 * stays an optional peer dependency and nothing else in the runtime knows of it.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { problem, readBody, tooLarge, RouterCore, type HttpAnswer, type HttpRoutes, type RouterOptions } from './server.js';

export interface FastifyRoutesOptions extends RouterOptions {
  /**
   * Answer paths no route of the app matches with the core's 404 problem, as the `node:http` router
   * does. Off by default: Fastify has one not-found handler per prefix, shared with the app's own routes
   * (set it on one route set per prefix, or leave 404s to the app).
   */
  notFound?: boolean;
  /** Serve the routes under this path (`/v2`), as `app.register(plugin, { prefix })` does; an app that is itself a prefixed context adds its own. */
  prefix?: string;
}

/** The methods a path of the spec answers 405 to when it does not serve them (Fastify's own 404 otherwise). */
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/**
 * Registers the routes (a generated `create<Name>Routes(handlers)`) on `app` in their own encapsulated
 * context: its body parser (raw bytes, for the core to parse and validate) and error handler leave the
 * app's other routes alone. A path of the spec with another method gets the core's 405 with `Allow`
 * (a route too, so hooks see it). Resolves (as `app.register` does) once registered.
 */
export function registerRoutes(app: FastifyInstance, routes: HttpRoutes, options: FastifyRoutesOptions = {}): ReturnType<FastifyInstance['register']> {
  const core = new RouterCore(routes.operations, routes.handlers, { ...options, paths: { ...routes.paths, ...options.paths } });
  const onError = options.onError ?? ((e: Error, id: string) => console.error(`specgate: ${id}: ${e.message}`));
  return app.register((instance, _opts, done) => {
    // Fastify prefixes the routes of a prefixed context; the core matches the spec's paths without it.
    const prefix = instance.prefix;
    const urlOf = (request: FastifyRequest) => {
      const url = new URL(request.url, 'http://localhost');
      if (prefix && url.pathname.startsWith(prefix)) url.pathname = url.pathname.slice(prefix.length) || '/';
      return url;
    };
    /** The bytes of the body: Fastify's buffer, or a multipart stream the route does not take as multipart (the core answers 415). */
    const bodyReader = (request: FastifyRequest) => async () => (Buffer.isBuffer(request.body) ? request.body : request.body instanceof Readable ? readBody(request.body, core.maxBodyBytes) : Buffer.alloc(0));
    const sourceOf = (request: FastifyRequest) => (request.body instanceof Readable ? request.body : request.raw);
    // The core reads JSON, forms and text itself (and answers 415 for the rest): those bodies arrive as bytes.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: core.maxBodyBytes }, (_req, body, next) => next(null, body));
    // Multipart bodies stay a stream (after any preParsing hook), for the core to parse as they arrive.
    instance.addContentTypeParser('multipart/form-data', (_req, payload, next) => next(null, payload));
    instance.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, tooLarge(core.maxBodyBytes));
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return send(reply, problem(status, 'Invalid request', error.message));
      onError(error, request.routeOptions.url ?? request.url);
      return send(reply, problem(500, 'Internal server error', 'the request failed'));
    });
    const refuse = async (request: FastifyRequest, reply: FastifyReply) => {
      const url = urlOf(request);
      const found = core.find(request.method, url.pathname);
      return send(reply, found.route ? await core.respond(found.route, found.match, url, request.raw, bodyReader(request), sourceOf(request)) : found.answer);
    };
    if (options.notFound) instance.setNotFoundHandler(refuse);
    const served = new Map<string, Set<string>>();
    for (const route of core.routes) {
      const url = fastifyPath(route.template);
      if (!served.has(url)) served.set(url, new Set());
      served.get(url)!.add(route.op.method);
    }
    for (const [url, methods] of served) {
      const others = METHODS.filter((m) => !methods.has(m));
      if (others.length) instance.route({ method: others, url, exposeHeadRoute: false, handler: refuse });
    }
    for (const route of core.routes)
      instance.route({
        method: route.op.method,
        url: fastifyPath(route.template),
        exposeHeadRoute: false,
        handler: async (request, reply) => {
          const url = urlOf(request);
          const match = route.pattern.exec(url.pathname);
          // Fastify's matcher is looser than the core's (an empty segment, say): the core decides.
          if (!match) return refuse(request, reply);
          return send(reply, await core.respond(route, match, url, request.raw, bodyReader(request), sourceOf(request)));
        },
      });
    done();
  }, options.prefix ? { prefix: options.prefix } : {});
}

/** `/items/{id}` → `/items/:p0`: parameters renamed (the core reads them by its own pattern), `:` in literals escaped. */
export function fastifyPath(template: string): string {
  let n = 0;
  return template.replace(/\{[^}]+\}|[^{]+/g, (m) => (m.startsWith('{') ? `:p${n++}` : m.replace(/:/g, '::')));
}

/** Bytes, not a string: Fastify would add `; charset=utf-8` to a string's content type, and the node router does not. */
function send(reply: FastifyReply, answer: HttpAnswer): FastifyReply {
  const p = answer.payload;
  const payload = p === undefined || Buffer.isBuffer(p) ? p : typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
  return reply.code(answer.status).headers(answer.headers).send(payload);
}
