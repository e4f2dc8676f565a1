import { parentPort } from 'node:worker_threads';
import { builtinConfig, ConfigFinder, type LintConfig } from './config.js';
import { lintFile } from './engine.js';
import type { RulesetName } from './types.js';
import type { RefOptions } from '../load/workspace.js';

/** Work for one file: which config to load (the main thread already checked it loads). */
export interface WorkerJob {
  id: number;
  file: string;
  configFile?: string;
  ruleset?: RulesetName;
  refs: RefOptions;
}

const finder = new ConfigFinder();

parentPort!.on('message', async (job: WorkerJob) => {
  try {
    let config: LintConfig = job.configFile ? finder.load(job.configFile) : builtinConfig(job.ruleset);
    if (job.ruleset) config = { ...config, ruleset: job.ruleset };
    const result = await lintFile(job.file, { config, ...job.refs });
    parentPort!.postMessage({ id: job.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
