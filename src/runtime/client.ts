/**
 * The engine behind a generated `create<Name>Client`: sends messages, and for operations with a reply
 * waits for the correlated reply with a timeout, a limit on outstanding requests, a circuit breaker per
 * operation and an optional fallback.
 */
import { CircuitBreaker, type CircuitBreakerOptions, type CircuitPermit } from './breaker.js';
import { decodeIncoming, encodePayload, keyOf, pickMessage, resolveAddress } from './codec.js';
import { decodeBody, DEFAULT_CORRELATION, DEFAULT_REPLY_ADDRESS, HEADERS, newMessageId, readExpression, stringifyHeadersInPlace, writeExpression } from './envelope.js';
import { ClientClosedError, isAvailabilityError, KeyBlockedError, RequestTimeoutError, TooManyRequestsError, ValidationError } from './errors.js';
import { KeyedSequence } from './ordering.js';
import type { ChannelMode, IncomingMessage, OutgoingMessage, Subscription, Transport } from './port.js';
import type { MessageSpec, OperationSpec } from './spec.js';

export interface ClientOptions {
  transport: Transport;
  /** Validate outgoing payloads and headers, and incoming replies. Default true. */
  validate?: boolean;
  /** Most requests waiting for a reply at once; more fail fast with TooManyRequestsError. Default 100. */
  maxOutstanding?: number;
  /** Circuit breaker settings for every request/reply operation, or `false` for none. */
  circuitBreaker?: CircuitBreakerOptions | false;
  /** Channel parameter values used when a call passes none. */
  parameters?: Record<string, string>;
  /** Gets each reply that matched no waiting request (it came after its timeout): such replies are dropped. */
  onDroppedReply?: (message: IncomingMessage) => void;
}

export interface SendOptions<H = Record<string, unknown>> {
  /** Partition/ordering key; by default taken from the payload field the spec names. */
  key?: string;
  /** The spec's headers; the runtime fills the message id, correlation id and reply address. */
  headers?: H;
  /** Channel parameter values (`{region}` in `customers.{region}.events`). */
  parameters?: Record<string, string>;
}

/**
 * The headers a caller passes: the spec's headers, with those the runtime fills (message id, correlation
 * id, reply address: `K`) optional.
 */
export type HeadersInput<H, K extends string> = Omit<H, K> & { [P in Extract<keyof H, K>]?: H[P] };

export interface RequestOptions<H = Record<string, unknown>> extends SendOptions<H> {
  /** How long to wait for the reply before failing with RequestTimeoutError. */
  timeoutMs: number;
}

export interface SentMessage {
  messageId: string;
  correlationId?: string;
  address: string;
}

/** A reply: its payload and headers as the spec types them, and its envelope. */
export interface ReplyMessage<P = unknown, H = Record<string, unknown>> {
  /** Name of the reply message in the spec. */
  message: string;
  payload: P;
  headers: H;
  messageId: string;
  correlationId: string;
}

/** Called instead of failing when a request cannot get a reply (timeout, open circuit, limit, transport error). */
export type Fallback<P, R> = (payload: P, error: Error) => R | Promise<R>;

interface Pending {
  op: OperationSpec;
  resolve: (r: ReplyMessage) => void;
  reject: (e: Error) => void;
}

export class ClientCore {
  private readonly transport: Transport;
  private readonly validate: boolean;
  private readonly maxOutstanding: number;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly pending = new Map<string, Pending>();
  private readonly inboxes = new Map<string, Promise<{ address: string; subscription: Subscription }>>();
  private readonly correlationLocations: string[];
  /** By operation id. Maps, not the objects given: an id such as `constructor` must not find Object.prototype's. */
  private readonly operations: Map<string, OperationSpec>;
  private readonly fallbacks: Map<string, Fallback<never, unknown> | undefined>;
  /** Per operation id: where the correlation id goes when sending (absent: none). */
  private readonly sendCorrelation = new Map<string, string | undefined>();
  /** Keyed messages go out one at a time per channel and key (see `publish`). */
  private readonly sendOrder = new KeyedSequence();
  private closed = false;
  /** Replies that came after their request timed out (or matched nothing). */
  droppedReplies = 0;

  constructor(
    private readonly options: ClientOptions,
    operations: Record<string, OperationSpec>,
    fallbacks: Record<string, Fallback<never, unknown> | undefined> = {},
  ) {
    this.operations = new Map(Object.entries(operations));
    this.fallbacks = new Map(Object.entries(fallbacks));
    this.transport = options.transport;
    this.validate = options.validate ?? true;
    this.maxOutstanding = options.maxOutstanding ?? 100;
    const locations = new Set<string>();
    for (const op of this.operations.values()) {
      if (op.reply) for (const m of op.reply.messages) locations.add(m.correlationId ?? DEFAULT_CORRELATION);
      this.sendCorrelation.set(op.id, op.messages.find((m) => m.correlationId)?.correlationId ?? (op.reply ? DEFAULT_CORRELATION : undefined));
    }
    this.correlationLocations = [...locations];
  }

  /** Requests waiting for their reply. */
  get outstanding(): number {
    return this.pending.size;
  }

  breaker(operationId: string): CircuitBreaker | undefined {
    if (this.options.circuitBreaker === false) return undefined;
    let b = this.breakers.get(operationId);
    if (!b) this.breakers.set(operationId, (b = new CircuitBreaker(operationId, this.options.circuitBreaker)));
    return b;
  }

  /**
   * Send a message of an operation without a reply. On a transport with `publishSync` (the SQLite outbox)
   * everything happens before this returns and failures (validation, the insert) are thrown, not
   * rejected: the caller's synchronous transaction must see them to roll back.
   */
  send(operationId: string, payload: unknown, options: SendOptions<object> = {}): Promise<SentMessage> {
    if (this.transport.publishSync) {
      const { op, message, sent } = this.outgoing(operationId, payload, options);
      this.transport.publishSync(message, { mode: op.mode });
      return Promise.resolve(sent);
    }
    return (async () => {
      const { op, message, sent } = this.outgoing(operationId, payload, options);
      await this.publish(op.id, op.mode, message);
      return sent;
    })();
  }

  private outgoing(operationId: string, payload: unknown, options: SendOptions<object>) {
    const op = this.operation(operationId);
    const { message, messageId, correlationId } = this.prepare(op, payload, options, undefined);
    const sent: SentMessage = { messageId, correlationId, address: message.address };
    return { op, message, sent };
  }

  /** Send a request and wait for its correlated reply. */
  async request<R extends ReplyMessage<unknown, unknown> = ReplyMessage>(operationId: string, payload: unknown, options: RequestOptions<object>): Promise<R> {
    const op = this.operation(operationId);
    try {
      return (await this.requestOnce(op, payload, options)) as R;
    } catch (e) {
      const fallback = this.fallbacks.get(operationId);
      if (fallback && isAvailabilityError(e)) return (await fallback(payload as never, e as Error)) as R;
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of [...this.pending.values()]) p.reject(new ClientClosedError(p.op.id));
    const inboxes = await Promise.allSettled(this.inboxes.values());
    for (const r of inboxes) if (r.status === 'fulfilled') await r.value.subscription.close();
  }

  private operation(id: string): OperationSpec {
    if (this.closed) throw new ClientClosedError(id);
    const op = this.operations.get(id);
    if (!op) throw new Error(`unknown operation ${id}`);
    return op;
  }

  /**
   * One timer, started before anything else, bounds the whole call (reply subscription, publish, wait for
   * the reply), and everything settles the one promise the caller awaits: a timeout while the publish is
   * still pending is the caller's error on time, and the publish's later outcome is ignored.
   */
  private requestOnce(op: OperationSpec, payload: unknown, options: RequestOptions<object>): Promise<ReplyMessage> {
    return new Promise<ReplyMessage>((resolve, reject) => {
      let correlationId = '';
      let permit: CircuitPermit | undefined;
      let done = false;
      const finish = (error: Error | undefined, reply?: ReplyMessage) => {
        if (done) return; // the first of reply, error and timeout decides
        done = true;
        clearTimeout(timer);
        if (this.pending.get(correlationId) === entry) this.pending.delete(correlationId);
        if (error) {
          if (error instanceof ClientClosedError) permit?.release();
          else permit?.failure();
          reject(error);
        } else {
          permit?.success();
          resolve(reply!);
        }
      };
      const entry: Pending = { op, resolve: (r) => finish(undefined, r), reject: (e) => finish(e) };
      const timer = setTimeout(() => finish(new RequestTimeoutError(op.id, options.timeoutMs, correlationId)), options.timeoutMs);
      void (async () => {
        const inbox = await this.inbox(op.reply!.address);
        if (done) return;
        if (this.closed) throw new ClientClosedError(op.id);
        const prepared = this.prepare(op, payload, options, inbox.address);
        correlationId = prepared.correlationId;
        if (this.pending.size >= this.maxOutstanding) throw new TooManyRequestsError(op.id, this.maxOutstanding);
        permit = this.breaker(op.id)?.enter();
        this.pending.set(correlationId, entry);
        await this.publish(op.id, op.mode, prepared.message);
      })().catch((e: unknown) => finish(e as Error));
    });
  }

  /**
   * A keyed message is published only after the previous one of its channel and key was acknowledged: a
   * transport retries a publish (reconnects, a broker restart) on its own backoff, and two in flight at
   * once could reach the broker in either order. If one fails for good, those of its key waiting behind it
   * fail with KeyBlockedError, unsent.
   */
  private publish(operationId: string, mode: ChannelMode, message: OutgoingMessage): Promise<void> {
    if (message.key === undefined) return this.transport.publish(message, { mode });
    return this.sendOrder.run(
      `${message.address}\0${message.key}`,
      () => this.transport.publish(message, { mode }),
      (cause) => new KeyBlockedError(operationId, message.key!, cause),
    );
  }

  /**
   * Build the outgoing message: envelope headers, validation, address, key, body. One headers object is
   * built, validated and then turned into the wire headers in place.
   */
  private prepare(op: OperationSpec, payloadIn: unknown, options: SendOptions<object>, replyAddress: string | undefined) {
    let payload = payloadIn;
    const given = options.headers as Record<string, unknown> | undefined;
    const headers: Record<string, unknown> = given === undefined ? {} : { ...given };
    let messageId = headers[HEADERS.messageId];
    if (typeof messageId !== 'string') headers[HEADERS.messageId] = messageId = newMessageId();
    let correlationId: string | undefined;
    const location = this.sendCorrelation.get(op.id);
    if (location) {
      const known = readExpression(location, headers, payload);
      correlationId = known === undefined || known === null ? newMessageId() : String(known);
      payload = writeExpression(location, correlationId, headers, payload);
    }
    if (replyAddress !== undefined && op.reply && op.reply.address === undefined)
      payload = writeExpression(op.reply.addressLocation ?? DEFAULT_REPLY_ADDRESS, replyAddress, headers, payload);
    const spec = pickMessage(op.id, op.messages, payload, headers, 'outgoing', this.validate);
    const address = op.parameters.length === 0 ? op.address : resolveAddress(op, options.parameters ?? this.options.parameters, headers, payload);
    const key = options.key ?? (op.partitionKey === undefined ? undefined : keyOf(op, undefined, headers, payload));
    const wire = stringifyHeadersInPlace(headers);
    wire[HEADERS.contentType] ??= spec.contentType;
    const message: OutgoingMessage = { address, headers: wire, body: encodePayload(op.id, spec, payload) };
    if (key !== undefined) message.key = key;
    return { message, messageId: messageId as string, correlationId: correlationId ?? '' };
  }

  /** One reply subscription per reply address: a private inbox, or the spec's static reply channel. */
  private inbox(staticAddress: string | undefined): Promise<{ address: string; subscription: Subscription }> {
    const k = staticAddress ?? '';
    let p = this.inboxes.get(k);
    if (!p) {
      const own = `specgate.inbox.${newMessageId()}`;
      const address = staticAddress ?? own;
      p = this.transport
        .subscribe(address, (m) => this.onReply(m), {
          mode: staticAddress === undefined ? 'point-to-point' : 'publish-subscribe',
          group: own,
          temporary: true,
        })
        .then((subscription) => ({ address, subscription }));
      p.catch(() => this.inboxes.delete(k));
      this.inboxes.set(k, p);
    }
    return p;
  }

  private async onReply(m: IncomingMessage): Promise<void> {
    let body: unknown;
    let bodyRead = false;
    let parsed: { body: unknown } | undefined;
    let pending: Pending | undefined;
    let correlationId: string | undefined;
    for (const loc of this.correlationLocations) {
      let v = readExpression(loc, m.headers, undefined);
      if (v === undefined && loc.startsWith('$message.payload')) {
        if (!bodyRead) {
          bodyRead = true;
          try {
            body = decodeBody('reply', m.body);
            parsed = { body };
          } catch {
            body = undefined;
          }
        }
        v = readExpression(loc, m.headers, body);
      }
      if (v === undefined || v === null) continue;
      correlationId = String(v);
      pending = this.pending.get(correlationId);
      if (pending) break;
    }
    if (!pending || correlationId === undefined) {
      this.droppedReplies++;
      this.options.onDroppedReply?.(m);
      return;
    }
    this.pending.delete(correlationId);
    try {
      const d = decodeIncoming(pending.op.id, pending.op.reply!.messages, m, this.validate, parsed);
      pending.resolve({
        message: d.spec.name,
        payload: d.payload,
        headers: d.headers,
        messageId: String(d.headers[HEADERS.messageId] ?? ''),
        correlationId,
      });
    } catch (e) {
      pending.reject(e instanceof ValidationError ? e : (e as Error));
    }
  }
}

export type { MessageSpec };
