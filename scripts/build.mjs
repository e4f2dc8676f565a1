// Build: compile the official JSON Schemas to standalone validators, type-check and emit TypeScript,
// copy non-TypeScript sources (generated validators) into dist, bundle the command line, write the oclif
// manifest, then the V8 code caches of the bundle and the validators.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run(process.execPath, [path.join(root, 'scripts/compile-schemas.mjs')]);
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);

// Copy .js/.json/.d.ts assets that live beside the TypeScript sources.
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) copyAssets(p);
    else if (/\.(m?js|cjs|json)$/.test(name) || (name.endsWith('.d.ts') && !existsSync(p.replace(/\.d\.ts$/, '.ts')))) {
      const out = path.join(root, 'dist', path.relative(path.join(root, 'src'), p));
      mkdirSync(path.dirname(out), { recursive: true });
      cpSync(p, out);
    }
  }
}
copyAssets(path.join(root, 'src'));
run(process.execPath, [path.join(root, 'scripts/bundle.mjs')]);
run(process.execPath, [path.join(root, 'scripts/manifest.mjs')]);
run(process.execPath, [path.join(root, 'scripts/warm-cache.mjs')]);
