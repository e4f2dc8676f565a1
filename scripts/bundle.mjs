// Bundle the command line (dist/cli/entry.js, with oclif and what each command loads) into dist/bundle/.
// Node 20 has no module compile cache, so every start pays for resolving and reading each module file;
// one bundle with split chunks for the lazily loaded parts (YAML parser, compiled schemas, diff, lint)
// keeps that to a handful of files. The worker entries are bundled too, because the code that starts
// them looks for them beside itself. Library entry points (specgate/runtime…) stay unbundled in dist/.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

await build({
  absWorkingDir: root,
  entryPoints: {
    specgate: path.join(dist, 'cli/entry.js'),
    worker: path.join(dist, 'lint/worker.js'),
    'parse-worker': path.join(dist, 'diff/parse-worker.js'),
  },
  outdir: path.join(dist, 'bundle'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Broker clients and databases are optional peers of the runtime; oclif asks for TypeScript only in
  // development mode.
  external: ['amqplib', 'nats', 'pg', 'better-sqlite3', '@asyncapi/parser', 'typescript', 'ts-node'],
  // Bundled CommonJS packages (oclif) call require() for Node built-ins.
  banner: { js: "import { createRequire as __specgateRequire } from 'node:module'; const require = __specgateRequire(import.meta.url);" },
  logLevel: 'warning',
});
