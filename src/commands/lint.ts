// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { FORMATS } from '../report/index.js';
import { refFlags, refRunOptions } from './ref-flags.js';

export default class Lint extends Command {
  static override summary = 'Check AsyncAPI and OpenAPI documents for design problems, on top of everything validate checks.';
  static override description = `Runs validate's checks, then design rules: messaging patterns (correlation ids on requests with replies, message id headers, commands on point-to-point and events on publish-subscribe channels, reply channels, partition keys, bindings vs server protocols, payloads and content types), versioning (semver info.version, major version in addresses), unused components, and HTTP rules (success and 4xx responses, bodies on GET/DELETE, idempotent PUT, examples valid against their schemas).

With two or more documents, the system rules run across them too (--no-system turns them off): every consumer accepts what its producers send, every received message has a producer, every request a replier, every command one handler.

Configuration comes from specgate.config.yaml (or .specgaterc.yaml), found from each spec's folder upward; see docs/lint.md. \`specgate rules\` lists every rule.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or more than --max-problems), 2 usage, input or config error.`;
  static override examples = [
    '<%= config.bin %> lint specs/',
    '<%= config.bin %> lint api/*.yaml --format sarif > specgate.sarif',
    '<%= config.bin %> lint specs/ --ruleset strict --fail-on warning',
    '<%= config.bin %> lint specs/ --baseline-write specgate-baseline.yaml',
    '<%= config.bin %> lint specs/ --baseline specgate-baseline.yaml --max-problems 0',
    '<%= config.bin %> lint specs/ --format codeclimate --output gl-code-quality-report.json',
    '<%= config.bin %> lint --init',
  ];
  static override strict = false;
  static override args = { specs: Args.string({ description: 'spec files, directories, globs, or - for stdin' }) };
  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: [...FORMATS], default: 'stylish' }),
    output: Flags.string({ char: 'o', description: 'write the report to this file (atomically); stdout gets a one-line summary' }),
    'markdown-max-chars': Flags.integer({ description: 'longest --format markdown report, in characters (default 65536, a GitHub comment)', min: 1000 }),
    'fail-on': Flags.string({ description: 'lowest severity that fails the run (exit 1)', options: ['error', 'warning', 'info'], default: 'error' }),
    ruleset: Flags.string({ char: 'r', description: 'minimal, recommended, strict, or a config file to use for every spec' }),
    init: Flags.boolean({ description: 'write a commented specgate.config.yaml here (never overwrites)', default: false }),
    ...refFlags,
    quiet: Flags.boolean({ char: 'q', description: 'report errors only', default: false }),
    system: Flags.boolean({ description: 'with two or more documents, also run the system rules across them (who sends what to whom; see docs/system.md)', default: true, allowNo: true }),
    'max-problems': Flags.integer({ description: 'exit 1 when more than this many findings of any severity are reported (after --baseline)', min: 0 }),
    baseline: Flags.string({ description: 'report only findings not recorded in this baseline file (see docs/lint.md)', exclusive: ['baseline-write'] }),
    'baseline-write': Flags.string({ description: 'record the current findings in this baseline file and exit 0', exclusive: ['baseline'] }),
    jobs: Flags.integer({ char: 'j', description: 'worker threads for many files (default: one per core when there are more than a handful; 0: none)', min: 0 }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Lint);
    const { runInit, runLint } = await import('../cli/lint.js');
    if (flags.init) {
      process.exitCode = runInit();
      return;
    }
    if (argv.length === 0) this.error('give at least one spec file, directory or glob (or --init)', { exit: 2 });
    process.exitCode = await runLint(argv as string[], {
      format: flags.format as 'stylish',
      failOn: flags['fail-on'] as 'error',
      ruleset: flags.ruleset,
      ...refRunOptions(flags),
      quiet: flags.quiet,
      output: flags.output,
      maxChars: flags['markdown-max-chars'],
      workers: flags.jobs,
      system: flags.system,
      baseline: flags.baseline,
      maxProblems: flags['max-problems'],
      baselineWrite: flags['baseline-write'],
    });
  }
}
