import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintResult } from './engine.js';
import type { WorkerJob } from './worker.js';

/** Below this many files a pool costs more (worker start-up, module loading) than it saves. */
export const POOL_MIN_FILES = 6;
/**
 * Nor below this much input: a worker needs about 0.3 s to load its modules and warm up, while this thread
 * lints small specs in a few milliseconds each (measured: 191 files, 1.7 MB: one thread 1.12-1.23 s, two
 * lanes 1.28-1.31 s; 97 files, 9.2 MB: 1.89-2.13 s against 1.76-1.87 s).
 */
export const POOL_MIN_BYTES = 4 * 1024 * 1024;

export function poolSize(files: number, bytes = Infinity): number {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return files < POOL_MIN_FILES || bytes < POOL_MIN_BYTES || cores < 2 ? 0 : Math.min(cores, files);
}

/**
 * The worker entry beside this module: `worker.js` in dist/. Running from src/ through tsx (tests), the
 * worker registers tsx itself, since loader hooks do not carry over into worker threads.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const api = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
}

/**
 * Lint files on `size` lanes, one file per lane at a time (each keeps at most one model in memory). With
 * `local`, this thread is one of the lanes: it starts at once while the workers load their modules (about
 * 0.3 s each), so a pool never makes a run slower than one thread. Results come back in job order;
 * `onDone` is called as each file finishes.
 */
export async function lintInPool(
  jobs: Omit<WorkerJob, 'id'>[],
  size: number,
  onDone: (done: number) => void,
  local?: (index: number) => Promise<LintResult>,
): Promise<LintResult[]> {
  const results: LintResult[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.max(0, Math.min(size - (local ? 1 : 0), jobs.length - 1)) }, () => startWorker());
  const runLocal = async () => {
    while (next < jobs.length) {
      const id = next++;
      results[id] = await local!(id);
      onDone(++done);
    }
  };
  try {
    await Promise.all([
      ...(local ? [runLocal()] : []),
      ...workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              w.postMessage({ ...jobs[id], id });
            };
            w.on('message', (m: { id: number; result?: LintResult; error?: string }) => {
              if (m.error) return reject(new Error(`linting ${jobs[m.id].file} failed: ${m.error}`));
              results[m.id] = m.result!;
              onDone(++done);
              feed();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
            });
            feed();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
