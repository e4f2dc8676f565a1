// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { refFlags, refRunOptions } from './ref-flags.js';

export default class Diff extends Command {
  static override summary = 'Find breaking changes between two versions of an AsyncAPI or OpenAPI document, and the semver bump they need.';
  static override description = `Compares the base and the revision as resolved models (refactors such as moving a schema into components or renaming a path parameter are silent) and rates every change by the direction its data flows: data the API accepts (requests, messages it receives) breaks when the new schema accepts less; data it emits (responses, messages it sends, replies) breaks when old readers may get something they cannot handle.

Either side may be a git revision (rev:path). With --base <git-ref>, every spec under the given folders is compared with that revision, and added or removed specs are reported too.

Levels: breaking (major), warning and non-breaking (minor), patch. Below 1.0.0 a breaking change needs a minor bump. Rules: specgate diff --list-checks; policy and rules: docs/diff.md.

Exit codes: 0 nothing at or above --fail-on, 1 changes at or above it (or --check-version failed), 2 usage or input error.`;
  static override examples = [
    '<%= config.bin %> diff old.yaml new.yaml',
    '<%= config.bin %> diff origin/main:specs/order.yaml specs/order.yaml --format markdown',
    '<%= config.bin %> diff --base origin/main specs/ --fail-on warning',
    '<%= config.bin %> diff old.yaml new.yaml --format next-version',
    '<%= config.bin %> diff old.yaml new.yaml --format markdown --output diff-comment.md',
    '<%= config.bin %> diff old.yaml new.yaml --check-version --accept accepted-changes.yaml',
    '<%= config.bin %> diff specs/orders.yaml --mode backward_transitive --history history/',
  ];
  static override strict = false;
  static override args = {
    base: Args.string({ description: 'base spec (file or rev:path); with --base, folders or files to compare' }),
    revision: Args.string({ description: 'revision spec (file or rev:path)' }),
  };
  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: ['text', 'json', 'markdown', 'github', 'next-version'], default: 'text' }),
    output: Flags.string({ char: 'o', description: 'write the report to this file (atomically); stdout gets a one-line summary' }),
    'fail-on': Flags.string({ description: 'exit 1 when a change reaches this level', options: ['breaking', 'warning', 'minor', 'patch', 'none'], default: 'breaking' }),
    'check-version': Flags.boolean({ description: 'exit 1 when info.version moved less than the changes require', default: false }),
    accept: Flags.string({ description: 'YAML list of accepted changes: {fingerprint, reason}' }),
    mode: Flags.string({
      description: 'compatibility direction: auto (by data flow), backward, forward, full; *_transitive: against every version in --history',
      options: ['auto', 'backward', 'forward', 'full', 'backward_transitive', 'forward_transitive', 'full_transitive'],
      default: 'auto',
    }),
    history: Flags.string({ description: 'earlier versions of the revision spec (a folder, or a git range A..B: the file at each commit that changed it): compare with the latest, or with a *_transitive mode every one' }),
    extensions: Flags.string({ description: 'x- extension changes: report as patch, or ignore', options: ['patch', 'ignore'], default: 'patch' }),
    base: Flags.string({ description: 'compare the given folders with this git revision' }),
    'max-bytes': Flags.integer({ description: 'markdown: leave out the least important changes to stay under this size (default 65536, a pull-request comment; 0: no limit)', min: 0 }),
    'list-checks': Flags.boolean({ description: 'print every diff rule with its levels and exit', default: false }),
    ...refFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Diff);
    const { runDiff, listChecks } = await import('../cli/diff.js');
    if (flags['list-checks']) {
      process.exitCode = await listChecks(flags.format as 'text');
      return;
    }
    process.exitCode = await runDiff(argv as string[], {
      format: flags.format as 'text',
      failOn: flags['fail-on'] as 'breaking',
      checkVersion: flags['check-version'],
      accept: flags.accept,
      mode: flags.mode as 'auto',
      history: flags.history,
      extensions: flags.extensions as 'patch',
      baseRef: flags.base,
      maxBytes: flags['max-bytes'],
      output: flags.output,
      ...refRunOptions(flags),
    });
  }
}
