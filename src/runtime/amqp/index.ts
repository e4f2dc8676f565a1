/**
 * `specgate/runtime/amqp`: the transport port over RabbitMQ. Needs the optional peer dependency `amqplib`.
 */
export { AmqpTransport, type AmqpTransportOptions } from './transport.js';
export type { ConnectionEvent } from '../port.js';
