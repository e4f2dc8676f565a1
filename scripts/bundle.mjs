// Bundle the command line (dist/cli/entry.js, with oclif and every module a command loads) into one
// CommonJS script, dist/bundle/specgate.js, and lint's worker entry into its own script beside it (the
// code that starts the worker looks for it beside itself).
//
// Why: Node 20 has no module compile cache, so every start paid for resolving, reading and compiling
// some 180 modules. One script can go through V8's code cache instead (src/support/script-cache.ts; the
// caches are written by scripts/warm-cache.mjs). CommonJS because V8's code cache is only reachable for
// scripts in Node 20, not for ES modules. Library entry points (specgate/runtime…) stay unbundled in dist/.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outdir = path.join(dist, 'bundle');

// oclif sorts the command ids with `localeCompare` on every start; the first call of it loads ICU's
// collation data, some 8 ms of each run. Our ids are lowercase ASCII words, where code-unit order is the
// same order. The build fails if oclif's code changes, so a newer oclif is looked at, not silently unpatched.
const ORDER_IDS = {
  name: 'oclif-command-order',
  setup(b) {
    b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, (args) => {
      const from = '.sort((a, b) => a.id.localeCompare(b.id))';
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(from)) throw new Error(`${args.path}: oclif no longer sorts commands with localeCompare; review scripts/bundle.mjs`);
      return { contents: source.replace(from, '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))'), loader: 'js' };
    });
  },
};

await build({
  absWorkingDir: root,
  entryPoints: {
    specgate: path.join(dist, 'cli/entry.js'),
    worker: path.join(dist, 'lint/worker.js'),
  },
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Broker clients and databases are optional peers of the runtime; oclif asks for TypeScript only in
  // development mode; tsx only when running from src/. re2js (spec patterns, src/model/pattern.ts) loads
  // from node_modules when a pattern is first run: inside the bundle it would enter the code cache, which
  // every start reads (8 ms more on `--help`). @viz-js/viz (Graphviz as WebAssembly, 1.2 MB of JavaScript,
  // only for `graph --format html`) stays outside for the same reason.
  external: ['amqplib', 'nats', 'pg', 'better-sqlite3', '@asyncapi/parser', 'typescript', 'ts-node', 'tsx', 're2js', '@viz-js/viz'],
  // The sources are ES modules: `import.meta.url` becomes the script's own file URL.
  define: { 'import.meta.url': '__specgateModuleUrl' },
  banner: { js: "const __specgateModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [ORDER_IDS],
  logLevel: 'error',
});
// The package is "type": "module"; the scripts in this folder are CommonJS.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
