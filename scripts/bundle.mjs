// Bundle the command line into CommonJS scripts in dist/bundle/: specgate.js (dist/cli/entry.js: oclif
// and the command classes, which parse flags), one script per command with everything its runner
// (dist/cli/<command>.js) loads, and lint's worker entry (the code that starts the worker looks for it
// beside itself).
//
// Why: Node 20 has no module compile cache, so every start paid for resolving, reading and compiling
// some 180 modules. One script can go through V8's code cache instead (src/support/script-cache.ts; the
// caches are written by scripts/warm-cache.mjs). CommonJS because V8's code cache is only reachable for
// scripts in Node 20, not for ES modules. Library entry points (specgate/runtime…) stay unbundled in dist/.
//
// Why a script per command: reading and compiling one 1.7 MB script, even from its code cache, was some
// 60 ms of every start, `--help` included, and most of it is code the command run never calls. A run now
// reads oclif's script and the one of its command. Code shared by commands is in each of their scripts;
// one run only ever loads one of them.
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

const COMMANDS = ['diff', 'generate', 'graph', 'lint', 'new', 'rules', 'validate'];

// In specgate.js, a command's `import('../cli/<command>.js')` becomes the command's own script, required
// through the code cache (the cache module is small and bundled here; bin/run.js has its own copy).
const RUNNERS = {
  name: 'specgate-command-scripts',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/cli\/[a-z]+\.js$/ }, (args) => {
      const name = /([a-z]+)\.js$/.exec(args.path)[1];
      if (!args.importer.includes(`${path.sep}commands${path.sep}`) || !COMMANDS.includes(name)) return undefined;
      return { path: name, namespace: 'specgate-command' };
    });
    b.onLoad({ filter: /.*/, namespace: 'specgate-command' }, (args) => ({
      contents: `const { requireCached } = require(${JSON.stringify(path.join(dist, 'support/script-cache.js'))});\n` +
        `module.exports = requireCached(require('node:path').join(__dirname, ${JSON.stringify(`${args.path}.js`)}));\n`,
      loader: 'js',
      resolveDir: dist,
    }));
  },
};

const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Broker clients and databases are optional peers of the runtime; oclif asks for TypeScript only in
  // development mode; tsx only when running from src/. @viz-js/viz (Graphviz as WebAssembly, 1.2 MB of
  // JavaScript, only for `graph --format html`) loads from node_modules when a page is drawn. re2js (spec
  // patterns, src/model/pattern.ts) is inside the scripts of the commands that run patterns, where the
  // code cache covers it: loaded from node_modules it cost lint ~25 ms on a document with patterns.
  // avsc (Avro payloads, src/formats/avro) loads from node_modules only when a document has an Avro payload.
  external: ['amqplib', 'nats', 'pg', 'better-sqlite3', '@asyncapi/parser', 'typescript', 'ts-node', 'tsx', '@viz-js/viz', 'avsc'],
  // The sources are ES modules: `import.meta.url` becomes the script's own file URL.
  define: { 'import.meta.url': '__specgateModuleUrl' },
  banner: { js: "const __specgateModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Whitespace and comments out, names kept (internal-error diagnostics and stack traces stay readable):
  // a smaller script is read and compiled faster on every start.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'error',
};
await build({ ...common, entryPoints: { specgate: path.join(dist, 'cli/entry.js') }, plugins: [ORDER_IDS, RUNNERS] });
await build({
  ...common,
  entryPoints: Object.fromEntries([...COMMANDS.map((c) => [c, path.join(dist, `cli/${c}.js`)]), ['worker', path.join(dist, 'lint/worker.js')]]),
  plugins: [ORDER_IDS],
});
// The package is "type": "module"; the scripts in this folder are CommonJS.
writeFileSync(path.join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
