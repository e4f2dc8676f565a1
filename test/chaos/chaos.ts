// Shared pieces of the chaos tests (test/chaos/*.test.ts): figures, operation specs, child processes and a
// RabbitMQ node of the tests' own (restarting the shared one would break tests running beside them).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationSpec } from '../../src/runtime/spec.js';
import { sh } from '../brokers/servers.js';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');

/** What a chaos run counted. `outOfOrder`: pairs of one key whose first deliveries came in the opposite order to commit/send order. */
export interface Figures {
  sent: number;
  committed?: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  [more: string]: number | undefined;
}

/** Prints the one line of figures a chaos test ends with, and returns them for the assertion. */
export function report(name: string, figures: Figures): Figures {
  console.log(`chaos ${name}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return figures;
}

/**
 * Figures of a keyed stream: `sent` lists [key, order] pairs as committed/sent (order increasing per key),
 * `delivered` the ids as the consumer saw them, repeats included. `id` names a pair.
 */
export function keyedFigures(sent: Map<string, { key: string; order: number }>, delivered: string[], extra: Record<string, number> = {}): Figures {
  const seen = new Set<string>();
  const firsts = new Map<string, number[]>();
  for (const id of delivered) {
    if (seen.has(id)) continue;
    seen.add(id);
    const m = sent.get(id);
    if (!m) continue;
    firsts.set(m.key, [...(firsts.get(m.key) ?? []), m.order]);
  }
  let outOfOrder = 0;
  for (const orders of firsts.values()) for (let i = 0; i < orders.length; i++) for (let j = i + 1; j < orders.length; j++) if (orders[i] > orders[j]) outOfOrder++;
  const unknown = [...seen].filter((id) => !sent.has(id)).length;
  return {
    sent: sent.size,
    ...extra,
    delivered: seen.size - unknown,
    lost: [...sent.keys()].filter((id) => !seen.has(id)).length,
    duplicated: delivered.length - seen.size,
    outOfOrder,
    unexpected: unknown,
  };
}

/** A point-to-point request/reply operation on `address`, reply to the caller's own inbox. */
export function askOp(address: string): OperationSpec {
  return {
    id: 'ask',
    address,
    parameters: [],
    mode: 'point-to-point',
    messages: [{ name: 'Ask', contentType: 'application/json' }],
    reply: { messages: [{ name: 'Answer', contentType: 'application/json' }] },
  };
}

/** A point-to-point channel keyed by the payload's `key`. */
export function keyedOp(address: string): OperationSpec {
  return { id: 'step', address, parameters: [], mode: 'point-to-point', messages: [{ name: 'Step', contentType: 'application/json' }], partitionKey: '$message.payload#/key' };
}

/** Runs a TypeScript file of test/ in a child process (stdout piped, stderr inherited). */
export function child(file: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', path.join(root, 'node_modules/tsx/dist/esm/index.mjs'), file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves when the child printed `line`; rejects if it exits first. */
export function printed(c: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    c.stdout!.on('data', (d) => {
      out += d;
      if (out.split('\n').includes(line)) resolve();
    });
    c.once('exit', (code, signal) => reject(new Error(`child exited (${code ?? signal}) before printing ${line}`)));
  });
}

export function kill9(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => (socket.destroy(), resolve(false)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Whether this machine can run a RabbitMQ node of our own (the Debian package's scripts, as .ci/services.sh installs; as root, to run them as user rabbitmq). */
export const canRunRabbit = () => process.getuid?.() === 0 && spawnSync('sh', ['-c', 'test -x /usr/lib/rabbitmq/bin/rabbitmq-server && id -u rabbitmq'], { stdio: 'ignore' }).status === 0;

/**
 * A RabbitMQ node of the test's own: its own node name, AMQP and distribution ports and data directory, so
 * restarting it touches nobody else. `restart` stops and starts the RabbitMQ application (the Erlang node
 * and durable queues stay), as SPECGATE_AMQP_RESTART does for the shared one.
 */
export async function privateRabbit() {
  const port = await freePort();
  const node = `specgate-chaos-${process.pid}@localhost`;
  const dir = path.join(os.tmpdir(), `specgate-chaos-rabbit-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const ctl = `rabbitmqctl -q -n ${node}`;
  const env = [
    'HOME=/var/lib/rabbitmq',
    `RABBITMQ_NODENAME=${node}`,
    'RABBITMQ_NODE_IP_ADDRESS=127.0.0.1',
    `RABBITMQ_NODE_PORT=${port}`,
    `RABBITMQ_DIST_PORT=${await freePort()}`,
    `RABBITMQ_MNESIA_BASE=${dir}/mnesia`,
    `RABBITMQ_LOG_BASE=${dir}/log`,
    `RABBITMQ_PID_FILE=${dir}/pid`,
    'ERL_EPMD_ADDRESS=127.0.0.1',
  ].join(' ');
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    async start() {
      // The package's wrapper switches user with `su`, which drops the environment: run its script as rabbitmq directly.
      await sh(`chown rabbitmq:rabbitmq ${dir} && cd /var/lib/rabbitmq && runuser -u rabbitmq -- env ${env} /usr/lib/rabbitmq/bin/rabbitmq-server -detached`);
      // Polling the AMQP port is much cheaper than rabbitmqctl (an Erlang VM start per call).
      const end = Date.now() + 90_000;
      while (!(await listening(port))) {
        if (Date.now() > end) throw new Error(`RabbitMQ node ${node} did not listen on ${port} within 90 s (see ${dir}/log)`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    /** start_app returns once the application is up again. */
    restart: () => sh(`${ctl} stop_app && ${ctl} start_app`),
    async remove() {
      await sh(`${ctl} stop`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
