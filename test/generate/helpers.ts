// Shared by the generate tests: generate a spec into test/.generated/<name>/ (inside the repo, so the
// generated `import ... from 'specgate/runtime'` resolves through the package's own exports to dist/),
// and check that dist/runtime is not older than src/runtime (run `npm run build` first).
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { generate, type GenerateResult, type Role, type WiringTransport } from '../../src/generate/index.js';
import type { HttpRole } from '../../src/generate/http.js';
import { validateFile } from '../../src/validate/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const GENERATED = path.join(ROOT, 'test', '.generated');
export const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/**
 * TypeScript 7, the native compiler (devDependency `typescript7`), what `npm i typescript` installs today.
 * It checks the 42 MB generated for the corpus in about 6 s where 5.9 takes 36 s; the fixtures still
 * compile under 5.9 (TSC), so both compilers are held to the generated code. By path, as TSC: both
 * packages have a `tsc` bin, so `node_modules/.bin/tsc` is whichever npm linked last.
 */
export const TSC_NATIVE = path.join(ROOT, 'node_modules', 'typescript7', 'bin', 'tsc');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'asyncapi', 'spec-examples');

/** Throws when dist/runtime is missing or older than src/runtime: generated code runs against dist. */
export function assertRuntimeBuilt(): void {
  const src = path.join(ROOT, 'src', 'runtime');
  const dist = path.join(ROOT, 'dist', 'runtime');
  for (const name of readdirSync(src)) {
    if (!name.endsWith('.ts')) continue;
    const out = path.join(dist, name.replace(/\.ts$/, '.js'));
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(path.join(src, name)).mtimeMs)
      throw new Error(`dist/runtime is older than src/runtime/${name}: run \`npm run build\` before the generate tests`);
  }
}

export async function generateSpec(file: string, role: Role | HttpRole | undefined, transport?: WiringTransport): Promise<GenerateResult> {
  const r = await validateFile(file, { keepModel: true });
  if (!r.valid || !r.model) throw new Error(`${file} is not valid`);
  return generate(r.model, { role, transport });
}

/** Generate into test/.generated/<dir>, replacing what was there. */
export async function generateInto(file: string, role: Role | HttpRole | undefined, dir: string, transport?: WiringTransport): Promise<string> {
  return writeGenerated(await generateSpec(file, role, transport), path.join(GENERATED, dir));
}

/** Write generated files into `out` (a folder under test/.generated), replacing what was there. */
export function writeGenerated(g: GenerateResult, out: string): string {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of g.files) {
    mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
    writeFileSync(path.join(out, f.path), f.content);
  }
  return out;
}

export function findSpecs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'common') out.push(...findSpecs(p));
    } else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** A loopback server counting the requests that reach it. */
export async function serve(listener: RequestListener) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
