/**
 * Templates live in `templates/` at the package root (`generate/` for the generated modules, `wiring/` for
 * the wiring examples) and are read at generation time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';

/** `templates/` beside `src/` and `dist/` alike (this file is `<root>/{src,dist}/generate/render.*`). */
export const TEMPLATES_ROOT = fileURLToPath(new URL('../../templates/', import.meta.url));
export const TEMPLATE_DIR = `${TEMPLATES_ROOT}generate/`;

const cache = new Map<string, string>();

/** `name` is a template of `templates/generate/`, or a path under `templates/` such as `wiring/amqp.ts`. */
export function template(name: string): string {
  let t = cache.get(name);
  if (t === undefined) cache.set(name, (t = readFileSync(`${name.includes('/') ? TEMPLATES_ROOT : TEMPLATE_DIR}${name}.mustache`, 'utf8')));
  return t;
}

/** Render a template; values are TypeScript source (spec text in them went through escape.ts), never HTML-escaped. */
export function render(name: string, view: object): string {
  const out = Mustache.render(template(name), view, {}, { escape: (s: string) => s });
  // Templates end sections on their own lines; collapse the blank runs that leaves.
  return out.replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '') + '\n';
}
