// The transport port suite and the per-key order suite on InMemoryTransport: no server needed, so the contract every adapter owes
// is checked in every run, not only where RabbitMQ and NATS are up.
import { test } from 'uvu';
import { InMemoryTransport } from '../../src/runtime/in-memory.js';
import { keyOrderSuite } from './order-suite.js';
import { portSuite } from './port-suite.js';
import { str, unique } from './servers.js';

// One in-process "broker": every transport the suite opens is this instance, as its connections share a server.
const broker = new InMemoryTransport({ maxAttempts: 3 });

portSuite(test, 'in-memory', {
  transport: () => broker,
  prefix: unique('sg'),
  restart: false,
  async deadLetters(address) {
    return broker.deadLetters.filter((m) => m.address === address).map((m) => ({ body: str(m.body), headers: { ...m.headers } }));
  },
  async cleanup() {},
});

keyOrderSuite(test, 'in-memory', { transport: () => broker, prefix: unique('sg'), restart: false });

test.run();
