import { existsSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../load/errors.js';
import { expandInputs, STDIN } from '../load/read.js';
import { severityRank, type Severity } from '../model/diagnostic.js';
import { colorWanted } from '../report/color.js';
import { formatReport, INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO, type Format, type RuleInfo } from '../report/index.js';
import { builtinConfig, CONFIG_NAMES, ConfigFinder, hint, isIgnored, loadConfig, type LintConfig } from '../lint/config.js';
import type { LintResult } from '../lint/engine.js';
import { STARTER_CONFIG } from '../lint/init.js';
import { lintInPool, poolSize } from '../lint/pool.js';
import { ruleInfos } from '../lint/registry.js';
import { RULESETS, type RulesetName } from '../lint/types.js';
import { applyBaseline, formatBaseline, readBaseline } from '../lint/baseline.js';
import { emitReport, EXIT, notice, toolVersion, writeFileAtomic } from './output.js';
import { refOptions, type RefFlags } from '../load/scope.js';

export interface LintRunOptions extends RefFlags {
  format: Format;
  failOn?: 'error' | 'warning' | 'info';
  /** `minimal`, `recommended`, `strict`, or a config file used for every spec instead of the found ones. */
  ruleset?: string;
  quiet?: boolean;
  /** Worker threads: undefined = decide by the number of files, 0 = never. */
  workers?: number;
  /** The system rules over two or more documents (`--no-system`: off). */
  system?: boolean;
  /** Write the report to this file; stdout gets one summary line. */
  output?: string;
  /** Longest markdown report, in characters. */
  maxChars?: number;
  /** Exit 1 when more findings than this (any severity, after the baseline) are reported. */
  maxProblems?: number;
  /** Report only findings not recorded in this baseline file. */
  baseline?: string;
  /** Record the current findings in this baseline file instead of reporting them. */
  baselineWrite?: string;
}

/** `specgate lint --init`: write a commented starter config in `dir`; refuse to overwrite one. */
export function runInit(dir = process.cwd()): number {
  const existing = CONFIG_NAMES.map((n) => path.join(dir, n)).find((f) => existsSync(f));
  if (existing) {
    notice(`specgate: ${path.relative(process.cwd(), existing) || existing}: a config already exists; not overwriting it`);
    return EXIT.input;
  }
  const file = path.join(dir, CONFIG_NAMES[0]);
  writeFileSync(file, STARTER_CONFIG);
  notice(`wrote ${path.relative(process.cwd(), file) || file}`);
  return EXIT.ok;
}

/** `specgate lint`: returns the exit code. */
export async function runLint(inputs: string[], options: LintRunOptions): Promise<number> {
  const started = Date.now();
  let files: string[];
  const configs: (string | undefined)[] = [];
  let fixed: LintConfig | undefined;
  let fixedFile: string | undefined;
  let ruleset: RulesetName | undefined;
  let refs;
  let recorded: Map<string, number> | undefined;
  try {
    if (options.baseline !== undefined && options.baselineWrite !== undefined) throw new InputError('give either --baseline or --baseline-write, not both');
    if (options.baseline !== undefined) recorded = await readBaseline(options.baseline);
    if (options.ruleset !== undefined) {
      if ((RULESETS as readonly string[]).includes(options.ruleset)) ruleset = options.ruleset as RulesetName;
      else if (/\.ya?ml$/.test(options.ruleset) || existsSync(options.ruleset)) {
        fixed = loadConfig(options.ruleset);
        fixedFile = options.ruleset;
      } else throw new InputError(`unknown ruleset \`${options.ruleset}\`${hint(options.ruleset, [...RULESETS])}; use minimal, recommended, strict or a config file`, '--ruleset');
    }
    const finder = new ConfigFinder();
    files = [];
    for (const f of await expandInputs(inputs)) {
      const configFile = fixedFile ?? finder.find(f);
      const config = fixed ?? (configFile ? finder.load(configFile) : builtinConfig());
      if (isIgnored(config, f)) continue;
      files.push(f);
      configs.push(configFile);
    }
    refs = refOptions(files, options);
  } catch (e) {
    if (e instanceof InputError) {
      notice(`specgate: ${e.toLine()}`);
      return EXIT.input;
    }
    throw e;
  }

  const progress = makeProgress(files.length, started);
  let results: LintResult[];
  const size = options.workers ?? poolSize(files.length, await totalBytes(files));
  const finder = new ConfigFinder();
  const configFor = (i: number): LintConfig => {
    let c = fixed ?? (configs[i] ? finder.load(configs[i]!) : builtinConfig(ruleset));
    if (ruleset) c = { ...c, ruleset };
    return c;
  };
  // Loaded here, not at the top: `--help` and config errors never need the engine.
  const { lintFile } = await import('../lint/engine.js');
  const system = options.system !== false && files.length >= 2;
  if (size > 1 && !files.includes(STDIN)) {
    results = await lintInPool(
      files.map((file, i) => ({ file, configFile: configs[i], ruleset, refs })),
      size,
      progress.update,
      (i) => lintFile(files[i], { config: configFor(i), ...refs }),
    );
  } else {
    results = [];
    for (let i = 0; i < files.length; i++) {
      results.push(await lintFile(files[i], { config: configFor(i), ...refs, keepModel: system }));
      progress.update(i + 1);
    }
  }
  progress.end();
  if (system) {
    const { lintSystem } = await import('../lint/system.js');
    const { openDocument } = await import('../model/open.js');
    const members = [];
    for (let i = 0; i < files.length; i++) {
      const r = results[i];
      if (r.fatal) continue;
      // Workers keep their models; a pooled run (large inputs only) opens the documents here once more.
      const model = r.model ?? (await openDocument(files[i], refs).then((d) => d.model, () => undefined));
      if (model) members.push({ file: files[i], config: configFor(i), model, report: r.report });
      delete r.model;
    }
    await lintSystem(members);
  }

  let all = results.map((r) => r.report);
  const fatal = results.some((r) => r.fatal);
  // A run with unreadable files would record too little and then report the rest as new: nothing is written.
  if (options.baselineWrite !== undefined && !fatal) {
    const { text, findings } = await formatBaseline(all, options.baselineWrite);
    try {
      writeFileAtomic(options.baselineWrite, text);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      notice(`specgate: ${e.toLine()}`);
      return EXIT.input;
    }
    notice(`wrote ${options.baselineWrite}: ${findings} ${findings === 1 ? 'finding' : 'findings'}`);
    return EXIT.ok;
  }
  let baselineNote: string | undefined;
  if (recorded && options.baseline !== undefined) {
    const b = applyBaseline(all, recorded, options.baseline);
    all = b.reports;
    baselineNote = `baseline ${options.baseline}: ${b.known} recorded ${b.known === 1 ? 'finding' : 'findings'} left out, ${b.fixed} fixed (no longer found)`;
  }

  const reports = results.map((r, i) => (options.quiet && !r.fatal ? { ...all[i], diagnostics: all[i].diagnostics.filter((d) => d.severity === 'error') } : all[i]));
  const hidden: Partial<Record<Severity, number>> = {};
  results.forEach((r, i) => {
    if (!options.quiet || r.fatal) return;
    for (const d of all[i].diagnostics) if (d.severity !== 'error') hidden[d.severity] = (hidden[d.severity] ?? 0) + 1;
  });
  const out = await formatReport(options.format, reports, {
    hidden,
    toolVersion: toolVersion(),
    color: options.output === undefined && colorWanted(),
    command: 'lint',
    maxChars: options.maxChars,
    rules: reportRules(files.length ? files.map((_, i) => configFor(i)) : [builtinConfig(ruleset)]),
  });
  try {
    await emitReport(out, reports, options.output);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notice(`specgate: ${e.toLine()}`);
    return EXIT.input;
  }
  if (baselineNote) notice(`specgate: ${baselineNote}`);
  if (options.baselineWrite !== undefined) notice(`specgate: ${options.baselineWrite} not written: some files could not be read`);
  if (fatal) return EXIT.input;
  const problems = all.reduce((n, r) => n + r.diagnostics.length, 0);
  if (options.maxProblems !== undefined && problems > options.maxProblems) {
    notice(`specgate: ${problems} ${problems === 1 ? 'problem' : 'problems'}, more than --max-problems ${options.maxProblems}`);
    return EXIT.findings;
  }
  const threshold = severityRank[options.failOn ?? 'error'];
  return all.some((r) => r.diagnostics.some((d) => severityRank[d.severity as Severity] >= threshold)) ? EXIT.findings : EXIT.ok;
}

/**
 * What SARIF says of each rule: built-in rules at the level the first file's config gives them, and the
 * custom rules of every Spectral ruleset in use, with their description and where they are defined.
 */
function reportRules(configs: LintConfig[]): RuleInfo[] {
  const first = configs[0];
  const builtin = ruleInfos().map((r): RuleInfo => ({ id: r.id, description: r.description, severity: first.rules.get(r.id)?.severity ?? r.severity[first.ruleset] }));
  const seen = new Set(builtin.map((r) => r.id));
  const custom: RuleInfo[] = [];
  for (const c of configs) {
    for (const r of c.spectral?.rules ?? []) {
      if (seen.has(r.name)) continue;
      seen.add(r.name);
      const where = c.file ? ` of ${path.relative(process.cwd(), c.file) || c.file}` : '';
      const then = r.then.map((t) => (t.field ? `${t.function} on \`${t.field}\`` : t.function)).join(', ');
      custom.push({
        id: r.name,
        description: r.description ?? `Custom Spectral rule${where}`,
        severity: c.rules.get(r.name)?.severity ?? r.severity,
        help: `${r.name}: a custom rule of the Spectral ruleset${where}: given ${r.given.map((g) => `\`${g}\``).join(', ')}, then ${then}`,
      });
    }
  }
  return [...builtin, ...custom, INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO];
}

async function totalBytes(files: string[]): Promise<number> {
  let sum = 0;
  for (const f of files) if (f !== STDIN) sum += await stat(f).then((s) => s.size, () => 0);
  return sum;
}

/** `linting 57/200` on stderr, only on a terminal and only once the run has taken more than a second. */
function makeProgress(total: number, started: number) {
  const tty = process.stderr.isTTY === true && total > 1;
  let shown = false;
  let done = 0;
  const show = () => {
    shown = true;
    process.stderr.write(`\rlinting ${done}/${total}`);
  };
  const timer = tty ? setTimeout(show, Math.max(0, 1000 - (Date.now() - started))) : undefined;
  timer?.unref();
  return {
    update(n: number) {
      done = n;
      if (tty && Date.now() - started >= 1000) show();
    },
    end() {
      if (timer) clearTimeout(timer);
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
