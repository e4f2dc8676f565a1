/**
 * `specgate/runtime/http/fastify`: the generated routes as real Fastify routes (hooks, logging and
 * `inject()` apply), answered by the same {@link RouterCore} as the `node:http` router: matching,
 * parameter coercion, body validation, problem responses and response validation are not repeated here.
 *
 * Only Fastify's types are imported: the caller's instance is all this needs at run time, so Fastify
 * stays an optional peer dependency and nothing else in the runtime knows of it.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { problem, tooLarge, RouterCore, type HttpAnswer, type HttpRoutes, type RouterOptions } from './server.js';

/**
 * Registers the routes (a generated `create<Name>Routes(handlers)`) on `app` in their own encapsulated
 * context: its body parser (raw bytes, for the core to parse and validate), error and not-found handlers
 * leave the app's other routes alone. Unknown paths under it get the core's 404, a known path with
 * another method 405 with `Allow`. Resolves (as `app.register` does) once registered.
 */
export function registerRoutes(app: FastifyInstance, routes: HttpRoutes, options: RouterOptions = {}): ReturnType<FastifyInstance['register']> {
  const core = new RouterCore(routes.operations, routes.handlers, { ...options, paths: { ...routes.paths, ...options.paths } });
  const onError = options.onError ?? ((e: Error, id: string) => console.error(`specgate: ${id}: ${e.message}`));
  return app.register((instance, _opts, done) => {
    // The core reads JSON, forms and text itself (and answers 415 for the rest): every body arrives as bytes.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: core.maxBodyBytes }, (_req, body, next) => next(null, body));
    instance.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, tooLarge(core.maxBodyBytes));
      const status = error.statusCode ?? 500;
      if (status >= 400 && status < 500) return send(reply, problem(status, 'Invalid request', error.message));
      onError(error, request.routeOptions.url ?? request.url);
      return send(reply, problem(500, 'Internal server error', 'the request failed'));
    });
    instance.setNotFoundHandler((request, reply) => {
      const found = core.find(request.method, new URL(request.url, 'http://localhost').pathname);
      return send(reply, found.answer ?? problem(404, 'Not found', `no operation has the path ${request.url}`));
    });
    for (const route of core.routes)
      instance.route({
        method: route.op.method,
        url: fastifyPath(route.template),
        exposeHeadRoute: false,
        handler: async (request, reply) => {
          const url = new URL(request.url, 'http://localhost');
          const match = route.pattern.exec(url.pathname);
          // Fastify's matcher is looser than the core's (an empty segment, say): the core decides.
          if (!match) {
            const found = core.find(request.method, url.pathname);
            if (!found.route) return send(reply, found.answer);
            return send(reply, await core.respond(found.route, found.match, url, request.raw, async () => bodyOf(request.body)));
          }
          return send(reply, await core.respond(route, match, url, request.raw, async () => bodyOf(request.body)));
        },
      });
    done();
  });
}

/** `/items/{id}` → `/items/:p0`: parameters renamed (the core reads them by its own pattern), `:` in literals escaped. */
export function fastifyPath(template: string): string {
  let n = 0;
  return template.replace(/\{[^}]+\}|[^{]+/g, (m) => (m.startsWith('{') ? `:p${n++}` : m.replace(/:/g, '::')));
}

const bodyOf = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

function send(reply: FastifyReply, answer: HttpAnswer): FastifyReply {
  const payload = answer.payload instanceof Uint8Array && !Buffer.isBuffer(answer.payload) ? Buffer.from(answer.payload.buffer, answer.payload.byteOffset, answer.payload.byteLength) : answer.payload;
  return reply.code(answer.status).headers(answer.headers).send(payload);
}
