/**
 * The engine behind a generated `register<Name>Handlers`: one subscription per handled operation; each
 * message is decoded and validated (invalid ones go to `onInvalid`, never to the handler), dropped when
 * the dedup store has seen its id, handled in order per partition key, and a handler's result is sent as
 * the reply, with the request's correlation id, to the request's reply address.
 */
import { decodeIncoming, encodePayload, keyOf, pickMessage, resolveAddress } from './codec.js';
import type { DedupStore } from './dedup.js';
import { DEFAULT_CORRELATION, DEFAULT_REPLY_ADDRESS, HEADERS, newMessageId, readExpression, stringifyHeadersInPlace, writeExpression } from './envelope.js';
import { ValidationError } from './errors.js';
import { KeyedSerializer } from './ordering.js';
import type { IncomingMessage, Subscription, Transport } from './port.js';
import type { OperationSpec } from './spec.js';

export interface InvalidMessage {
  operationId: string;
  message: IncomingMessage;
  error: ValidationError;
}

export interface HandlerOptions {
  transport: Transport;
  /** Consumer group of this service (its instances compete for point-to-point messages and share events). */
  group: string;
  /** Drop messages whose id this group already processed. */
  dedup?: DedupStore;
  /** Channel parameter values for the addresses to subscribe to (`{ region: 'eu' }`). */
  parameters?: Record<string, string>;
  /** Validate incoming messages and outgoing replies. Default true. */
  validate?: boolean;
  /** Most messages handled at once per operation. Default 16. */
  concurrency?: number;
  /**
   * Let the broker redeliver a failed keyed message behind later messages of its key. Default false: the
   * key waits until its failed message is handled or dead-lettered; other keys go on.
   */
  unorderedRetries?: boolean;
  /** Gets every message that failed validation (it is acknowledged, not redelivered). Default: a warning on stderr. */
  onInvalid?: (invalid: InvalidMessage) => void | Promise<void>;
  /** Gets every message dropped as a duplicate. */
  onDuplicate?: (duplicate: { operationId: string; messageId: string }) => void | Promise<void>;
}

/** What a handler receives. */
export interface HandlerContext<M extends string = string, P = unknown, H = Record<string, unknown>> {
  /** Name of the message in the spec (tells the variants of a multi-message operation apart). */
  message: M;
  payload: P;
  headers: H;
  messageId: string;
  correlationId?: string;
  /** Partition key the message was delivered with. */
  key?: string;
  /** Delivery attempt, 1 for the first. */
  attempt: number;
  /** Concrete address it arrived on. */
  address: string;
}

export interface HandlersHandle {
  close(): Promise<void>;
}

type AnyHandler = (ctx: HandlerContext) => Promise<unknown> | unknown;
/** Generated handler maps are typed per operation; any one-argument function fits here. */
type SomeHandler = (ctx: never) => unknown;

export async function registerHandlers(
  options: HandlerOptions,
  operations: OperationSpec[],
  handlers: Record<string, SomeHandler | undefined>,
): Promise<HandlersHandle> {
  const validate = options.validate ?? true;
  const onInvalid =
    options.onInvalid ??
    ((i: InvalidMessage) => {
      process.emitWarning(`dropped an invalid message: ${i.error.message}`, 'SpecgateInvalidMessage');
    });
  const subscriptions: Subscription[] = [];
  const byAddress = new Map<string, number>();
  // A Map, not the object given: an id such as `constructor` must not find Object.prototype's.
  const byId = new Map(Object.entries(handlers));
  const active = operations.filter((op) => byId.get(op.id));
  const addresses = active.map((op) => resolveAddress(op, options.parameters, {}, undefined));
  for (const a of addresses) byAddress.set(a, (byAddress.get(a) ?? 0) + 1);
  try {
    for (let i = 0; i < active.length; i++) {
      const op = active[i];
      const handler = byId.get(op.id) as AnyHandler;
      const address = addresses[i];
      const serializer = new KeyedSerializer();
      const group = byAddress.get(address)! > 1 ? `${options.group}.${op.id}` : options.group;
      // Runs in key order; everything it needs is in the context (read before the handler sees it).
      const handleInOrder = async (ctx: HandlerContext): Promise<void> => {
        const { headers, payload, correlationId } = ctx;
        const id = headers[HEADERS.messageId];
        const messageId = typeof id === 'string' ? id : undefined;
        const dedup = messageId !== undefined ? options.dedup : undefined;
        if (dedup && !(await dedup.claim(options.group, messageId!))) {
          await options.onDuplicate?.({ operationId: op.id, messageId: messageId! });
          return;
        }
        try {
          const result = await handler(ctx);
          if (op.reply) await sendReply(op, options, validate, result, headers, payload, correlationId);
        } catch (e) {
          await dedup?.release(options.group, messageId!);
          throw e;
        }
        await dedup?.commit(options.group, messageId!);
      };
      const onMessage = async (incoming: IncomingMessage): Promise<void> => {
        let decoded;
        try {
          decoded = decodeIncoming(op.id, op.messages, incoming, validate);
        } catch (e) {
          if (e instanceof ValidationError) return void (await onInvalid({ operationId: op.id, message: incoming, error: e }));
          throw e;
        }
        const { spec, payload, headers } = decoded;
        const id = headers[HEADERS.messageId];
        const ctx: HandlerContext = {
          message: spec.name,
          payload,
          headers,
          messageId: typeof id === 'string' ? id : '',
          attempt: incoming.attempt,
          address: incoming.address,
        };
        const corr = readExpression(spec.correlationId ?? DEFAULT_CORRELATION, headers, payload);
        if (corr !== undefined && corr !== null) ctx.correlationId = String(corr);
        const key = incoming.key ?? keyOf(op, undefined, headers, payload);
        if (key !== undefined) ctx.key = key;
        await serializer.run(key, handleInOrder, ctx);
      };
      subscriptions.push(
        await options.transport.subscribe(address, onMessage, {
          mode: op.mode,
          group,
          ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
          ...(options.unorderedRetries ? { unorderedRetries: true } : {}),
        }),
      );
    }
  } catch (e) {
    await Promise.allSettled(subscriptions.map((s) => s.close()));
    throw e;
  }
  return {
    close: async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
    },
  };
}

async function sendReply(
  op: OperationSpec,
  options: HandlerOptions,
  validate: boolean,
  replyPayload: unknown,
  requestHeaders: Record<string, unknown>,
  requestPayload: unknown,
  correlationId: string | undefined,
): Promise<void> {
  const reply = op.reply!;
  const dynamic = readExpression(reply.addressLocation ?? DEFAULT_REPLY_ADDRESS, requestHeaders, requestPayload);
  const address = typeof dynamic === 'string' && dynamic !== '' ? dynamic : reply.address;
  if (address === undefined) throw new Error(`${op.id}: the request names no reply address (${reply.addressLocation ?? DEFAULT_REPLY_ADDRESS})`);
  const headers: Record<string, unknown> = { [HEADERS.messageId]: newMessageId() };
  let payload = replyPayload;
  if (correlationId !== undefined) {
    const location = reply.messages.find((m) => m.correlationId)?.correlationId ?? DEFAULT_CORRELATION;
    payload = writeExpression(location, correlationId, headers, payload);
  }
  const spec = pickMessage(op.id, reply.messages, payload, headers, 'outgoing', validate);
  const wire = stringifyHeadersInPlace(headers);
  wire[HEADERS.contentType] ??= spec.contentType;
  await options.transport.publish(
    { address, headers: wire, body: encodePayload(op.id, spec, payload) },
    { mode: reply.address !== undefined && address === reply.address ? 'publish-subscribe' : 'point-to-point' },
  );
}
