/**
 * specgate as a library: the four jobs of the command line as functions, with the same verdicts.
 * `import { validate, lint, diff, generate } from 'specgate'` (docs/api.md).
 *
 * Each function takes what the command takes and returns the data its formats print. Problems with one
 * input (unreadable, not a spec, broken YAML) are part of that input's result, as on the command line;
 * only a call that cannot start (no file matches, a bad option) rejects, with an `InputError`.
 */
import { refOptions, type RefFlags } from './load/scope.js';
import { diffSpecs, type DiffOptions } from './diff/index.js';
import type { DiffResult } from './diff/types.js';
import { generate as generateModel, type GenerateOptions, type GenerateResult } from './generate/index.js';
import { writeOutput, type WriteResult } from './generate/output.js';
import { builtinConfig, ConfigFinder, isIgnored, loadConfig, type LintConfig } from './lint/config.js';
import { lintFile, type LintResult } from './lint/engine.js';
import { RULESETS, type RulesetName } from './lint/types.js';
import { InputError } from './load/errors.js';
import { expandInputs } from './load/read.js';
import { validateFile, type FileResult } from './validate/index.js';

export { InputError };
export type { FileResult, LintResult, GenerateResult, WriteResult };
export type { Diagnostic, Severity } from './model/diagnostic.js';
export type { FileReport } from './report/index.js';
export type { Change, DiffResult, Level } from './diff/types.js';
export type { ApiModel } from './model/types.js';
export type { RulesetName };

/** What `$ref`s may follow: as the `--allow-remote-refs` and `--allow-ref-outside DIR` flags. */
export type RefPolicy = RefFlags;

/** Files, folders (searched for specs), globs or `-` (stdin), as on the command line. */
export type Inputs = string | readonly string[];

const list = (inputs: Inputs) => (typeof inputs === 'string' ? [inputs] : [...inputs]);

/** `specgate validate`: one result per document found. */
export async function validate(inputs: Inputs, options: RefPolicy = {}): Promise<FileResult[]> {
  const files = await expandInputs(list(inputs));
  const refs = refOptions(files, options);
  const results: FileResult[] = [];
  for (const file of files) results.push(await validateFile(file, refs));
  return results;
}

export interface LintCallOptions extends RefPolicy {
  /** A ruleset name, or a config file used for every spec; default: each spec's nearest config, else `recommended`. */
  ruleset?: RulesetName | string;
}

/** `specgate lint`: one result per document found and not ignored by its config. */
export async function lint(inputs: Inputs, options: LintCallOptions = {}): Promise<LintResult[]> {
  const named = options.ruleset !== undefined && (RULESETS as readonly string[]).includes(options.ruleset) ? (options.ruleset as RulesetName) : undefined;
  const fixed = options.ruleset !== undefined && !named ? loadConfig(options.ruleset) : undefined;
  const finder = new ConfigFinder();
  const jobs: { file: string; config: LintConfig }[] = [];
  for (const file of await expandInputs(list(inputs))) {
    const found = finder.find(file);
    let config = fixed ?? (found ? finder.load(found) : builtinConfig(named));
    if (named) config = { ...config, ruleset: named };
    if (!isIgnored(config, file)) jobs.push({ file, config });
  }
  const refs = refOptions(
    jobs.map((j) => j.file),
    options,
  );
  const results: LintResult[] = [];
  for (const j of jobs) results.push(await lintFile(j.file, { config: j.config, ...refs }));
  return results;
}

export type DiffCallOptions = RefPolicy & Omit<DiffOptions, 'allowRemoteRefs' | 'refRoots'>;

/** `specgate diff <base> <revision>`: either may be a file or `rev:path` (read with git). */
export async function diff(base: string, revision: string, options: DiffCallOptions = {}): Promise<DiffResult> {
  const { allowRemoteRefs, allowRefOutside, ...rest } = options;
  return diffSpecs(base, revision, { ...rest, ...refOptions([base, revision], { allowRemoteRefs, allowRefOutside }) });
}

export interface GenerateCallOptions extends RefPolicy, GenerateOptions {
  /** Write the files into this folder, as `specgate generate --out` does; without it nothing is written. */
  out?: string;
  /** With `out`: write into a folder that holds files specgate did not write. */
  force?: boolean;
}

/**
 * `specgate generate`: the files for an AsyncAPI document, and with `out` the result of writing them.
 * An invalid contract rejects with an `InputError` that lists its first errors; `validate` says more.
 */
export async function generate(spec: string, options: GenerateCallOptions = {}): Promise<GenerateResult & { written?: WriteResult }> {
  const { allowRemoteRefs, allowRefOutside, out, force, ...generateOptions } = options;
  const result = await validateFile(spec, { keepModel: true, ...refOptions([spec], { allowRemoteRefs, allowRefOutside }) });
  if (result.fatal) throw result.fatal;
  if (!result.valid || !result.model) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new InputError(`not a valid contract (${errors.length} error${errors.length === 1 ? '' : 's'}; first: ${errors[0]?.message ?? 'unknown'})`, spec);
  }
  const generated = generateModel(result.model, generateOptions);
  if (out === undefined) return generated;
  const written = await writeOutput(out, generated.files, { force, inputs: [...result.model.workspace.files.keys()] });
  return { ...generated, written };
}
