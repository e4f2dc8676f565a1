/**
 * The transport port over RabbitMQ (AMQP 0-9-1, through `amqplib`, loaded only when a transport connects).
 *
 * Topology, declared by whichever side needs it first and re-declared after every reconnect:
 * - point-to-point: one durable queue named after the address, reached through the default exchange; every
 *   subscriber of the address competes for its messages (the group does not change the queue). The
 *   publisher declares the queue too, so commands sent before the service first started wait for it.
 * - publish-subscribe: one durable topic exchange (`specgate.events` by default), routing key = address;
 *   one durable queue per consumer group (`<group>:<address>`) bound to it, whose members compete.
 * - temporary subscriptions (a client's reply inbox): an exclusive, auto-deleted queue, gone with the
 *   connection. Publishing to one never declares anything.
 * - dead letters: every durable queue has `x-dead-letter-exchange` set to a direct exchange
 *   (`specgate.dead-letter`) and its own `<queue>.dlq` bound there.
 *
 * Delivery: manual acknowledgement after the handler resolves; prefetch = `concurrency`. A rejected message
 * is published again to its own queue with `specgate-attempt` raised (confirmed before the original is
 * acknowledged, so nothing is lost); after `maxAttempts` it is rejected without requeue and RabbitMQ moves it
 * to the dead-letter queue. Publishes use publisher confirms with persistent messages: a resolved `publish`
 * is on disk in a durable queue and survives a broker restart. A publish interrupted by a lost connection
 * is sent again after reconnecting (at least once).
 */
import type * as Amqp from 'amqplib';
import { OrderedDelivery } from '../ordering.js';
import type { ConnectionEvent, IncomingMessage, MessageHandler, OutgoingMessage, PublishOptions, SubscribeOptions, Subscription, Transport } from '../port.js';

export interface AmqpTransportOptions {
  /** Broker URL, `amqp://user:password@host:5672/vhost`. */
  url: string;
  /** Topic exchange for publish-subscribe channels. Default `specgate.events`. */
  exchange?: string;
  /** Direct exchange that dead-lettered messages go to. Default `specgate.dead-letter`. */
  deadLetterExchange?: string;
  /** Deliveries of one message before it is dead-lettered. Default 3. */
  maxAttempts?: number;
  /** How long `publish` waits for a connection and the broker's confirm before failing. Default 30 s. */
  publishTimeoutMs?: number;
  /** First delay between reconnect attempts; doubles up to `maxReconnectDelayMs`. Default 100 ms. */
  reconnectDelayMs?: number;
  /** Default 5 s. */
  maxReconnectDelayMs?: number;
  /**
   * Addresses that are somebody's temporary queue (a reply inbox): published to without declaring a queue.
   * Default: addresses starting with `specgate.inbox.` or `amq.`, and every address this transport saw in a
   * `replyTo` header.
   */
  isTemporaryAddress?: (address: string) => boolean;
  /** Shown in the RabbitMQ management UI. */
  connectionName?: string;
  /** Called with connection problems that the transport recovers from (reconnects). Default: ignored. */
  onError?: (error: Error) => void;
  /** Called when the connection is made, lost, being retried and back (after `disconnected`, `reconnecting` per attempt). */
  onEvent?: (event: ConnectionEvent) => void;
}

/** Headers the adapter adds on the wire and removes before a handler sees the message. */
const ATTEMPT = 'specgate-attempt';
const KEY = 'specgate-key';
const REPLY_HEADERS = ['replyTo', 'reply-to', 'reply_to'];
/** Headers RabbitMQ adds itself (dead-lettering history, quorum queue delivery count). */
const BROKER_HEADER = /^x-(death|first-death-|last-death-|delivery-count|received-from)/;

interface SubState {
  address: string;
  handler: MessageHandler;
  /** Keyed messages in order, a failed one retried in place (absent with `unorderedRetries`). */
  ordered?: OrderedDelivery;
  options: SubscribeOptions;
  durable: boolean;
  queue?: string;
  channel?: Amqp.Channel;
  consumerTag?: string;
  inFlight: Set<Promise<void>>;
  closed: boolean;
}

type AmqpModule = typeof import('amqplib');
let amqplib: Promise<AmqpModule> | undefined;
function loadAmqplib(): Promise<AmqpModule> {
  amqplib ??= import('amqplib').then(
    (m) => ((m as { default?: AmqpModule }).default ?? m) as AmqpModule,
    (e: unknown) => {
      amqplib = undefined;
      throw new Error(`AmqpTransport needs the amqplib package: npm install amqplib (${(e as Error).message})`);
    },
  );
  return amqplib;
}

export class AmqpTransport implements Transport {
  private readonly exchange: string;
  private readonly dlx: string;
  private readonly maxAttempts: number;
  private readonly publishTimeoutMs: number;
  private readonly subs = new Set<SubState>();
  /** Point-to-point addresses whose queue this connection declared (or found owned by someone else). */
  private readonly declared = new Set<string>();
  private readonly declaring = new Map<string, Promise<void>>();
  private readonly replyAddresses = new Set<string>();
  private connection?: Amqp.ChannelModel;
  private publisher?: Amqp.ConfirmChannel;
  private ready: Promise<void>;
  private resolveReady!: () => void;
  private closed = false;
  private reconnectDelay: number;
  private connecting = false;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  /** Number of successful (re)connections, for tests and diagnostics. */
  connections = 0;

  /** Successful reconnections so far. */
  get reconnects(): number {
    return Math.max(0, this.connections - 1);
  }

  constructor(private readonly options: AmqpTransportOptions) {
    this.exchange = options.exchange ?? 'specgate.events';
    this.dlx = options.deadLetterExchange ?? 'specgate.dead-letter';
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.publishTimeoutMs = options.publishTimeoutMs ?? 30_000;
    this.reconnectDelay = options.reconnectDelayMs ?? 100;
    this.ready = this.newReady();
    void this.connect();
  }

  /** Resolves once connected (the first time or after a reconnect); rejects only when closed. */
  async connected(timeoutMs = this.publishTimeoutMs): Promise<void> {
    await this.waitReady(Date.now() + timeoutMs);
  }

  publish(message: OutgoingMessage, options: PublishOptions): Promise<void> {
    // Fast path: connected, and nothing to declare first. One promise per message, like plain amqplib.
    const channel = this.publisher;
    if (channel && this.connection && !this.closed) {
      const pubsub = options.mode === 'publish-subscribe';
      if (pubsub || this.declared.has(message.address) || this.isTemporary(message.address)) {
        return confirm(channel, pubsub ? this.exchange : '', message.address, message.body, this.properties(message)).catch((e: unknown) =>
          this.publishSlow(message, options, Date.now() + this.publishTimeoutMs, e, channel),
        );
      }
    }
    return this.publishSlow(message, options, Date.now() + this.publishTimeoutMs);
  }

  /** Wait for a connection, declare what is missing, publish; again after a lost connection, until the deadline. */
  private async publishSlow(message: OutgoingMessage, options: PublishOptions, deadline: number, failed?: unknown, failedOn?: Amqp.ConfirmChannel): Promise<void> {
    if (failed !== undefined && !this.retryable(failed, failedOn!, deadline)) throw failed;
    for (;;) {
      if (this.closed) throw new Error('AmqpTransport is closed');
      if (!this.publisher || !this.connection) await this.waitReady(deadline);
      const channel = this.publisher!;
      try {
        await this.publishOn(channel, message, options);
        return;
      } catch (e) {
        if (!this.retryable(e, channel, deadline)) throw e;
        await sleep(10);
      }
    }
  }

  /** A channel or connection lost before the confirm: send again once reconnected (at least once). */
  private retryable(e: unknown, channel: Amqp.ConfirmChannel, deadline: number): boolean {
    if (this.closed || Date.now() >= deadline) return false;
    return !(this.publisher === channel && this.connection && !isClosedError(e));
  }

  async subscribe(address: string, handler: MessageHandler, options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('AmqpTransport is closed');
    const sub: SubState = { address, handler, options, durable: !options.temporary, inFlight: new Set(), closed: false };
    if (!options.unorderedRetries) sub.ordered = new OrderedDelivery(handler, this.maxAttempts);
    await this.waitReady(Date.now() + this.publishTimeoutMs);
    this.subs.add(sub);
    try {
      await this.startConsumer(sub);
    } catch (e) {
      this.subs.delete(sub);
      throw e;
    }
    return {
      close: async () => {
        if (sub.closed) return;
        sub.closed = true;
        this.subs.delete(sub);
        const ch = sub.channel;
        sub.channel = undefined;
        if (ch && sub.consumerTag) await ch.cancel(sub.consumerTag).catch(() => undefined);
        await Promise.allSettled([...sub.inFlight]);
        await ch?.close().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const sub of this.subs) sub.closed = true;
    await Promise.allSettled([...this.subs].flatMap((s) => [...s.inFlight]));
    this.subs.clear();
    const conn = this.connection;
    this.connection = undefined;
    this.publisher = undefined;
    this.resolveReady();
    await conn?.close().catch(() => undefined);
  }

  // ---------------------------------------------------------------------------------------------

  private newReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.resolveReady = resolve));
  }

  private async waitReady(deadline: number): Promise<void> {
    if (this.publisher && this.connection) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`AmqpTransport: not connected to ${redact(this.options.url)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.ready,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`AmqpTransport: not connected to ${redact(this.options.url)} within ${left} ms`)), left);
      }),
    ]).finally(() => clearTimeout(timer));
    if (this.closed) throw new Error('AmqpTransport is closed');
    if (!this.publisher || !this.connection) return this.waitReady(deadline);
  }

  private async connect(): Promise<void> {
    if (this.closed || this.connecting) return;
    this.connecting = true;
    if (this.connections > 0) this.emit('reconnecting');
    let conn: Amqp.ChannelModel | undefined;
    try {
      const amqp = await loadAmqplib();
      conn = await amqp.connect(this.options.url, {
        clientProperties: { connection_name: this.options.connectionName ?? 'specgate' },
      });
      conn.on('error', (e: Error) => this.options.onError?.(e));
      conn.on('close', () => this.lost(conn!));
      const publisher = await conn.createConfirmChannel();
      publisher.on('error', (e: Error) => this.options.onError?.(e));
      await publisher.assertExchange(this.exchange, 'topic', { durable: true });
      await publisher.assertExchange(this.dlx, 'direct', { durable: true });
      if (this.closed) {
        await conn.close().catch(() => undefined);
        return;
      }
      const current = conn;
      this.connection = current;
      this.publisher = publisher;
      this.declared.clear();
      this.declaring.clear();
      publisher.on('close', () => {
        // A channel error (not a lost connection): open a new publishing channel on the same connection.
        if (this.publisher === publisher && this.connection === current && !this.closed) void this.replacePublisher(current);
      });
      for (const sub of this.subs) if (!sub.closed) await this.startConsumer(sub);
      this.connections++;
      this.emit(this.connections === 1 ? 'connected' : 'reconnected');
      this.reconnectDelay = this.options.reconnectDelayMs ?? 100;
      this.connecting = false;
      this.resolveReady();
    } catch (e) {
      this.connecting = false;
      if (this.closed) return;
      this.options.onError?.(e as Error);
      if (conn && this.connection === conn) return; // `lost` schedules the retry
      this.connection = undefined;
      this.publisher = undefined;
      await conn?.close().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private async replacePublisher(conn: Amqp.ChannelModel): Promise<void> {
    this.publisher = undefined;
    this.ready = this.newReady();
    try {
      const publisher = await conn.createConfirmChannel();
      publisher.on('error', (e: Error) => this.options.onError?.(e));
      publisher.on('close', () => {
        if (this.publisher === publisher && this.connection === conn && !this.closed) void this.replacePublisher(conn);
      });
      this.publisher = publisher;
      this.resolveReady();
    } catch {
      // the connection is going away: `lost` reconnects
    }
  }

  private lost(conn: Amqp.ChannelModel): void {
    if (this.connection !== conn && this.connection !== undefined) return;
    const wasReady = this.connection === conn;
    this.connection = undefined;
    this.publisher = undefined;
    for (const sub of this.subs) {
      sub.channel = undefined;
      sub.consumerTag = undefined;
    }
    if (this.closed) return;
    if (wasReady) {
      this.ready = this.newReady();
      this.emit('disconnected');
    }
    if (!this.connecting) this.scheduleReconnect();
  }

  private emit(type: ConnectionEvent['type']): void {
    try {
      this.options.onEvent?.({ type, server: redact(this.options.url), reconnects: this.reconnects });
    } catch {
      // an observer's failure is not the transport's
    }
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, this.options.maxReconnectDelayMs ?? 5000);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private isTemporary(address: string): boolean {
    if (this.options.isTemporaryAddress) return this.options.isTemporaryAddress(address) || this.replyAddresses.has(address);
    return address.startsWith('specgate.inbox.') || address.startsWith('amq.') || this.replyAddresses.has(address);
  }

  private queueArgs(queue: string): Amqp.Options.AssertQueue {
    return { durable: true, arguments: { 'x-dead-letter-exchange': this.dlx, 'x-dead-letter-routing-key': queue } };
  }

  /** Declare a durable queue with its dead-letter queue, on a throw-away channel when `channel` is not given. */
  private async declareDurable(queue: string, channel?: Amqp.Channel): Promise<void> {
    const conn = this.connection;
    if (!conn) throw new ClosedError('connection lost');
    const ch = channel ?? (await conn.createChannel());
    if (!channel) ch.on('error', () => undefined);
    try {
      await ch.assertQueue(queue, this.queueArgs(queue));
      await ch.assertQueue(`${queue}.dlq`, { durable: true });
      await ch.bindQueue(`${queue}.dlq`, this.dlx, queue);
    } finally {
      if (!channel) await ch.close().catch(() => undefined);
    }
  }

  /**
   * Declare a durable queue; one declared earlier with other arguments (another dead-letter exchange, a
   * policy's arguments) is used as it is, like a queue set up by operations.
   */
  private async declareExisting(queue: string): Promise<void> {
    try {
      await this.declareDurable(queue);
    } catch (e) {
      if ((e as { code?: number }).code !== 406) throw e;
    }
  }

  /**
   * Declare the queue of a point-to-point address once per connection. Every publish to the address
   * waits on the same promise, so messages published one after another keep their order.
   */
  private ensureQueue(address: string): Promise<void> | undefined {
    if (this.declared.has(address)) return undefined;
    let p = this.declaring.get(address);
    if (!p) {
      const conn = this.connection;
      p = this.declareDurable(address).then(
        () => void (this.connection === conn && this.declared.add(address)),
        (e: unknown) => {
          // 405: an exclusive queue of another connection (a reply inbox); 406: declared with other
          // arguments. Either way the queue exists and takes the message.
          const code = (e as { code?: number }).code;
          if (code !== 405 && code !== 406) throw e;
          if (this.connection === conn) this.declared.add(address);
        },
      );
      const settled = () => void (this.declaring.get(address) === p && this.declaring.delete(address));
      p.then(settled, settled);
      this.declaring.set(address, p);
    }
    return p;
  }

  private properties(message: OutgoingMessage, extra: Record<string, string> = {}): Amqp.Options.Publish {
    const h = message.headers;
    const headers: Record<string, string> = { ...h, ...extra };
    if (message.key !== undefined) headers[KEY] = message.key;
    const props: Amqp.Options.Publish = { persistent: true, headers };
    if (h.messageId) props.messageId = h.messageId;
    if (h.correlationId) props.correlationId = h.correlationId;
    if (h.contentType) props.contentType = h.contentType;
    return props;
  }

  private async publishOn(channel: Amqp.ConfirmChannel, message: OutgoingMessage, options: PublishOptions, extra?: Record<string, string>): Promise<void> {
    let exchange = '';
    let routingKey = message.address;
    if (options.mode === 'publish-subscribe') exchange = this.exchange;
    else if (!this.isTemporary(message.address)) {
      const declaring = this.ensureQueue(message.address);
      if (declaring) await declaring;
    }
    await confirm(channel, exchange, routingKey, message.body, this.properties(message, extra));
  }

  private async startConsumer(sub: SubState): Promise<void> {
    const conn = this.connection;
    if (!conn || sub.channel) return; // (re)subscribed after the reconnect
    const ch = await conn.createChannel();
    ch.on('error', (e: Error) => this.options.onError?.(e));
    await ch.prefetch(Math.max(1, sub.options.concurrency ?? 16));
    const { address, options } = sub;
    let queue: string;
    if (options.mode === 'point-to-point') {
      queue = address;
      if (sub.durable) {
        await this.declareExisting(queue);
        this.declared.add(queue);
      } else await ch.assertQueue(queue, { durable: false, exclusive: true, autoDelete: true });
    } else if (sub.durable) {
      queue = `${options.group}:${address}`;
      await this.declareExisting(queue);
      await ch.bindQueue(queue, this.exchange, address);
    } else {
      queue = (await ch.assertQueue('', { durable: false, exclusive: true, autoDelete: true })).queue;
      await ch.bindQueue(queue, this.exchange, address);
    }
    sub.queue = queue;
    sub.channel = ch;
    const { consumerTag } = await ch.consume(queue, (m) => {
      if (m) this.deliver(sub, ch, m);
    });
    sub.consumerTag = consumerTag;
    if (sub.closed) {
      await ch.close().catch(() => undefined);
    }
  }

  private deliver(sub: SubState, ch: Amqp.Channel, m: Amqp.ConsumeMessage): void {
    const raw = (m.properties.headers ?? {}) as Record<string, unknown>;
    const headers: Record<string, string> = {};
    let key: string | undefined;
    let attempt = 1;
    for (const k of Object.keys(raw)) {
      const v = raw[k];
      if (k === ATTEMPT) attempt = Number(text(v)) || 1;
      else if (k === KEY) key = text(v);
      else if (k.charCodeAt(0) === 120 /* x */ && BROKER_HEADER.test(k)) continue;
      else if (v !== undefined && v !== null) headers[k] = text(v);
    }
    if (m.fields.redelivered) attempt++;
    for (const h of REPLY_HEADERS) {
      const r = headers[h];
      if (r) {
        if (this.replyAddresses.size >= 10_000) this.replyAddresses.clear();
        this.replyAddresses.add(r);
      }
    }
    const incoming: IncomingMessage = { address: sub.address, headers, body: m.content, attempt };
    if (key !== undefined) incoming.key = key;
    if (m.fields.routingKey && sub.options.mode === 'publish-subscribe') incoming.address = m.fields.routingKey;
    const settle = (failed: boolean): void | Promise<void> => {
      if (!sub.closed && sub.channel !== ch) return; // channel gone: the broker redelivers
      try {
        if (!failed) return void ch.ack(m);
        attempt = incoming.attempt; // retried in place by OrderedDelivery
        if (attempt < this.maxAttempts)
          return this.retry(sub, m, attempt + 1).then(
            () => ch.ack(m),
            () => undefined, // not republished: left unacknowledged, the broker redelivers it
          );
        if (sub.durable) ch.nack(m, false, false); // to the dead-letter queue
        else ch.ack(m); // a temporary queue has no dead-letter queue: dropped
      } catch {
        // channel closed meanwhile: the unacknowledged message is redelivered
      }
    };
    let handled: Promise<void>;
    try {
      handled = sub.ordered ? sub.ordered.deliver(incoming) : sub.handler(incoming);
    } catch (e) {
      handled = Promise.reject(e);
    }
    const run = handled.then(
      () => settle(false),
      () => settle(true),
    );
    sub.inFlight.add(run);
    void run.then(() => sub.inFlight.delete(run));
  }

  /** Publish a failed message again to its own queue with the next attempt number, confirmed. */
  private async retry(sub: SubState, m: Amqp.ConsumeMessage, attempt: number): Promise<void> {
    const publisher = this.publisher;
    if (!publisher) throw new ClosedError('not connected');
    const props: Amqp.Options.Publish = { ...(m.properties as Amqp.Options.Publish) };
    props.headers = { ...(m.properties.headers ?? {}), [ATTEMPT]: String(attempt) };
    props.persistent = true;
    await confirm(publisher, '', sub.queue!, m.content, props);
  }
}

class ClosedError extends Error {}

function isClosedError(e: unknown): boolean {
  if (e instanceof ClosedError) return true;
  const msg = (e as Error)?.message ?? '';
  return /closed|connection|socket|ECONN|EPIPE|not connected/i.test(msg);
}

function confirm(ch: Amqp.ConfirmChannel, exchange: string, routingKey: string, body: Uint8Array, props: Amqp.Options.Publish): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      ch.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength), props, (err) =>
        err ? reject(err instanceof Error ? err : new ClosedError(`publish not confirmed: ${String(err)}`)) : resolve(),
      );
    } catch (e) {
      reject(e);
    }
  });
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
