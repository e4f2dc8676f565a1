// The in-memory wiring example (templates/wiring/memory.ts.mustache) rendered next to the generated Order
// Service and started as written; the RabbitMQ and NATS ones run in amqp.test.ts and nats.test.ts.
import { test } from 'uvu';
import { loadOrderService, wiringSuite } from './order-suite.js';

const generated = await loadOrderService('brokers-wiring');
wiringSuite(test, 'memory', () => generated.dirs, {});

test.run();
