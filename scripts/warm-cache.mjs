// Write the V8 code caches that src/support/script-cache.ts reads: run the built command line on specs/
// (every command, so the functions they call are compiled into the cache too), then validate those
// documents against every compiled schema version. Part of the build; the caches belong to the Node
// version that ran it and are ignored by any other.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { requireCached, WRITE_ENV } = await import(pathToFileURL(path.join(root, 'dist/support/script-cache.js')).href);
const env = { ...process.env, [WRITE_ENV]: '1', NO_COLOR: '1' };
const spec = (name) => path.join(root, 'specs', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'specgate-warm-'));

const runs = [
  ['--help'],
  ['validate', path.join(root, 'specs')],
  // Each run writes the caches of the scripts it loaded; the default format runs last.
  ['lint', path.join(root, 'specs'), '--format', 'sarif'],
  ['lint', path.join(root, 'specs')],
  ['diff', spec('order-service.asyncapi.yaml'), spec('order-service.asyncapi.yaml')],
  ['diff', spec('orders-api.openapi.yaml'), spec('orders-api.openapi.yaml'), '--format', 'json'],
  ['rules'],
  ['graph', path.join(root, 'specs')],
  ['generate', spec('order-service.asyncapi.yaml'), '--out', path.join(tmp, 'generated')],
  ['new', '--style', 'request-reply', '--name', 'Warm Service', '--out', path.join(tmp, 'new.yaml')],
];
try {
  for (const args of runs) {
    const r = spawnSync(process.execPath, [path.join(root, 'bin/run.js'), ...args], { env, encoding: 'utf8' });
    // Findings (exit 1) are expected on specs/bad; anything else means the build is broken.
    if (r.status !== 0 && r.status !== 1) {
      process.stderr.write(`warm-cache: specgate ${args.join(' ')} exited ${r.status}\n${r.stderr}`);
      process.exit(1);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Every compiled validator, on the documents of specs/ relabelled to its version; their caches are
// written when this script exits.
process.env[WRITE_ENV] = '1';
const { load } = await import('js-yaml');
const docs = ['order-service.asyncapi.yaml', 'customer-service.asyncapi.yaml', 'orders-api.openapi.yaml'].map((f) => load(readFileSync(spec(f), 'utf8')));
const compiled = path.join(root, 'dist/validate/compiled');
for (const file of readdirSync(compiled).filter((f) => /^(asyncapi|openapi)-[\d.]+\.cjs$/.test(f))) {
  const [, field, version] = /^(asyncapi|openapi)-([\d.]+)\.cjs$/.exec(file);
  const validate = requireCached(path.join(compiled, file));
  const label = field === 'openapi' ? `${version}.0` : version;
  for (const doc of docs) if (field in doc) validate({ ...doc, [field]: label });
}
