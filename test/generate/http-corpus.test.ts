// The large real-world OpenAPI descriptions of the corpus, Stripe and GitHub, generate (client and server)
// without a schema left unvalidated, with one client function and one handler per operation, and the code
// compiles with `tsc --strict` (one run for both, TypeScript 7: see TSC_NATIVE). GitHub's description is refused by `specgate validate`
// (two pairs of paths differ only in parameter names: duplicate-path), so it is generated from its model
// directly. Skipped when the corpus is absent. Prints generate time and output size (docs/generate.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generate } from '../../src/generate/index.js';
import { validateFile } from '../../src/validate/index.js';
import { CORPUS, needs } from '../helpers.js';
import { assertRuntimeBuilt, GENERATED, ROOT, TSC_NATIVE, writeGenerated } from './helpers.js';

const LARGE = path.join(CORPUS, 'openapi', 'large');
const SPECS = [
  { name: 'stripe', file: 'stripe-spec3-2023-09-12-63a67463.yaml', valid: true },
  { name: 'github', file: 'github-api.github.com-octokit-openapi-23.0.2.json', valid: false },
];
const base = path.join(GENERATED, 'http-corpus');

needs('corpus', existsSync(LARGE), `${LARGE} is absent`)('Stripe and GitHub: every operation generated, every schema validated, and the code compiles with tsc --strict', async () => {
  assertRuntimeBuilt();
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const files: string[] = [];
  for (const spec of SPECS) {
    const v = await validateFile(path.join(LARGE, spec.file), { keepModel: true });
    assert.is(v.valid, spec.valid, `${spec.name}: specgate validate says ${v.valid ? 'valid' : 'invalid'}`);
    assert.ok(v.model, spec.name);
    const t = performance.now();
    const g = generate(v.model!, {});
    const ms = performance.now() - t;
    assert.equal(g.warnings, [], `${spec.name}: every schema compiles to a validator`);
    const operations = v.model!.operations.filter((o) => o.http && !o.http.webhook).length;
    const client = g.files.find((f) => f.path === 'client.ts')!.content;
    const server = g.files.find((f) => f.path === 'server.ts')!.content;
    assert.is([...client.matchAll(/ => core\.call</g)].length, operations, `${spec.name}: one client function per operation`);
    assert.is([...server.matchAll(/ \? \(request\) => handlers\./g)].length, operations, `${spec.name}: one handler per operation`);
    const bytes = g.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    console.log(`${spec.name}: ${operations} operations, generated in ${Math.round(ms)} ms, ${(bytes / 1e6).toFixed(1)} MB in ${g.files.length} files`);
    files.push(path.join(writeGenerated(g, path.join(base, spec.name)), 'index.ts'));
  }
  writeFileSync(
    path.join(base, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, types: ['node'] }, files: files.map((f) => path.relative(base, f)) }),
  );
  const t = performance.now();
  const r = spawnSync(process.execPath, [TSC_NATIVE, '-p', path.join(base, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  console.log(`tsc --strict (TypeScript 7) over both: ${Math.round(performance.now() - t)} ms`);
  assert.is((r.stdout + r.stderr).slice(0, 4000), '', 'tsc reports no errors');
  assert.is(r.status, 0);
});

test.run();
