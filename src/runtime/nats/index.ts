/**
 * `specgate/runtime/nats`: the transport port over NATS with JetStream. Needs the optional peer
 * dependency `nats` (2.x) and a server started with JetStream (`nats-server -js`).
 */
export { NatsTransport, type NatsTransportOptions } from './transport.js';
export type { ConnectionEvent } from '../port.js';
