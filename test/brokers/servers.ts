// Which real servers the broker tests can use. Each comes from an environment variable that
// `.ci/services.sh` exports; a test file whose server is absent records one server skip
// (helpers.ts `skipped`) and registers no test.
import { exec } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { skipped } from '../helpers.js';

export interface Server {
  url: string;
  /** Shell command that restarts the server with its data kept, when the environment allows it. */
  restart?: string;
}

const HOW = 'run `source .ci/services.sh && services_start` first (README: "Running the broker tests")';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  let host = '127.0.0.1';
  let port = defaultPort;
  try {
    const u = new URL(url);
    host = u.hostname || host;
    port = Number(u.port) || defaultPort;
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** `check` proves the listener is the server the tests need (resolves to why not, or undefined when it is). */
async function server(name: string, envUrl: string, envRestart: string, defaultPort: number, check?: (url: string) => Promise<string | undefined>): Promise<Server | undefined> {
  const url = process.env[envUrl];
  if (!url) {
    skipped('server', `the ${name} tests`, `${envUrl} is not set; ${HOW}`);
    return undefined;
  }
  if (!(await reachable(url, defaultPort))) {
    skipped('server', `the ${name} tests`, `nothing listens at ${envUrl}; ${HOW}`);
    return undefined;
  }
  const wrong = await check?.(url);
  if (wrong) {
    skipped('server', `the ${name} tests`, `${envUrl} (${url}) ${wrong}; ${HOW}`);
    return undefined;
  }
  const restart = process.env[envRestart] || undefined;
  return restart ? { url, restart } : { url };
}

export const rabbitmq = () => server('RabbitMQ', 'SPECGATE_AMQP_URL', 'SPECGATE_AMQP_RESTART', 5672);
export const nats = () => server('NATS', 'SPECGATE_NATS_URL', 'SPECGATE_NATS_RESTART', 4222, hasJetStream);

/** Any process may listen on a NATS port; the tests need a nats-server with JetStream enabled. */
async function hasJetStream(url: string): Promise<string | undefined> {
  const { connect } = await import('nats');
  let nc: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    nc = await connect({ servers: url, timeout: 2000, reconnect: false });
    await (await nc.jetstreamManager({ timeout: 2000 })).getAccountInfo();
    return undefined;
  } catch (e) {
    return `is not a nats-server with JetStream (${(e as Error).message})`;
  } finally {
    await nc?.close().catch(() => undefined);
  }
}
export const postgres = () => server('PostgreSQL', 'SPECGATE_PG_URL', 'SPECGATE_PG_RESTART', 5432);

/** A name no earlier run used, so leftovers of an interrupted run never interfere. */
export function unique(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

export function sh(command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: 90_000 }, (error, _stdout, stderr) => (error ? reject(new Error(`${command}: ${stderr || error.message}`)) : resolve()));
  });
}

/** Wait until `condition()` holds, checking every 10 ms; fails after `ms` with `what`. */
export async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const utf8 = (s: string) => new TextEncoder().encode(s);
export const str = (b: Uint8Array) => new TextDecoder().decode(b);
