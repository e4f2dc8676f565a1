/**
 * The transport port over NATS (through the `nats` package, loaded only when a transport connects).
 *
 * Core NATS keeps nothing: a message published while nobody listens is gone, and a server restart loses
 * whatever was in flight. Durable subscriptions therefore use JetStream (the server must run with `-js`;
 * file storage keeps streams and consumers across restarts):
 * - every durable address gets a stream of its own (`SG_<address>_<hash>`), created by whichever side
 *   needs it first: point-to-point addresses with work-queue retention (a message is removed once one
 *   consumer acknowledged it; it waits while nobody listens), publish-subscribe addresses with interest
 *   retention (kept until every consumer group acknowledged it).
 * - point-to-point: one durable pull consumer per address (`queue`), shared by every subscriber, who compete.
 *   publish-subscribe: one durable pull consumer per group, starting with the messages published after the
 *   group first subscribed; the members of a group compete.
 * - acknowledgement after the handler resolves; a rejection is a `nak` (redelivery, `attempt` = JetStream's
 *   delivery count) until `maxAttempts`, then the message is published to the dead-letter stream
 *   (subjects `specgate.dead-letter.<address>`, with `specgate-dead-letter-reason`) and terminated.
 * - temporary subscriptions (a client's reply inbox) are plain core NATS subscriptions; publishing to a
 *   temporary address is a core publish. A `publish` resolves when JetStream stored the message; one
 *   interrupted by a restart is sent again (JetStream drops the repeat by its `Nats-Msg-Id`).
 * Connecting: the first connection is retried with backoff until it succeeds (a transport may be created
 * before its server is up); meanwhile `publish` and `subscribe` wait up to `publishTimeoutMs`. Once
 * connected, reconnecting is the `nats` client's own: subscriptions and pull consumers resume by themselves.
 */
import { randomUUID } from 'node:crypto';
import type * as Nats from 'nats';
import { OrderedDelivery } from '../ordering.js';
import type { ConnectionEvent, IncomingMessage, MessageHandler, OutgoingMessage, PublishOptions, SubscribeOptions, Subscription, Transport } from '../port.js';

export interface NatsTransportOptions {
  /** Server URL(s), `nats://127.0.0.1:4222`. */
  servers: string | string[];
  /** Deliveries of one message before it is dead-lettered. Default 3. */
  maxAttempts?: number;
  /** Subject prefix of dead letters. Default `specgate.dead-letter`. */
  deadLetterPrefix?: string;
  /** How long `publish` (and `subscribe`, for a connection) keeps trying, reconnects included, before failing. Default 30 s. */
  publishTimeoutMs?: number;
  /** First delay between attempts at the first connection; doubles up to `maxReconnectDelayMs`. Default 100 ms. */
  reconnectDelayMs?: number;
  /** Default 5 s. */
  maxReconnectDelayMs?: number;
  /** How long a delivered message may stay unacknowledged before JetStream redelivers it. Default 30 s. */
  ackWaitMs?: number;
  /** Delay before a rejected message is delivered again. Default 0. */
  retryDelayMs?: number;
  /** Stream storage. Default `file` (survives a server restart). */
  storage?: 'file' | 'memory';
  /**
   * Addresses that are somebody's temporary subscription (a reply inbox): published with core NATS, no
   * stream. Default: addresses starting with `specgate.inbox.` or `_INBOX.`, and every address this
   * transport saw in a `replyTo` header.
   */
  isTemporaryAddress?: (address: string) => boolean;
  /** Connection name shown by the server's monitoring. */
  name?: string;
  /** Called when the connection is made, lost, being retried and back (after `disconnected`, `reconnecting` per attempt). */
  onEvent?: (event: ConnectionEvent) => void;
  /** Other `nats` connection options (user, pass, token, tls, ...). */
  connectOptions?: Record<string, unknown>;
}

const KEY = 'specgate-key';
const REPLY_HEADERS = ['replyTo', 'reply-to', 'reply_to'];

type NatsModule = typeof import('nats');
let natsModule: Promise<NatsModule> | undefined;
function loadNats(): Promise<NatsModule> {
  natsModule ??= import('nats').then(
    (m) => ((m as { default?: NatsModule }).default?.connect ? (m as { default: NatsModule }).default : m) as NatsModule,
    (e: unknown) => {
      natsModule = undefined;
      throw new Error(`NatsTransport needs the nats package: npm install nats (${(e as Error).message})`);
    },
  );
  return natsModule;
}

interface Connected {
  nats: NatsModule;
  nc: Nats.NatsConnection;
  js: Nats.JetStreamClient;
  jsm: Nats.JetStreamManager;
}

export class NatsTransport implements Transport {
  private readonly maxAttempts: number;
  private readonly deadLetterPrefix: string;
  private readonly publishTimeoutMs: number;
  /** Set once connected; the `nats` client reconnects it by itself after that. */
  private c?: Connected;
  /** Connected right now (not between a disconnect and the reconnect). */
  private up = false;
  private ready!: Promise<void>;
  private resolveReady!: () => void;
  /** Why the last connection attempt failed, for the error of whoever waited for it. */
  private lastError?: Error;
  /** A failure that no retry cures (the `nats` package is missing). */
  private fatal?: Error;
  private wake?: () => void;
  private readonly publishing = new Set<Promise<void>>();
  /** Successful reconnections so far. */
  reconnects = 0;
  /** address → stream name, for addresses known to have a stream. */
  private readonly streams = new Map<string, string>();
  private readonly replyAddresses = new Set<string>();
  private readonly stops = new Set<() => Promise<void>>();
  private deadLetterStream?: Promise<void>;
  private closed = false;

  constructor(private readonly options: NatsTransportOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.deadLetterPrefix = options.deadLetterPrefix ?? 'specgate.dead-letter';
    this.publishTimeoutMs = options.publishTimeoutMs ?? 30_000;
    this.newReady();
    void this.connect();
  }

  /** Resolves once connected (the first time or after a reconnect); rejects after `timeoutMs` or when closed. */
  async connected(timeoutMs = this.publishTimeoutMs): Promise<void> {
    await this.connection(Date.now() + timeoutMs, timeoutMs);
  }

  /** Resolves when every publish started before the call has settled (stored by JetStream, or failed). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.publishing]);
  }

  publish(message: OutgoingMessage, options: PublishOptions): Promise<void> {
    const p = this.publishNow(message, options);
    this.publishing.add(p);
    const done = () => void this.publishing.delete(p);
    p.then(done, done);
    return p;
  }

  private async publishNow(message: OutgoingMessage, options: PublishOptions): Promise<void> {
    if (this.closed) throw new Error('NatsTransport is closed');
    const deadline = Date.now() + this.publishTimeoutMs;
    let c = this.up && this.c ? this.c : await this.connection(deadline, this.publishTimeoutMs);
    const headers = this.headers(c.nats, message);
    if (options.mode === 'point-to-point' && this.isTemporary(message.address)) {
      c.nc.publish(message.address, message.body, { headers });
      return;
    }
    const msgID = randomUUID();
    for (let tries = 0; ; tries++) {
      if (this.closed) throw new Error('NatsTransport is closed');
      if (!this.up) c = await this.connection(deadline, this.publishTimeoutMs);
      try {
        await c.js.publish(message.address, message.body, { headers, msgID, timeout: Math.min(5000, Math.max(500, deadline - Date.now())) });
        return;
      } catch (e) {
        if (this.closed) throw new Error('NatsTransport is closed');
        // Lost the connection meanwhile: say so, not the request's TIMEOUT.
        if (Date.now() >= deadline) throw this.up ? e : this.notConnected(this.publishTimeoutMs);
        if (isNoStream(e)) {
          try {
            await this.ensureStream(c, message.address, options.mode);
          } catch {
            await sleep(Math.min(1000, 50 * (tries + 1)));
          }
        } else await sleep(Math.min(1000, 50 * (tries + 1)));
      }
    }
  }

  async subscribe(address: string, handler: MessageHandler, options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('NatsTransport is closed');
    const c = await this.connection(Date.now() + this.publishTimeoutMs, this.publishTimeoutMs);
    let stop: () => Promise<void>;
    if (options.temporary) {
      stop = this.subscribeCore(c, address, handler, options);
      // Core NATS keeps nothing for a subscription the server does not know yet: resolve only once it does,
      // so a message published right after (from any connection) reaches it.
      await c.nc.flush();
    } else stop = await this.subscribeDurable(c, address, handler, options);
    this.stops.add(stop);
    return {
      close: async () => {
        if (!this.stops.delete(stop)) return;
        await stop();
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.resolveReady();
    await Promise.allSettled([...this.stops].map((s) => s()));
    this.stops.clear();
    const c = this.c;
    if (!c) return; // never connected
    // Draining needs the server; while it is away there is nothing to flush to.
    if (this.up) await c.nc.drain().catch(() => c.nc.close());
    else await c.nc.close();
  }

  // ---------------------------------------------------------------------------------------------

  private newReady(): void {
    this.ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  }

  /** The connection, waiting for it until `deadline`; `budgetMs` is the wait the error reports. */
  private async connection(deadline: number, budgetMs: number): Promise<Connected> {
    for (;;) {
      if (this.closed) throw new Error('NatsTransport is closed');
      if (this.fatal) throw this.fatal;
      if (this.up && this.c) return this.c;
      const left = deadline - Date.now();
      if (left <= 0) throw this.notConnected(budgetMs);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.ready, new Promise<void>((r) => (timer = setTimeout(r, left)))]).finally(() => clearTimeout(timer));
    }
  }

  private notConnected(budgetMs: number): Error {
    const servers = (Array.isArray(this.options.servers) ? this.options.servers : [this.options.servers]).map(redact).join(', ');
    const why = !this.c && this.lastError ? ` (${(this.lastError as { code?: string }).code ?? this.lastError.message})` : '';
    return new Error(`NatsTransport: not connected to ${servers} within ${budgetMs} ms${why}`);
  }

  /** Connect, again with backoff until it works; from then on the `nats` client reconnects by itself. */
  private async connect(): Promise<void> {
    let nats: NatsModule;
    try {
      nats = await loadNats();
    } catch (e) {
      this.fatal = e as Error;
      this.resolveReady();
      return;
    }
    for (let delay = this.options.reconnectDelayMs ?? 100; !this.closed; delay = Math.min(delay * 2, this.options.maxReconnectDelayMs ?? 5000)) {
      let nc: Nats.NatsConnection | undefined;
      try {
        nc = await nats.connect({
          servers: this.options.servers,
          name: this.options.name ?? 'specgate',
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          waitOnFirstConnect: false,
          ...this.options.connectOptions,
        });
        const jsm = await nc.jetstreamManager();
        if (this.closed) {
          await nc.close().catch(() => undefined);
          return;
        }
        this.c = { nats, nc, js: nc.jetstream(), jsm };
        this.watch(nc);
        this.up = true;
        this.resolveReady();
        this.emit('connected', nc.getServer());
        return;
      } catch (e) {
        this.lastError = e as Error;
        await nc?.close().catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => (clearTimeout(timer), resolve());
      });
    }
  }

  /** Follow the client's reconnects, so waiting publishes and errors know whether the server is there. */
  private watch(nc: Nats.NatsConnection): void {
    void (async () => {
      for await (const s of nc.status()) {
        if (this.closed) return;
        if (s.type === 'disconnect' && this.up) {
          this.up = false;
          this.newReady();
          this.emit('disconnected', String(s.data));
        } else if (s.type === 'reconnecting') this.emit('reconnecting', String(s.data || nc.getServer()));
        else if (s.type === 'reconnect' && !this.up) {
          this.up = true;
          this.reconnects++;
          this.resolveReady();
          this.emit('reconnected', String(s.data));
        }
      }
    })().catch(() => undefined);
  }

  private emit(type: ConnectionEvent['type'], server: string): void {
    try {
      // The client names servers `host:port`; the event says it as a URL, like the options.
      const url = /^\w+:\/\//.test(server) ? server : `nats://${server}`;
      this.options.onEvent?.({ type, server: redact(url), reconnects: this.reconnects });
    } catch {
      // an observer's failure is not the transport's
    }
  }

  private isTemporary(address: string): boolean {
    if (this.replyAddresses.has(address)) return true;
    if (this.options.isTemporaryAddress) return this.options.isTemporaryAddress(address);
    return address.startsWith('specgate.inbox.') || address.startsWith('_INBOX.');
  }

  private headers(nats: NatsModule, message: OutgoingMessage): Nats.MsgHdrs {
    const h = nats.headers();
    for (const k of Object.keys(message.headers)) h.set(k, message.headers[k]);
    if (message.key !== undefined) h.set(KEY, message.key);
    return h;
  }

  private incoming(address: string, data: Uint8Array, h: Nats.MsgHdrs | undefined, attempt: number): IncomingMessage {
    const headers: Record<string, string> = {};
    let key: string | undefined;
    if (h)
      for (const k of h.keys()) {
        if (k === KEY) key = h.get(k);
        else if (k !== 'Nats-Msg-Id') headers[k] = h.get(k);
      }
    for (const r of REPLY_HEADERS) {
      const v = headers[r];
      if (v) {
        if (this.replyAddresses.size >= 10_000) this.replyAddresses.clear();
        this.replyAddresses.add(v);
      }
    }
    const m: IncomingMessage = { address, headers, body: data, attempt };
    if (key !== undefined) m.key = key;
    return m;
  }

  /** The stream that holds `address`, created (work-queue or interest retention by `mode`) when there is none. */
  private async ensureStream(c: Connected, address: string, mode: PublishOptions['mode']): Promise<string> {
    const known = this.streams.get(address);
    if (known) return known;
    let name: string;
    try {
      name = await c.jsm.streams.find(address);
    } catch {
      name = streamName(address);
      const { RetentionPolicy, StorageType } = c.nats;
      try {
        await c.jsm.streams.add({
          name,
          subjects: [address],
          retention: mode === 'point-to-point' ? RetentionPolicy.Workqueue : RetentionPolicy.Interest,
          storage: this.options.storage === 'memory' ? StorageType.Memory : StorageType.File,
        });
      } catch (e) {
        // Created meanwhile by another client: use it.
        name = await c.jsm.streams.find(address).catch(() => {
          throw e;
        });
      }
    }
    this.streams.set(address, name);
    return name;
  }

  private async subscribeDurable(c: Connected, address: string, handler: MessageHandler, options: SubscribeOptions): Promise<() => Promise<void>> {
    const stream = await this.ensureStream(c, address, options.mode);
    const { AckPolicy, DeliverPolicy } = c.nats;
    const durable = options.mode === 'point-to-point' ? 'queue' : consumerName(options.group);
    const concurrency = Math.max(1, options.concurrency ?? 16);
    const config: Partial<Nats.ConsumerConfig> = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: options.mode === 'point-to-point' ? DeliverPolicy.All : DeliverPolicy.New,
      filter_subject: address,
      max_deliver: this.maxAttempts + 1,
      ack_wait: (this.options.ackWaitMs ?? 30_000) * 1_000_000,
    };
    try {
      await c.jsm.consumers.add(stream, config);
    } catch (e) {
      // Exists already (another member, or an earlier run with other settings): join it as it is.
      await c.jsm.consumers.info(stream, durable).catch(() => {
        throw e;
      });
    }
    const consumer = await c.js.consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: concurrency, idle_heartbeat: 2000, expires: 10_000 });
    const inFlight = new Set<Promise<void>>();
    const ordered = options.unorderedRetries ? undefined : new OrderedDelivery(handler, this.maxAttempts, this.options.retryDelayMs ?? 0);
    let stopped = false;
    const loop = (async () => {
      for await (const m of messages) {
        if (stopped) break;
        while (inFlight.size >= concurrency) await Promise.race(inFlight);
        const run = this.handleJs(c, address, options, handler, m, ordered);
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      }
    })();
    loop.catch(() => undefined);
    return async () => {
      stopped = true;
      await messages.close().catch(() => undefined);
      // Until the server has seen the unsubscribe, its pending pull request still takes messages, which then
      // wait out ackWaitMs undelivered: a publish made after close() resolves must find it gone.
      if (this.up) await c.nc.flush().catch(() => undefined);
      await Promise.allSettled([...inFlight]);
    };
  }

  private async handleJs(c: Connected, address: string, options: SubscribeOptions, handler: MessageHandler, m: Nats.JsMsg, ordered?: OrderedDelivery): Promise<void> {
    const attempt = m.info.redeliveryCount;
    const incoming = this.incoming(m.subject, m.data, m.headers, attempt);
    if (options.mode === 'point-to-point') incoming.address = address;
    let error: unknown;
    if (attempt <= this.maxAttempts) {
      // A keyed message may wait behind its key and be retried in place: JetStream must not redeliver it meanwhile.
      const keepAlive = ordered && incoming.key !== undefined ? setInterval(() => m.working(), (this.options.ackWaitMs ?? 30_000) / 2) : undefined;
      try {
        await (ordered ? ordered.deliver(incoming) : handler(incoming));
        m.ack();
        return;
      } catch (e) {
        error = e;
      } finally {
        clearInterval(keepAlive);
      }
      if (incoming.attempt < this.maxAttempts) {
        m.nak(this.options.retryDelayMs ?? 0);
        return;
      }
    }
    try {
      await this.deadLetter(c, address, options, m, error);
      m.term();
    } catch {
      m.nak(1000); // could not store the dead letter: try again later
    }
  }

  private async deadLetter(c: Connected, address: string, options: SubscribeOptions, m: Nats.JsMsg, error: unknown): Promise<void> {
    this.deadLetterStream ??= (async () => {
      const { StorageType } = c.nats;
      try {
        await c.jsm.streams.find(`${this.deadLetterPrefix}.x`);
      } catch {
        await c.jsm.streams.add({ name: streamName(`${this.deadLetterPrefix}.>`), subjects: [`${this.deadLetterPrefix}.>`], storage: StorageType.File });
      }
    })();
    await this.deadLetterStream.catch((e) => {
      this.deadLetterStream = undefined;
      throw e;
    });
    const h = c.nats.headers();
    if (m.headers) for (const k of m.headers.keys()) if (k !== 'Nats-Msg-Id') h.set(k, m.headers.get(k));
    h.set('specgate-dead-letter-reason', error === undefined ? 'delivered more than maxAttempts times' : String((error as Error)?.message ?? error).slice(0, 500));
    h.set('specgate-dead-letter-group', options.mode === 'point-to-point' ? 'queue' : options.group);
    await c.js.publish(`${this.deadLetterPrefix}.${address}`, m.data, { headers: h, msgID: `${m.info.stream}:${m.seq}` });
  }

  private subscribeCore(c: Connected, address: string, handler: MessageHandler, options: SubscribeOptions): () => Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const sub = c.nc.subscribe(address, {
      ...(options.mode === 'point-to-point' ? { queue: consumerName(options.group) } : {}),
      callback: (err, msg) => {
        if (err) return;
        const run = (async () => {
          for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
            try {
              await handler(this.incoming(msg.subject, msg.data, msg.headers, attempt));
              return;
            } catch {
              // a temporary subscription has no dead-letter destination: tried again, then dropped
            }
          }
        })();
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      },
    });
    return async () => {
      sub.unsubscribe();
      await Promise.allSettled([...inFlight]);
    };
  }
}

function isNoStream(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '503' || /no responders|no stream/i.test(err?.message ?? '');
}

/** FNV-1a, hex: keeps names derived from different addresses apart after sanitising. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function streamName(address: string): string {
  return `SG_${address.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64)}_${hash(address)}`;
}

function consumerName(group: string): string {
  const clean = group.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return clean === group ? clean : `${clean}_${hash(group)}`;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
