/** Names in generated code: stable, valid TypeScript identifiers, free of collisions. */
import { identifier, isReserved } from './escape.js';

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
  return isReserved(s) ? `${s}Type` : s;
}

/** `Order Service` → `order-service`; `OrderService API` → `order-service-api`. */
export function kebabCase(text: string, fallback = 'api'): string {
  return words(text).map((x) => x.toLowerCase()).join('-') || fallback;
}

/** `publish order-created` → `publishOrderCreated`; a valid identifier is kept as written (if not reserved). */
export function camelCase(text: string, fallback = 'operation'): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) return identifier(text);
  const w = words(text);
  const s = w.map((x, i) => (i === 0 ? x[0].toLowerCase() + x.slice(1) : x[0].toUpperCase() + x.slice(1))).join('');
  return identifier(s || fallback);
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
