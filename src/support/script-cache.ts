/**
 * Loads CommonJS scripts (the bundled command line, the compiled schema validators) through V8's code
 * cache, so a run does not parse and compile them again.
 *
 * Why by hand: Node 20 has no module compile cache (`module.enableCompileCache` arrived in Node 22), and
 * the require hooks that add one write into the temporary directory at run time. Here the caches are
 * made once, at build time, by `scripts/warm-cache.mjs` running the command line on specs/, and only read
 * afterwards. Measured on the 234 KB AsyncAPI document: `specgate validate` from ~345 to ~280 ms.
 *
 * A cache file starts with one line naming the size and modification time of the script it was made
 * from; V8 itself only checks the source length, so this keeps a cache of an older build from being
 * applied to a new script. V8 rejects caches of another V8 version or other flags; the script is then
 * compiled as usual.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Set by the build (scripts/warm-cache.mjs): write a cache for every script loaded, at exit. */
export const WRITE_ENV = 'SPECGATE_WRITE_CODE_CACHE';

const loaded = new Map<string, { script: vm.Script; key: string }>();
let writeOnExit = false;

export interface LoadInfo {
  /** A cache was found for this version of the script. */
  cached: boolean;
  /** V8 refused the cache (another Node version or other flags). */
  rejected: boolean;
}
/** How each script was loaded, for tests. */
export const loadInfo = new Map<string, LoadInfo>();

const cacheFileOf = (file: string) => `${file}.v8cache`;
const keyOf = (file: string) => {
  const s = statSync(file);
  return `${s.size}:${Math.round(s.mtimeMs)}`;
};

/** The cache made from this version of `file`, or undefined. */
function readCache(file: string, key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFileOf(file));
  } catch {
    return undefined;
  }
  const nl = data.indexOf(10);
  return nl > 0 && data.toString('latin1', 0, nl) === key ? data.subarray(nl + 1) : undefined;
}

/**
 * `require(file)` for a CommonJS script, compiled through the code cache. The module is entered into
 * `require.cache`, so a later plain `require` of the same file (oclif loading its commands) gets this one.
 */
export function requireCached(file: string): unknown {
  const absolute = path.resolve(file);
  const req = createRequire(absolute);
  const known = req.cache[absolute];
  if (known) return known.exports;
  const key = keyOf(absolute);
  const cachedData = readCache(absolute, key);
  const source = readFileSync(absolute, 'utf8');
  const dynamicImport = (vm as unknown as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(Module.wrap(source), {
    filename: absolute,
    ...(cachedData ? { cachedData } : {}),
    ...(dynamicImport ? { importModuleDynamically: dynamicImport as never } : {}),
  });
  loadInfo.set(absolute, { cached: !!cachedData, rejected: !!cachedData && script.cachedDataRejected === true });
  const module = new Module(absolute) as Module & { filename: string; loaded: boolean };
  module.filename = absolute;
  req.cache[absolute] = module;
  try {
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
    wrapper.call(module.exports, module.exports, req, module, absolute, path.dirname(absolute));
  } catch (e) {
    delete req.cache[absolute];
    throw e;
  }
  module.loaded = true;
  if (process.env[WRITE_ENV]) {
    loaded.set(absolute, { script, key });
    if (!writeOnExit) {
      writeOnExit = true;
      process.once('exit', writeCodeCaches);
    }
  }
  return module.exports;
}

/**
 * At exit: write the code cache of every script loaded, with everything compiled until then, including
 * the functions the run has called (so they are not compiled lazily next time either).
 */
function writeCodeCaches(): void {
  for (const [file, { script, key }] of loaded) {
    writeFileSync(cacheFileOf(file), Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), script.createCachedData()]));
  }
}

