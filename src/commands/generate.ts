// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { refFlags, refRunOptions } from './ref-flags.js';

export default class Generate extends Command {
  static override summary = 'Generate typed TypeScript clients, handlers and validators from an AsyncAPI or OpenAPI contract.';
  static override description = `Writes, into the output folder: types.ts (payload and header types from the schemas), validators.ts and header-validators.ts (precompiled Ajv validators, plain ESM), operations.ts, client.ts (create<Name>Client: one function per operation this side sends), handlers.ts (register<Name>Handlers: what it receives) and index.ts. Generated code imports specgate/runtime.

--role service (default) is the application the contract describes; --role client is its mirror, a service that talks to it.

--transport amqp|nats|memory also writes wiring.ts: start<Name>(handlers, options) connects that transport (RabbitMQ, NATS with JetStream, or InMemoryTransport), subscribes the handlers as one consumer group and creates the client. Without it no wiring file is written.

The folder belongs to specgate: files carry a DO NOT EDIT banner, are rewritten whole each run, and a folder holding files specgate did not write is refused unless --force. A run that would write through a symbolic link (at a path it writes, or --out or a folder on the way to it) or over a file it read is refused, even with --force. Files are replaced whole: written beside, then renamed. --check writes nothing and exits 1 when the folder is stale.

An OpenAPI document gives types.ts, validators.ts and parameter-validators.ts, operations.ts, client.ts (create<Name>Client: one function per operation over fetch, with timeout, in-flight limit, circuit breaker and retries of idempotent methods) and server.ts (create<Name>Router: a node:http request listener over typed handlers). --role client or --role server writes one of them; both by default. --transport http writes wiring.ts (serve<Name>, connect<Name>).

Exit codes: 0 ok (or up to date), 1 invalid contract or stale folder, 2 usage or input error.`;
  static override examples = [
    '<%= config.bin %> generate specs/order-service.asyncapi.yaml --out src/generated/order-service',
    '<%= config.bin %> generate specs/order-service.asyncapi.yaml --out src/generated/order-client --role client',
    '<%= config.bin %> generate specs/order-service.asyncapi.yaml --out src/generated/order-service --transport amqp',
    '<%= config.bin %> generate specs/order-service.asyncapi.yaml --out src/generated/order-service --check',
    '<%= config.bin %> generate specs/orders-api.openapi.yaml --out src/generated/orders-api --role client',
  ];
  static override args = { spec: Args.string({ description: 'AsyncAPI 2.x/3.x or OpenAPI 3.0/3.1 document', required: true }) };
  static override flags = {
    out: Flags.string({ char: 'o', description: 'output folder (owned by specgate)', required: true }),
    role: Flags.string({ description: 'which side to generate (AsyncAPI: service by default; OpenAPI: client and server by default)', options: ['service', 'client', 'server'] }),
    transport: Flags.string({ description: 'also write wiring.ts, a start function over this transport (http for OpenAPI)', options: ['amqp', 'nats', 'memory', 'http'] }),
    check: Flags.boolean({ description: 'write nothing; exit 1 when the folder is not what generation would write', default: false }),
    force: Flags.boolean({ description: 'write even into a folder holding files specgate did not write', default: false }),
    ...refFlags,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Generate);
    const { runGenerate } = await import('../cli/generate.js');
    process.exitCode = await runGenerate(args.spec, {
      out: flags.out,
      role: flags.role as 'service' | 'client' | 'server' | undefined,
      transport: flags.transport as 'amqp' | 'nats' | 'memory' | 'http' | undefined,
      check: flags.check,
      force: flags.force,
      ...refRunOptions(flags),
    });
  }
}
