// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';

export default class Rules extends Command {
  static override summary = 'List every lint rule (id, severity per ruleset, formats, and why), or show one.';
  static override description = 'The same registry as docs/rules.md. Spectral and Redocly rules with the same meaning are named, and configs may use those names.';
  static override examples = ['<%= config.bin %> rules', '<%= config.bin %> rules --format json', '<%= config.bin %> rules info-contact'];
  static override args = { rule: Args.string({ description: 'a rule id (or its Spectral or Redocly name) to show in full' }) };
  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: ['table', 'json', 'markdown'], default: 'table' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Rules);
    const { runRules } = await import('../cli/rules.js');
    process.exitCode = await runRules(flags.format as 'table', args.rule);
  }
}
