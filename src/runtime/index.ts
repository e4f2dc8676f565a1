/**
 * `specgate/runtime`: everything generated code needs that is not specific to one spec — the transport
 * port, the in-memory transport, the envelope, the correlator behind request/reply, circuit breaker,
 * dedup stores, per-key ordering and the typed errors.
 */
export type { ChannelMode, IncomingMessage, MessageHandler, OutgoingMessage, PublishOptions, SubscribeOptions, Subscription, Transport } from './port.js';
export { InMemoryTransport, type InMemoryTransportOptions } from './in-memory.js';
export { InMemoryDedupStore, type DedupStore } from './dedup.js';
export { KeyedSequence, KeyedSerializer } from './ordering.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitPermit, type CircuitState, type CircuitStateChange } from './breaker.js';
export {
  ClientClosedError,
  CircuitOpenError,
  KeyBlockedError,
  MissingParameterError,
  RequestTimeoutError,
  SpecgateError,
  TooManyRequestsError,
  ValidationError,
  ResponseValidationError,
  ConnectionError,
  type ValidationIssue,
  type ValidationPart,
} from './errors.js';
export { HEADERS, newMessageId, readExpression } from './envelope.js';
export { ClientCore, type ClientOptions, type Fallback, type HeadersInput, type ReplyMessage, type RequestOptions, type SendOptions, type SentMessage } from './client.js';
export { registerHandlers, type HandlerContext, type HandlerOptions, type HandlersHandle, type InvalidMessage } from './handlers.js';
export type { MessageSpec, OperationSpec, ParameterSpec, ReplySpec } from './spec.js';
export { ajvFormats, ajvRuntime, type CompiledValidator } from './ajv.js';
export * from './http/index.js';
export { avroCodec, protobufCodec, type PayloadCodec } from './codecs/index.js';
