import type { ApiModel, Channel, Message, Operation, Server } from '../model/types.js';

export interface Pair<T> {
  base?: T;
  rev?: T;
}

export interface OperationPair extends Pair<Operation> {
  /** Matched by (channel address, action) after the id changed: a rename, not a removal and an addition. */
  renamed?: boolean;
}

export interface Matched {
  channels: Pair<Channel>[];
  operations: OperationPair[];
  servers: Pair<Server>[];
}

/** `/orders/{orderId}` and `/orders/{id}` are the same path: parameter names do not reach the wire. */
export function normalisePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/';
}

export function channelKey(c: Channel, format: ApiModel['format']): string {
  return format === 'openapi' ? normalisePath(c.address ?? c.id) : c.address ?? `#${c.id}`;
}

export function operationLabel(op: Operation): string {
  if (op.http?.webhook !== undefined) return `webhook ${op.http.webhook} ${op.http.method.toUpperCase()}`;
  return op.http ? `${op.http.method.toUpperCase()} ${op.http.path}` : op.id;
}

export function channelLabel(c: Channel): string {
  return c.address ?? c.id;
}

/** Pair two lists by a key; then pair what is left by a fallback key when it is unique on both sides. */
export function pairBy<T>(base: T[], rev: T[], key: (x: T) => string, fallback?: (x: T) => string | undefined): (Pair<T> & { fallback?: boolean })[] {
  const out: (Pair<T> & { fallback?: boolean })[] = [];
  // Several items may share a key (`/pet/{a}` and `/pet/{b}`): they pair in order.
  const revByKey = new Map<string, T[]>();
  for (const r of rev) {
    const k = key(r);
    const list = revByKey.get(k);
    if (list) list.push(r);
    else revByKey.set(k, [r]);
  }
  const used = new Set<T>();
  const leftBase: T[] = [];
  for (const b of base) {
    const r = revByKey.get(key(b))?.shift();
    if (r) {
      used.add(r);
      out.push({ base: b, rev: r });
    } else leftBase.push(b);
  }
  let leftRev = rev.filter((r) => !used.has(r));
  if (fallback) {
    const count = (list: T[], k: string) => list.filter((x) => fallback(x) === k).length;
    for (const b of [...leftBase]) {
      const k = fallback(b);
      if (k === undefined || count(leftBase, k) !== 1 || count(leftRev, k) !== 1) continue;
      const r = leftRev.find((x) => fallback(x) === k)!;
      out.push({ base: b, rev: r, fallback: true });
      leftBase.splice(leftBase.indexOf(b), 1);
      leftRev = leftRev.filter((x) => x !== r);
    }
  }
  for (const b of leftBase) out.push({ base: b });
  for (const r of leftRev) out.push({ rev: r });
  return out;
}

/**
 * What stands for what between two versions:
 *   - channels by address (AsyncAPI; then by channel id, an address change), paths by template with
 *     parameter names ignored (OpenAPI);
 *   - operations by id (AsyncAPI) or by method and path template (OpenAPI; webhooks by name and method). An AsyncAPI operation whose id
 *     changed but whose channel address and action did not is the same operation renamed;
 *   - servers by id (AsyncAPI, then by URL) or by URL (OpenAPI).
 */
export function matchModels(base: ApiModel, rev: ApiModel): Matched {
  const openapi = base.format === 'openapi' && rev.format === 'openapi';
  const channels = pairBy(base.channels, rev.channels, (c) => channelKey(c, base.format), openapi ? undefined : (c) => `#${c.id}`);
  const operations = openapi
    ? [
        ...pairBy(base.operations, rev.operations, (o) => `${o.http!.method} ${normalisePath(o.http!.path)}`),
        ...pairBy(base.webhooks ?? [], rev.webhooks ?? [], (o) => `${o.http!.method} ${o.http!.webhook}`),
      ]
    : pairBy(base.operations, rev.operations, (o) => o.id, (o) => `${o.action} ${channelKey(o.channel, 'asyncapi')}`).map((p) => ({ ...p, renamed: p.fallback }));
  const servers = openapi ? pairBy(base.servers, rev.servers, (s) => s.url) : pairBy(base.servers, rev.servers, (s) => s.id, (s) => s.url);
  return { channels, operations, servers };
}

/** Messages of one operation: by name, then by id, then a single unnamed leftover on each side. */
export function pairMessages(base: Message[], rev: Message[]): Pair<Message>[] {
  const byName = pairBy(base, rev, (m) => `n:${m.name ?? m.id}`, (m) => `i:${m.id}`);
  const lb = byName.filter((p) => p.base && !p.rev);
  const lr = byName.filter((p) => p.rev && !p.base);
  // Unnamed messages (ids synthesised from their position) pair up when one is left on each side.
  if (lb.length === 1 && lr.length === 1 && !lb[0].base!.name && !lr[0].rev!.name) return [...byName.filter((p) => p.base && p.rev), { base: lb[0].base, rev: lr[0].rev }];
  return byName;
}

/** A media type's schema; one written without a schema allows any content, as `{}` at the media type. */
export function schemaOf(m: Message): { value: unknown; loc: Message['source'] } {
  return m.payload ? { value: m.payload.value, loc: m.payload.source } : { value: {}, loc: m.source };
}
