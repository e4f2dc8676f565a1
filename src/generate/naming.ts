/** Names in generated code: stable, valid TypeScript identifiers, free of collisions. */

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield any boolean number string symbol unknown never object undefined bigint Array Record Promise Date Error Partial Omit Pick String Number Boolean Object Symbol Function Map Set'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `order-service.created` → `OrderServiceCreated`; `Order Service` → `OrderService`. */
export function pascalCase(text: string, fallback = 'Unnamed'): string {
  const w = words(text);
  let s = w.map((x) => x[0].toUpperCase() + x.slice(1)).join('');
  if (!s) s = fallback;
  if (/^[0-9]/.test(s)) s = `T${s}`;
  return RESERVED.has(s) ? `${s}Type` : s;
}

/** `Order Service` → `order-service`; `OrderService API` → `order-service-api`. */
export function kebabCase(text: string, fallback = 'api'): string {
  return words(text).map((x) => x.toLowerCase()).join('-') || fallback;
}

/** `publish order-created` → `publishOrderCreated`; a valid identifier is kept as written. */
export function camelCase(text: string, fallback = 'operation'): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) && !RESERVED.has(text)) return text;
  const w = words(text);
  let s = w.map((x, i) => (i === 0 ? x[0].toLowerCase() + x.slice(1) : x[0].toUpperCase() + x.slice(1))).join('');
  if (!s) s = fallback;
  if (/^[0-9]/.test(s)) s = `_${s}`;
  return RESERVED.has(s) ? `${s}_` : s;
}

/** A property name as TypeScript accepts it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Hands out unique names: the first asker of a name gets it, later ones get `Name2`, `Name3`, ... */
export class NameRegistry {
  private readonly used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }
  take(base: string): string {
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
  has(name: string): boolean {
    return this.used.has(name);
  }
}

/** Text safe inside a `/** ... *\/` comment, one line per line. */
export function docComment(text: string | undefined, indent = ''): string {
  if (!text || !text.trim()) return '';
  const lines = text.trim().replace(/\*\//g, '*\\/').split(/\r?\n/);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}
