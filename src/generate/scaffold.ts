/**
 * `specgate new`: a starting contract for one interaction style, rendered from `templates/new/`. The
 * output validates and lints clean with the strict ruleset (tests check every style and format), so a
 * team starts from a document that already declares what the rules ask for: message ids, correlation
 * ids, reply channels, channel kinds, partition keys, descriptions, servers, error responses.
 */
import { render } from './render.js';
import { kebabCase, pascalCase } from './naming.js';
import { FORMATS, STYLES, type ScaffoldFormat, type Style } from './styles.js';

export { FORMATS, STYLES, type ScaffoldFormat, type Style };

export interface ScaffoldOptions {
  style: Style;
  /** The service's name, `info.title` ("Order Service"). */
  name: string;
  format?: ScaffoldFormat;
}

export interface Scaffold {
  /** Suggested file name: `order-service.asyncapi.yaml`. */
  file: string;
  content: string;
}

export class ScaffoldError extends Error {}

/** Words that name the kind of thing rather than the domain: "Order Service" is about orders. */
const SUFFIXES = new Set(['service', 'services', 'api', 'apis', 'app', 'application', 'system', 'server', 'backend', 'svc', 'ms', 'microservice']);

/** The entity a service is about: "Order Service" → "Order"; a name of suffixes only is its own entity. */
export function entityOf(name: string): string {
  const words = kebabCase(name, '').split('-').filter(Boolean);
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  return pascalCase(words.join(' '), 'Item');
}

export function scaffold(options: ScaffoldOptions): Scaffold {
  const format = options.format ?? 'asyncapi';
  if (!STYLES.includes(options.style)) throw new ScaffoldError(`unknown style ${options.style}; expected one of ${STYLES.join(', ')}`);
  if (!FORMATS.includes(format)) throw new ScaffoldError(`unknown format ${format}; expected one of ${FORMATS.join(', ')}`);
  const title = options.name.replace(/\s+/g, ' ').trim();
  if (!/[A-Za-z0-9]/.test(title)) throw new ScaffoldError('--name needs at least one letter or digit');
  const Entity = entityOf(title);
  const entity = Entity[0].toLowerCase() + Entity.slice(1);
  const service = kebabCase(title);
  const view = {
    title: JSON.stringify(title),
    team: JSON.stringify(`${title} team`),
    service,
    Entity,
    entity,
    entityKebab: kebabCase(Entity),
    Entities: plural(Entity),
    entities: plural(entity),
    entitiesKebab: kebabCase(plural(Entity)),
    /** `{orderId}`: a path template parameter, which Mustache cannot write next to its own braces. */
    idParam: `{${entity}Id}`,
  };
  return { file: `${service}.${format}.yaml`, content: render(`new/${format}-${options.style}.yaml`, view) };
}

/** English plural, good enough for a starting point the user renames anyway. */
function plural(word: string): string {
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}
