/**
 * The transport port: the only thing generated code needs from a broker. Adapters (in-memory, AMQP, NATS)
 * implement it; generated clients and handlers never see a broker's client library.
 *
 * Kept deliberately small: publish, subscribe (with a consumer group), close.
 */

/** Each message to one consumer of a group (commands), or to every group (events). */
export type ChannelMode = 'point-to-point' | 'publish-subscribe';

export interface OutgoingMessage {
  /** Concrete channel address, parameters already filled (`orders.eu.created`). */
  address: string;
  /** String headers: message id, correlation id, reply address, content type and the spec's own headers. */
  headers: Record<string, string>;
  /** Serialised payload. */
  body: Uint8Array;
  /** Partition / ordering key: messages with one key are delivered in order. */
  key?: string;
}

export interface IncomingMessage extends OutgoingMessage {
  /** Delivery attempt, 1 for the first; adapters that know about redelivery raise it. */
  attempt: number;
}

export interface PublishOptions {
  mode: ChannelMode;
}

export interface SubscribeOptions {
  mode: ChannelMode;
  /** Consumer group: in point-to-point mode the members of one group compete; in publish-subscribe each group gets every message. */
  group: string;
  /** A private, short-lived subscription (a client's reply inbox): removed when closed or when the connection ends. */
  temporary?: boolean;
  /** Most messages handled at once by this subscriber (adapters map it to prefetch / max in flight). Default 16. */
  concurrency?: number;
  /**
   * By default a rejected message with a key is retried before any later message of its key reaches the
   * handler (the key waits; other keys go on). `true` lets the broker redeliver it behind later ones
   * instead. InMemoryTransport always keeps the order.
   */
  unorderedRetries?: boolean;
}

/**
 * Resolving acknowledges the message. Rejecting asks for redelivery; the adapter bounds retries and then
 * moves the message to a dead-letter destination. Messages with one key reach the handler one after
 * another, in order, a failed one retried first (see `unorderedRetries`).
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface Subscription {
  close(): Promise<void>;
}

export interface Transport {
  publish(message: OutgoingMessage, options: PublishOptions): Promise<void>;
  /**
   * Only on transports that finish publishing before they return (the SQLite outbox's): publishes or
   * throws. A client's `send` then uses it and throws instead of rejecting, so a caller's synchronous
   * transaction (better-sqlite3's `db.transaction(fn)`) sees the failure and rolls back.
   */
  publishSync?(message: OutgoingMessage, options: PublishOptions): void;
  subscribe(address: string, handler: MessageHandler, options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

/**
 * A change of a broker transport's connection, for the `onEvent` option of AmqpTransport and NatsTransport:
 * `connected` once, then `disconnected`, `reconnecting` (each attempt) and `reconnected` as it recovers.
 */
export interface ConnectionEvent {
  type: 'connected' | 'disconnected' | 'reconnecting' | 'reconnected';
  /** The server's URL, without credentials. */
  server: string;
  /** Successful reconnections so far (the `reconnected` event included). */
  reconnects: number;
}
