// Shared harness for the bench/ scripts: whole-process wall time of specgate and of the tools
// users compare it with ("anchors"), measured side by side in one run, printed as a Markdown table.
//
// Progress goes to stderr, the table to stdout, so `node bench/validate.mjs > table.md` keeps
// only what README needs.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, '..');
export const ANCHORS_DIR = path.join(BENCH_DIR, 'anchors');
export const CORPUS = process.env.SPECGATE_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus');
/** The specgate entry point; SPECGATE_BIN=/path/to/run.js measures another build. */
export const SPECGATE_BIN = process.env.SPECGATE_BIN ? path.resolve(process.env.SPECGATE_BIN) : path.join(ROOT, 'bin', 'run.js');
/**
 * SPECGATE_BASELINE=/path/to/run.js adds a row for that build beside every specgate row, taking turns
 * with it: a before/after of a change measured in one run, as the anchors are.
 */
export const BASELINE_BIN = process.env.SPECGATE_BASELINE ? path.resolve(process.env.SPECGATE_BASELINE) : undefined;
const BASELINE = 'specgate-baseline';

/** Per-run limit: a tool that takes longer is reported as timed out, not waited for forever. */
const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Environment shared by every measured process: no colours, no prompts, no metrics, no update checks.
 * CI=true is what makes the AsyncAPI CLI skip its metrics; its analytics file is kept inside
 * bench/anchors instead of the user's home.
 */
export const QUIET_ENV = {
  CI: 'true',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  SUPPRESS_NO_CONFIG_WARNING: '1',
  ASYNCAPI_METRICS_CONFIG_PATH: path.join(ANCHORS_DIR, '.asyncapi-analytics'),
};

// ---------------------------------------------------------------------------------------------
// Command line

/**
 * Flags common to every bench script:
 *   --runs N   measured runs per case (default 5, plus 1 warm-up run)
 *   --quick    1 run, no warm-up
 *   --full     also run the slow cases (minutes each)
 *   --json F   also write the raw results to F
 *   --only RE  run only the tasks whose title matches RE (a slow row can then be run on its own)
 */
export function parseFlags(argv = process.argv.slice(2)) {
  const flags = { runs: 5, warmup: 1, quick: false, full: false, json: undefined, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') flags.quick = true;
    else if (a === '--full') flags.full = true;
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) usage(`--runs needs a positive integer, got ${v}`);
      flags.runs = n;
    } else if (a === '--json' || a.startsWith('--json=')) {
      flags.json = a.includes('=') ? a.slice(7) : argv[++i];
      if (!flags.json) usage('--json needs a file name');
    } else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (!v) usage('--only needs a pattern');
      try {
        flags.only = new RegExp(v, 'i');
      } catch (e) {
        usage(`--only: ${e.message}`);
      }
    } else if (a === '--help' || a === '-h') usage();
    else usage(`unknown flag ${a}`);
  }
  if (flags.quick) {
    flags.runs = 1;
    flags.warmup = 0;
  }
  return flags;
}

function usage(error) {
  const text =
    'usage: node bench/<script>.mjs [--runs N] [--quick] [--full] [--json FILE] [--only REGEX]\n' +
    '  --runs N   measured runs per case (default 5, after 1 warm-up run)\n' +
    '  --quick    1 run, no warm-up\n' +
    '  --full     include the slow cases (minutes each)\n' +
    '  --json F   also write raw results as JSON to F\n';
  if (error) {
    process.stderr.write(`${error}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

export function progress(message) {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Running and timing

/**
 * GNU time, when installed (Debian package `time`), also gives each run's CPU time (user + system),
 * which moves much less than wall time when other work shares the machine. Without it the CPU
 * column stays empty.
 */
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));
let cpuDir;

/**
 * Run one process to completion. Resolves with exit code, signal, wall ms, CPU ms (when GNU time is
 * there) and captured output. Wall time is taken from just before spawn to the 'close' event
 * (process exited, pipes drained).
 */
export function runOnce(cmd, args, { env, cwd, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    let timedOut = false;
    let cpuFile;
    let argv = [cmd, ...args];
    if (GNU_TIME) {
      cpuDir ??= mkdtempSync(path.join(os.tmpdir(), 'specgate-bench-'));
      cpuFile = path.join(cpuDir, 'cpu');
      argv = [GNU_TIME, '-f', '%U %S', '-o', cpuFile, ...argv];
    }
    const start = process.hrtime.bigint();
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), {
        cwd,
        env: { ...process.env, ...QUIET_ENV, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // own process group, so a timeout ends the tool and not only GNU time
      });
    } catch (error) {
      resolve({ code: null, signal: null, ms: 0, stdout: '', stderr: String(error), spawnError: String(error) });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let spawnError;
    child.on('error', (e) => {
      spawnError = String(e);
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      const cpu = cpuFile ? readCpu(cpuFile) : undefined;
      // GNU time reports a tool killed by a signal as exit 128+N and says so in its file.
      if (cpu?.signal) {
        code = null;
        signal = cpu.signal;
      }
      resolve({
        code,
        signal,
        ms,
        cpuMs: cpu?.ms,
        timedOut,
        spawnError,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

function readCpu(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
    rmSync(file);
  } catch {
    return undefined;
  }
  const sig = text.match(/terminated by signal (\d+)/);
  const m = text.match(/^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/m);
  return {
    ms: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined,
    signal: sig ? (Object.entries(os.constants.signals).find(([, n]) => n === Number(sig[1]))?.[0] ?? `signal ${sig[1]}`) : undefined,
  };
}

/** A Node stack trace line: a crash even when the exit code looks like "findings". */
const STACK_LINE = /^\s+at (?:.+ \()?(?:file:\/\/|node:|\/).+:\d+:\d+\)?$/m;

/**
 * Judge one run. Returns undefined when it is acceptable, otherwise a short reason.
 * expectExit: a number or an array of numbers; a non-zero one counts only when the output has a
 * summary line with a count ("2 problems", "907 errors", "22 breaking").
 * expectOutput: optional RegExp that stdout+stderr must match (proves the tool finished its work).
 */
export function judge(run, { expectExit = 0, expectOutput, allowStack = false } = {}) {
  if (run.spawnError) return `could not start: ${run.spawnError}`;
  if (run.timedOut) return 'timed out';
  if (run.signal) return `killed by ${run.signal}`;
  const allowed = Array.isArray(expectExit) ? expectExit : [expectExit];
  const text = run.stdout + run.stderr;
  if (!allowed.includes(run.code)) {
    return `exit ${run.code} (expected ${allowed.join(' or ')}): ${firstLine(run.stderr || run.stdout)}`;
  }
  if (!allowStack && STACK_LINE.test(text)) return `crashed: ${errorLine(text)}`;
  // An exit code other than 0 is accepted only as "found problems": the tool must say how many,
  // or the run may have been an early error that merely shares the exit code.
  if (run.code !== 0 && !summaryLine(run)) {
    return `exit ${run.code} without a count of problems or changes: ${firstLine(run.stderr || run.stdout)}`;
  }
  if (expectOutput && !expectOutput.test(text)) {
    return `output does not match ${expectOutput}: ${firstLine(run.stderr || run.stdout)}`;
  }
  return undefined;
}

/** The line that names the error in a crash report ("TypeError: x is undefined"). */
function errorLine(text) {
  const line = text.split('\n').find((l) => /^\s*(?:›\s*)?(?:Uncaught )?\w*(?:Error|Exception)\b.*:/.test(l));
  return line ? firstLine(line) : firstLine(text);
}

/** The line where a tool counts what it found: "✖ 2 problems (2 errors, 0 warnings) in 1 file". */
function summaryLine(run) {
  const lines = (run.stdout + '\n' + run.stderr).split('\n').filter((l) => /\b\d+ (?:problems?|errors?|breaking)\b/.test(l));
  // Tools print one count per file or per severity: the one with errors in it says the most.
  const line = (lines.find((l) => /\b[1-9]\d* errors?\b/.test(l)) ?? lines.at(-1))
    ?.replace(/^[^\p{L}\p{N}]+/u, '')
    .trim()
    .replace(/\.$/, '');
  return line && line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

function firstLine(text) {
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !/^WARNING: /.test(l) && !/^[╔║╚]/.test(l)) ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs of one command series (one process per command, times summed; usually a series of one), taken
 * one at a time so that the tools of a task can take turns: `await s.run()` until `s.done`, then
 * `s.result()`: { status: 'ok', median, min, max, runs, times, cpuMedian, cpuTimes, exitCodes, last } or
 * { status: 'failed', reason, runs, last }. Times are wall ms; cpu* are user+system ms (undefined
 * without GNU time).
 */
export class Series {
  constructor(commands, opts = {}) {
    this.commands = commands;
    this.opts = opts;
    this.runs = opts.runs ?? 5;
    this.warmup = opts.warmup ?? 1;
    this.label = opts.label ?? commands[0]?.[0] ?? '';
    this.times = [];
    this.cpuTimes = [];
    this.exitCodes = new Set();
    this.summaries = {};
    this.taken = 0;
    this.failure = undefined;
    this.last = undefined;
  }

  get done() {
    return this.failure !== undefined || this.taken >= this.warmup + this.runs;
  }

  async run() {
    const i = this.taken++;
    const isWarmup = i < this.warmup;
    let total = 0;
    let cpu = 0;
    for (const [index, [cmd, args, perCommand]] of this.commands.entries()) {
      const run = await runOnce(cmd, args, this.opts);
      this.last = run;
      const reason = judge(run, { ...this.opts, ...perCommand });
      if (reason) {
        progress(`  ${this.label}: ${isWarmup ? 'warm-up' : `run ${i - this.warmup + 1}`} failed: ${reason}`);
        this.failure = { status: 'failed', reason, runs: i - this.warmup + 1, last: run };
        return;
      }
      this.exitCodes.add(run.code);
      if (run.code !== 0) {
        this.summaries[run.code] ??= { summary: summaryLine(run), file: args.at(-1), commands: new Set() };
        this.summaries[run.code].commands.add(index);
      }
      total += run.ms;
      cpu = cpu === undefined || run.cpuMs === undefined ? undefined : cpu + run.cpuMs;
    }
    if (isWarmup) {
      progress(`  ${this.label}: warm-up ${fmtMs(total)}`);
    } else {
      this.times.push(total);
      this.cpuTimes.push(cpu);
      const cpuText = cpu === undefined ? '' : ` (CPU ${fmtMs(cpu)})`;
      progress(`  ${this.label}: run ${i - this.warmup + 1}/${this.runs} ${fmtMs(total)}${cpuText}`);
    }
  }

  result() {
    if (this.failure) return this.failure;
    const { times, cpuTimes } = this;
    return {
      status: 'ok',
      median: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      runs: times.length,
      times,
      cpuMedian: cpuTimes.includes(undefined) ? undefined : median(cpuTimes),
      cpuTimes,
      exitCodes: [...this.exitCodes].sort(),
      summaries: Object.fromEntries(
        Object.entries(this.summaries).map(([code, s]) => [code, { summary: s.summary, file: s.file, count: s.commands.size }]),
      ),
      commands: this.commands.length,
      last: this.last,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The tools

/** Path of an anchor's executable, or undefined when bench/setup.sh has not been run. */
export function anchorBin(name) {
  const p = path.join(ANCHORS_DIR, 'node_modules', '.bin', name);
  return existsSync(p) ? p : undefined;
}

/** Installed version of an anchor package, e.g. anchorVersion('@redocly/cli'). */
export function anchorVersion(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(ANCHORS_DIR, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

export const ANCHOR_PACKAGES = {
  asyncapi: '@asyncapi/cli',
  redocly: '@redocly/cli',
  spectral: '@stoplight/spectral-cli',
};

export const SPECTRAL_OAS_RULESET = path.join(ANCHORS_DIR, '.spectral-oas.yaml');
export const SPECTRAL_ASYNCAPI_RULESET = path.join(ANCHORS_DIR, '.spectral-asyncapi.yaml');

/** oclif (and our own guard) for a command the CLI does not have. */
// oclif wraps long messages, so "command diff:/very/long/path not found" may span lines.
const UNKNOWN_COMMAND = /\bcommand\b[\s\S]{0,400}?\bnot found\b|unknown command|is not a specgate command/i;

/**
 * Run one case: a row of the table.
 * tool: 'specgate' | 'asyncapi' | 'redocly' | 'spectral' | other anchor bin name
 * commands: [[args, perCommandOpts?], ...] for the tool (a series), or args for a single command
 * opts: measure options plus { note, skip }
 */
/**
 * One row of a table: the case's runs, ready to be taken (`series`), and `finish(result)` to make the
 * row; or the row itself when the case cannot run (skipped, not built, not installed).
 */
function prepareCase(task, tool, commandArgs, opts = {}) {
  const flags = opts.flags ?? { runs: 5, warmup: 1 };
  const series = Array.isArray(commandArgs[0]) ? commandArgs : [[commandArgs]];
  const display = opts.display ?? [tool, ...series[0][0].filter((a) => !path.isAbsolute(a))].join(' ');
  const row = { task, tool, display, notes: opts.note ? [opts.note] : [] };
  if (opts.skip) return { row: { ...row, status: 'skipped', reason: opts.skip } };

  for (const [args] of series) {
    for (const a of args) {
      if (path.isAbsolute(a) && !existsSync(a)) return { row: { ...row, status: 'skipped', reason: `file missing: ${a}` } };
    }
  }

  let cmd;
  let prefix = [];
  let cwd;
  if (tool === 'specgate' || tool === BASELINE) {
    const bin = tool === BASELINE ? BASELINE_BIN : SPECGATE_BIN;
    if (!existsSync(bin)) return { row: { ...row, status: 'not-built', reason: `specgate not built (${bin} missing)` } };
    cmd = process.execPath;
    prefix = [bin];
    cwd = ROOT;
  } else {
    cmd = anchorBin(tool);
    if (!cmd) return { row: { ...row, status: 'not-installed', reason: `${tool} not installed: run bash bench/setup.sh` } };
    cwd = ANCHORS_DIR;
  }

  const runs = new Series(
    series.map(([args, per]) => [cmd, [...prefix, ...args], per]),
    { runs: flags.runs, warmup: flags.warmup, cwd, label: tool, ...opts },
  );
  const finish = (result) => {
    if (result.status === 'failed' && (tool === 'specgate' || tool === BASELINE) && result.last?.code === 2) {
      const text = result.last.stdout + result.last.stderr;
      if (UNKNOWN_COMMAND.test(text)) {
        return { ...row, status: 'not-available', reason: `not available yet (\`specgate ${series[0][0][0]}\`)` };
      }
    }
    const { last, ...rest } = result;
    // A run that ends with "found problems" is complete and counts, but the table says so.
    for (const [code, { summary, file, count }] of Object.entries(result.summaries ?? {})) {
      const where = result.commands > 1 ? ` on ${count} of ${result.commands} files (${path.basename(file)})` : '';
      row.notes.push(`\`${display}\` exits ${code}${where}${summary ? `: ${summary}` : ''}; the run is complete and counted.`);
    }
    return { ...row, ...rest };
  };
  return { row, series: runs, finish, display };
}

/**
 * Runs the cases of one task (every tool on the same input) taking turns: warm-ups first, then one run
 * of each tool per round, in alternating order. The machine's speed drifts over a minute; tools measured
 * one after another would each catch a different part of the drift, and their ratio with it.
 */
async function runInterleaved(cases) {
  const live = cases.filter((c) => c.series);
  if (live.length) progress(`${live[0].row.task} — ${live.map((c) => c.display).join(', ')}, taking turns`);
  for (const c of live) while (c.series.taken < c.series.warmup && !c.series.done) await c.series.run();
  for (let round = 0; live.some((c) => !c.series.done); round++) {
    for (const c of round % 2 ? [...live].reverse() : live) if (!c.series.done) await c.series.run();
  }
  return cases.map((c) => (c.series ? c.finish(c.series.result()) : c.row));
}

/**
 * `const add = caseAdder(rows, flags); await add(task, tool, args, opts)` adds one row; the cases of a
 * task run together when the next task starts, or at `await add.flush()` (before the report).
 */
export function caseAdder(rows, flags) {
  let batch = [];
  const flush = async () => {
    const pending = batch;
    batch = [];
    if (pending.length) rows.push(...(await runInterleaved(pending)));
  };
  const add = async (task, tool, args, opts = {}) => {
    if (flags.only && !flags.only.test(task)) return;
    if (batch.length && batch[0].row.task !== task) await flush();
    batch.push(prepareCase(task, tool, args, { flags, ...opts }));
    if (tool === 'specgate' && BASELINE_BIN) {
      const display = `${opts.display ?? batch.at(-1).row.display} (baseline build)`;
      batch.push(prepareCase(task, BASELINE, args, { flags, ...opts, display }));
    }
  };
  add.flush = flush;
  return add;
}

// Each anchor has to show it did the work: a line it prints only after reading the whole document.
export const ASYNCAPI_VALID = { expectExit: 0, expectOutput: /is valid/ };
// redocly lint exits 1 when its `recommended` ruleset finds errors (Stripe and GitHub have hundreds);
// the run is complete when it prints "validated in N ms".
export const REDOCLY_DONE = { expectExit: [0, 1], expectOutput: /validated in \d+ms/ };
export const REDOCLY_LINT_NOTE = 'redocly lint runs its default `recommended` ruleset.';
// spectral lint exits 1 when a rule reports an error; it is complete when it prints its summary.
export const SPECTRAL_DONE = { expectExit: [0, 1], expectOutput: /\d+ problems? \(|No results with a severity/ };

// ---------------------------------------------------------------------------------------------
// Output

export function fmtMs(ms) {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

function fmtRatio(r) {
  return r >= 10 ? r.toFixed(0) : r >= 1.95 ? r.toFixed(1) : r.toFixed(2);
}

/**
 * How many times slower (or faster) `row` is than specgate on the same task.
 * Returns the ratio other/specgate, or undefined if either has no number.
 */
export function ratioToSpecgate(rows, row) {
  const base = rows.find((r) => r.task === row.task && r.tool === 'specgate' && r.status === 'ok');
  if (!base || row.status !== 'ok') return undefined;
  return row.median / base.median;
}

function statusText(row) {
  switch (row.status) {
    case 'failed':
      return `**failed**: ${row.reason}`;
    case 'not-built':
      return 'specgate not built';
    case 'not-available':
      return 'not available yet';
    case 'not-installed':
      return 'not installed (bash bench/setup.sh)';
    case 'skipped':
      return `skipped: ${row.reason}`;
    default:
      return row.reason ?? row.status;
  }
}

const escapeCell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * Markdown table: task | tool | median | min | max | CPU | runs | relative (median wall time).
 * Rows that produced no number say why in the median column. Notes become numbered footnotes.
 */
export function table(rows, { footer = [] } = {}) {
  const lines = [
    '| task | tool | median | min | max | CPU | runs | relative to specgate |',
    '|---|---|--:|--:|--:|--:|--:|---|',
  ];
  const notes = [];
  for (const row of rows) {
    let tool = `\`${row.display}\``;
    for (const note of row.notes ?? []) {
      if (!notes.includes(note)) notes.push(note);
      tool += ` [${notes.indexOf(note) + 1}]`;
    }
    let cells;
    if (row.status === 'ok') {
      let relative;
      if (row.tool === 'specgate') relative = 'baseline';
      else {
        const r = ratioToSpecgate(rows, row);
        relative = r === undefined ? '–' : r >= 1 ? `${fmtRatio(r)}× slower` : `${fmtRatio(1 / r)}× faster`;
      }
      const cpu = row.cpuMedian === undefined ? '–' : fmtMs(row.cpuMedian);
      cells = [fmtMs(row.median), fmtMs(row.min), fmtMs(row.max), cpu, String(row.runs), relative];
    } else {
      cells = [statusText(row), '–', '–', '–', row.runs ? String(row.runs) : '–', '–'];
    }
    lines.push(`| ${[row.task, tool, ...cells].map(escapeCell).join(' | ')} |`);
  }
  const out = [lines.join('\n')];
  if (notes.length) out.push(notes.map((n, i) => `[${i + 1}] ${n}`).join('  \n'));
  if (footer.length) out.push(footer.join('  \n'));
  out.push(machineLine());
  return `${out.join('\n\n')}\n`;
}

/**
 * A target line for the footer: "specgate validate ≥10× faster than asyncapi validate: 12× — met".
 * times: the required factor (specgate must be `times`× faster than the anchor row).
 */
export function targetLine(rows, { task, anchor, times, text }) {
  const spec = rows.find((r) => r.task === task && r.tool === 'specgate');
  const other = rows.find((r) => r.task === task && r.tool === anchor);
  let verdict;
  if (!spec || spec.status !== 'ok') verdict = `not measured (specgate: ${spec ? statusText(spec) : 'no row'})`;
  else if (!other || other.status !== 'ok') verdict = `not measured (${anchor}: ${other ? statusText(other) : 'no row'})`;
  else {
    const r = other.median / spec.median;
    const cpu = spec.cpuMedian && other.cpuMedian ? ` (CPU time ${fmtRatio(other.cpuMedian / spec.cpuMedian)}×)` : '';
    verdict = `measured ${fmtRatio(r)}×${cpu} — ${r >= times ? 'met' : '**not met**'}`;
  }
  return `Target: ${text}: ${verdict}.`;
}

/** A target on specgate's own time: "`specgate --help` < 200 ms: 143 ms — met". */
export function budgetLine(rows, { task, ms, text }) {
  const spec = rows.find((r) => r.task === task && r.tool === 'specgate');
  let verdict;
  if (!spec || spec.status !== 'ok') verdict = `not measured (${spec ? statusText(spec) : 'no row'})`;
  else verdict = `measured ${fmtMs(spec.median)} — ${spec.median < ms ? 'met' : '**not met**'}`;
  return `Target: ${text}: ${verdict}.`;
}

export function machineLine() {
  const cpus = os.cpus();
  const versions = Object.entries(ANCHOR_PACKAGES)
    .map(([, pkg]) => (anchorVersion(pkg) ? `${pkg} ${anchorVersion(pkg)}` : undefined))
    .filter(Boolean)
    .join(', ');
  return (
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.type()} ${os.arch()}, ` +
    `${os.availableParallelism?.() ?? cpus.length} CPUs (${cpus[0]?.model?.trim() ?? 'unknown'}), ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}` +
    (versions ? `; ${versions}` : '') +
    '. Whole-process wall time, median of the measured runs after a warm-up run' +
    (GNU_TIME ? '; CPU = median user+system time of the process and its children.' : '.')
  );
}

/** Print the table to stdout and, with --json, the raw rows to a file. */
export function report(rows, flags, options) {
  process.stdout.write(table(rows, options));
  if (flags.json) {
    writeFileSync(flags.json, `${JSON.stringify({ machine: machineLine(), rows }, null, 2)}\n`);
    progress(`raw results written to ${flags.json}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Corpus helpers

/** The AsyncAPI version a document declares, read from its first lines without parsing it. */
export function declaredAsyncapiVersion(file) {
  const head = readFileSync(file, 'utf8').slice(0, 4000);
  const m = head.match(/^\s*"?asyncapi"?\s*:\s*["']?(\d+\.\d+\.\d+)/m);
  return m?.[1];
}

/** Every file under dir (recursive) whose name matches re. */
export function filesUnder(dir, re) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p, re));
    else if (re.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** The largest AsyncAPI 3.0.x document in the real-world corpus (history included). */
export function largestAsyncapi3() {
  let best;
  for (const f of filesUnder(path.join(CORPUS, 'asyncapi', 'real-world'), /\.(ya?ml|json)$/)) {
    const v = declaredAsyncapiVersion(f);
    if (!v?.startsWith('3.0.')) continue;
    const size = statSync(f).size;
    if (!best || size > best.size) best = { file: f, size };
  }
  return best;
}

export const LARGE = path.join(CORPUS, 'openapi', 'large');
export const STRIPE_OLD = path.join(LARGE, 'stripe-spec3-2023-06-09-40626f02.yaml');
export const STRIPE = path.join(LARGE, 'stripe-spec3-2023-09-12-63a67463.yaml');
export const GITHUB_OLD = path.join(LARGE, 'github-api.github.com-octokit-openapi-22.0.0.json');
export const GITHUB = path.join(LARGE, 'github-api.github.com-octokit-openapi-23.0.2.json');

/** File size as people say it: "234 KB", "4.2 MB"; "missing" when the file is not there. */
export function size(file) {
  if (!existsSync(file)) return 'missing';
  const bytes = statSync(file).size;
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1000)} KB`;
}

/** mulberry32: a small seeded generator, so generated inputs are the same on every run and machine. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
