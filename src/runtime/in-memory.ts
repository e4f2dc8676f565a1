/**
 * A transport inside one process, with the delivery semantics of a broker:
 *
 * - point-to-point: one queue per address; every subscriber of the address competes for its messages
 *   (each message reaches one of them). Messages published while nobody listens wait in the queue.
 * - publish-subscribe: each consumer group gets every message; the members of one group compete.
 *   Messages published while a group has no member are dropped for it, like a topic with no subscription.
 * - messages with one key go to one member of a group and are delivered one after another, in publish
 *   order (as partitions do); other messages are delivered concurrently, up to `concurrency` per member.
 * - a handler that rejects gets the message again (`attempt` + 1) until `maxAttempts`; then the message
 *   goes to `deadLetters`.
 *
 * Delivery is always asynchronous; `drain()` waits until every message that has a consumer has been handled.
 */
import type { IncomingMessage, MessageHandler, OutgoingMessage, PublishOptions, SubscribeOptions, Subscription, Transport } from './port.js';

export interface InMemoryTransportOptions {
  /** Deliveries of one message before it is dead-lettered. Default 3. */
  maxAttempts?: number;
}

interface Member {
  handler: MessageHandler;
  concurrency: number;
  active: number;
  busyKeys: Set<string>;
  backlog: IncomingMessage[];
  closed: boolean;
  /** A pump is queued as a microtask. */
  scheduled: boolean;
}

interface Queue {
  id: string;
  members: Member[];
  /** Messages waiting for a member. */
  waiting: IncomingMessage[];
  next: number;
  temporary: boolean;
  /** Publish-subscribe queues that drop messages while they have no member. */
  dropWhenEmpty: boolean;
}

export class InMemoryTransport implements Transport {
  /** Messages whose handler rejected `maxAttempts` times. */
  readonly deadLetters: IncomingMessage[] = [];
  /** Every message published, in order (for tests and debugging). */
  readonly published: OutgoingMessage[] = [];
  private readonly maxAttempts: number;
  /** `p2p <address>` → its queue. */
  private readonly queues = new Map<string, Queue>();
  /** address → group → publish-subscribe queue. */
  private readonly groups = new Map<string, Map<string, Queue>>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  /** Keep the `published` log (off for benchmarks). */
  record = true;

  constructor(options: InMemoryTransportOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  async publish(message: OutgoingMessage, options: PublishOptions): Promise<void> {
    if (this.closed) throw new Error('InMemoryTransport is closed');
    if (this.record) this.published.push(message);
    const p2p = this.queues.get(message.address);
    if (p2p) this.enqueue(p2p, copy(message));
    else if (options.mode === 'point-to-point') this.enqueue(this.queue(message.address, false), copy(message));
    const groups = this.groups.get(message.address);
    if (groups) for (const q of groups.values()) this.enqueue(q, copy(message));
  }

  async subscribe(address: string, handler: MessageHandler, options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('InMemoryTransport is closed');
    let q: Queue;
    if (options.mode === 'point-to-point') q = this.queue(address, options.temporary ?? false);
    else {
      let byGroup = this.groups.get(address);
      if (!byGroup) this.groups.set(address, (byGroup = new Map()));
      q = byGroup.get(options.group) ?? { id: `${address} ${options.group}`, members: [], waiting: [], next: 0, temporary: options.temporary ?? false, dropWhenEmpty: true };
      byGroup.set(options.group, q);
    }
    const member: Member = { handler, concurrency: Math.max(1, options.concurrency ?? 16), active: 0, busyKeys: new Set(), backlog: [], closed: false, scheduled: false };
    q.members.push(member);
    const waiting = q.waiting.splice(0);
    for (const m of waiting) this.enqueue(q, m);
    return { close: async () => this.unsubscribe(address, options, q, member) };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of [...this.queues.values(), ...[...this.groups.values()].flatMap((g) => [...g.values()])])
      for (const m of q.members) m.closed = true;
    this.queues.clear();
    this.groups.clear();
  }

  /** Resolves when no message is queued for a consumer or being handled (queues nobody reads do not count). */
  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private queue(address: string, temporary: boolean): Queue {
    let q = this.queues.get(address);
    if (!q) this.queues.set(address, (q = { id: address, members: [], waiting: [], next: 0, temporary, dropWhenEmpty: false }));
    return q;
  }

  private unsubscribe(address: string, options: SubscribeOptions, q: Queue, member: Member): void {
    if (member.closed) return;
    member.closed = true;
    q.members = q.members.filter((m) => m !== member);
    const backlog = member.backlog.splice(0);
    this.pending -= backlog.length;
    if (q.members.length === 0 && q.temporary) {
      if (options.mode === 'point-to-point') this.queues.delete(address);
      else this.groups.get(address)?.delete(options.group);
      this.settle(0);
      return;
    }
    for (const m of backlog) this.enqueue(q, m);
    this.settle(0);
  }

  private enqueue(q: Queue, message: IncomingMessage): void {
    if (q.members.length === 0) {
      // Waiting for a consumer is not pending work: drain() does not wait for a queue nobody reads.
      if (!q.dropWhenEmpty) q.waiting.push(message);
      return;
    }
    const member = message.key !== undefined ? q.members[hash(message.key) % q.members.length] : q.members[q.next++ % q.members.length];
    member.backlog.push(message);
    this.pending++;
    if (!member.scheduled) {
      member.scheduled = true;
      queueMicrotask(() => this.pump(member));
    }
  }

  private pump(member: Member): void {
    member.scheduled = false;
    if (member.closed) return;
    for (let i = 0; i < member.backlog.length && member.active < member.concurrency; ) {
      const m = member.backlog[i];
      if (m.key !== undefined && member.busyKeys.has(m.key)) {
        i++;
        continue;
      }
      member.backlog.splice(i, 1);
      this.deliver(member, m);
    }
  }

  private deliver(member: Member, message: IncomingMessage): void {
    member.active++;
    if (message.key !== undefined) member.busyKeys.add(message.key);
    const done = (failed: boolean) => {
      member.active--;
      if (message.key !== undefined) member.busyKeys.delete(message.key);
      if (failed && !member.closed) {
        if (message.attempt < this.maxAttempts) {
          member.backlog.unshift({ ...message, attempt: message.attempt + 1 });
          this.pump(member);
          return;
        }
        this.deadLetters.push(message);
      }
      this.settle(1);
      this.pump(member);
    };
    let p: Promise<void>;
    try {
      p = member.handler(message);
    } catch (e) {
      p = Promise.reject(e);
    }
    p.then(
      () => done(false),
      () => done(true),
    );
  }

  private settle(n: number): void {
    this.pending -= n;
    if (this.pending <= 0) {
      this.pending = 0;
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
    }
  }
}

/** What one queue receives: its own message object and headers, first attempt. */
function copy(m: OutgoingMessage): IncomingMessage {
  const c: IncomingMessage = { address: m.address, headers: { ...m.headers }, body: m.body, attempt: 1 };
  if (m.key !== undefined) c.key = m.key;
  return c;
}

/** FNV-1a: a stable member for each key. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
