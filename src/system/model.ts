// A folder of specs read as one system: services (one per document, or several documents of one service),
// the messaging endpoints each declares, and the flows between them — who sends what to whom.
import type { NodeLocation } from '../load/workspace.js';
import { isObj } from '../model/common.js';
import type { ApiModel, Message, Operation } from '../model/types.js';
import { addressesMeet, parseAddress, WILDCARD_PROTOCOLS, type Address } from './address.js';

export type FlowKind = 'event' | 'command' | 'request' | 'reply' | 'message';

export interface Service {
  /** Kebab-case of `info.title`, or `info.x-specgate-service` / root `x-specgate-service`. */
  id: string;
  title: string;
  documents: ApiModel[];
}

/** One operation of a service, on one address, seen from that service. */
export interface Endpoint {
  service: Service;
  model: ApiModel;
  operation: Operation;
  action: 'send' | 'receive';
  /** Null for a dynamic address (AsyncAPI 3 `address: null`). */
  address: Address | null;
  /** Protocols of the servers the channel is on; empty when the document declares none. */
  protocols: Set<string>;
  /** Set for the reply side of a request: the reply messages and their address. */
  reply?: boolean;
  messages: Message[];
  /** Where the endpoint is written: the operation. */
  source: NodeLocation;
}

export interface Flow {
  from: Endpoint;
  to: Endpoint;
  /** The message as the sender declares it, and the receiver's matching one. */
  sent: Message;
  received: Message;
  /** The name the two are matched by. */
  message: string;
  kind: FlowKind;
}

export interface System {
  services: Service[];
  endpoints: Endpoint[];
  flows: Flow[];
  /** Receivers and senders whose addresses meet (every pair, flows or not), by endpoint. */
  meets: Map<Endpoint, Endpoint[]>;
}

/** "Order Service" → `order-service`. */
export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A service's id: the documented `x-specgate-service` extension (in `info` or at the root), else its title. */
export function serviceId(model: ApiModel): string {
  const info = isObj(model.document.info) ? model.document.info : {};
  const named = info['x-specgate-service'] ?? model.document['x-specgate-service'];
  if (typeof named === 'string' && named.trim()) return named.trim();
  return kebab(model.info.title || model.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')) || 'service';
}

/** The name messages are matched by across documents: `name`, else 2.x `messageId` or the component key. */
export function messageKey(m: Message): string {
  return m.name ?? m.id;
}

export function endpointsOf(service: Service, model: ApiModel): Endpoint[] {
  if (model.format !== 'asyncapi') return [];
  const out: Endpoint[] = [];
  const protocolsOf = (serverIds: string[]) =>
    new Set(model.servers.filter((s) => serverIds.length === 0 || serverIds.includes(s.id)).map((s) => s.protocol.toLowerCase()));
  for (const op of model.operations) {
    const protocols = protocolsOf(op.channel.servers);
    const wild = [...protocols].some((p) => WILDCARD_PROTOCOLS.has(p));
    const address = op.channel.address === null ? null : parseAddress(op.channel.address, wild && op.action === 'receive');
    out.push({ service, model, operation: op, action: op.action, address, protocols, messages: op.messages, source: op.source });
    // The replier sends its replies back; the requester receives them.
    if (op.reply && op.reply.messages.length) {
      const ch = op.reply.channel;
      const replyProtocols = ch ? protocolsOf(ch.servers) : protocols;
      out.push({
        service,
        model,
        operation: op,
        action: op.action === 'receive' ? 'send' : 'receive',
        address: ch?.address ? parseAddress(ch.address, false) : null,
        protocols: replyProtocols,
        reply: true,
        messages: op.reply.messages,
        source: op.reply.source,
      });
    }
  }
  return out;
}

/** Whether a sender's endpoint can reach a receiver's: addresses meet, and protocols agree where both say. */
export function meet(s: Endpoint, r: Endpoint): boolean {
  if (s.service === r.service) return false;
  if (s.protocols.size && r.protocols.size && ![...s.protocols].some((p) => r.protocols.has(p))) return false;
  // Replies go to an address the requester names at run time; they meet the requests they answer.
  if (s.reply || r.reply) return !!s.reply && !!r.reply && (s.address === null || r.address === null || addressesMeet(s.address, r.address)) && requestsMeet(s, r);
  if (!s.address || !r.address) return false;
  return addressesMeet(s.address, r.address);
}

/** The requests behind two reply endpoints meet (the replier received what the requester sent). */
function requestsMeet(s: Endpoint, r: Endpoint): boolean {
  const a = s.operation.channel.address;
  const b = r.operation.channel.address;
  if (a === null || b === null) return false;
  return addressesMeet(parseAddress(a, false), parseAddress(b, r.protocols.size > 0 && [...r.protocols].some((p) => WILDCARD_PROTOCOLS.has(p))));
}

function flowKind(s: Endpoint, m: Message): FlowKind {
  if (s.reply) return 'reply';
  if (s.operation.reply) return 'request';
  if (m.kind === 'command') return 'command';
  if (m.kind === 'event') return 'event';
  return 'message';
}

/** The literal first segment of a plain (non-reply) endpoint's address; undefined when anything may match it. */
function firstLiteral(e: Endpoint): string | undefined {
  if (e.reply || !e.address) return undefined;
  const first = e.address.segments[0];
  return first?.t === 'lit' ? first.s : undefined;
}

/** Read models as one system. Documents are grouped into services; order is kept (files as given). */
export function buildSystem(models: readonly ApiModel[]): System {
  const byId = new Map<string, Service>();
  for (const model of models) {
    const id = serviceId(model);
    const known = byId.get(id);
    if (known) known.documents.push(model);
    else byId.set(id, { id, title: model.info.title || id, documents: [model] });
  }
  const services = [...byId.values()];
  const endpoints = services.flatMap((s) => s.documents.flatMap((m) => endpointsOf(s, m)));
  const senders = endpoints.filter((e) => e.action === 'send');
  const receivers = endpoints.filter((e) => e.action === 'receive');
  const meets = new Map<Endpoint, Endpoint[]>();
  const flows: Flow[] = [];
  // Senders by their first segment when it is literal: a receiver whose first segment is literal too meets
  // only those (and the senders starting with a parameter), not every sender of the system.
  const byFirst = new Map<string, Endpoint[]>();
  const openFirst: Endpoint[] = [];
  for (const s of senders) {
    const f = firstLiteral(s);
    if (f === undefined) openFirst.push(s);
    else (byFirst.get(f) ?? byFirst.set(f, []).get(f)!).push(s);
  }
  for (const r of receivers) {
    const withR: Endpoint[] = [];
    const f = firstLiteral(r);
    const candidates = f === undefined ? senders : [...(byFirst.get(f) ?? []), ...openFirst];
    for (const s of candidates) {
      if (!meet(s, r)) continue;
      withR.push(s);
      (meets.get(s) ?? meets.set(s, []).get(s)!).push(r);
      const wanted = new Map(r.messages.map((m) => [messageKey(m), m]));
      for (const m of s.messages) {
        const got = wanted.get(messageKey(m));
        if (got) flows.push({ from: s, to: r, sent: m, received: got, message: messageKey(m), kind: flowKind(s, m) });
      }
    }
    meets.set(r, withR);
  }
  // In the order senders are written, then receivers: the same input gives the same graph.
  const order = new Map(endpoints.map((e, i) => [e, i]));
  flows.sort((a, b) => order.get(a.from)! - order.get(b.from)! || order.get(a.to)! - order.get(b.to)!);
  return { services, endpoints, flows, meets };
}
