// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { FORMATS } from '../report/index.js';
import { refFlags, refRunOptions } from './ref-flags.js';

export default class Validate extends Command {
  static override summary = 'Check that AsyncAPI 2.x/3.x and OpenAPI 3.0/3.1 documents are well formed.';
  static override description = `Validates each document against the official JSON Schema of its version and runs the checks no schema can express ($ref targets, operation channels and messages, reply addresses, channel and path parameters, correlation id expressions, security and server references, duplicate operationIds and path templates).

Inputs are files, directories (searched recursively for *.yaml, *.yml, *.json), glob patterns, or - for stdin.

Exit codes: 0 no errors, 1 errors found, 2 usage or input error.`;
  static override examples = [
    '<%= config.bin %> validate specs/',
    '<%= config.bin %> validate api/*.yaml --format sarif > specgate.sarif',
    'cat order.yaml | <%= config.bin %> validate -',
  ];
  static override strict = false;
  static override args = { specs: Args.string({ description: 'spec files, directories, globs, or - for stdin', required: true }) };
  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: [...FORMATS], default: 'stylish' }),
    output: Flags.string({ char: 'o', description: 'write the report to this file (atomically); stdout gets a one-line summary' }),
    'markdown-max-chars': Flags.integer({ description: 'longest --format markdown report, in characters (default 65536, a GitHub comment)', min: 1000 }),
    ...refFlags,
    quiet: Flags.boolean({ char: 'q', description: 'report errors only', default: false }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Validate);
    const { runValidate } = await import('../cli/validate.js');
    process.exitCode = await runValidate(argv as string[], {
      format: flags.format as 'stylish',
      ...refRunOptions(flags),
      quiet: flags.quiet,
      output: flags.output,
      maxChars: flags['markdown-max-chars'],
    });
  }
}
