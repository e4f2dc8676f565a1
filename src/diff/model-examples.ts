import type { DiffExample } from '../model/rule-example.js';

// Skeletons for the examples of the model checks (servers, channels, operations, messages, parameters,
// bodies, responses, security, docs). Each puts a two-line header before `body`, so the body's first line
// is line 3 of the document.

/** An AsyncAPI 3 document of the Orders API: `body` holds its servers, channels, operations, components. */
export function asyncapi(body: string): string {
  return `asyncapi: 3.0.0\ninfo: { title: Orders, version: 1.0.0 }\n${body}`;
}

/** An AsyncAPI 2 document of the Orders API (channels carry `publish` / `subscribe`). */
export function asyncapi2(body: string): string {
  return `asyncapi: 2.6.0\ninfo: { title: Orders, version: 1.0.0 }\n${body}`;
}

/** An OpenAPI 3.1 document of the Orders API: `body` holds its servers, paths, components. */
export function openapi(body: string): string {
  return `openapi: 3.1.0\ninfo: { title: Orders, version: 1.0.0 }\n${body}`;
}

/**
 * A diff example whose revision is `base` with `from` replaced by `to`; `from` must occur exactly once,
 * so an example can never silently compare a document with itself.
 */
export function edited(title: string, base: string, from: string, to: string, expect: DiffExample['expect']): DiffExample {
  const at = base.indexOf(from);
  if (at < 0 || base.indexOf(from, at + 1) >= 0) throw new Error(`example "${title}": \`${from}\` must occur exactly once`);
  return { title, base, revision: base.slice(0, at) + to + base.slice(at + from.length), expect };
}
