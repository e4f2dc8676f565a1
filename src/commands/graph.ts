// Subpath imports: the package index loads every part of oclif (about 35 ms more at start-up).
import * as Args from '@oclif/core/args';
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { refFlags, refRunOptions } from './ref-flags.js';

export default class Graph extends Command {
  static override summary = 'Read a folder of specs as one system: who sends what to whom, and whether every consumer accepts it.';
  static override description = `Each document is one service (its id is the kebab-case of info.title, or info.x-specgate-service). A flow runs from a service that sends a message on an address to each service that receives it on a matching address ({parameters} match any segment value; protocols must agree where both declare servers); replies flow back to their requesters. The system rules run over the flows (see docs/system.md and \`specgate rules\`).

Formats: text (per service), json (stable; docs/system.md), mermaid, dot (Graphviz), html (one self-contained file).

Exit codes: 0 no system errors, 1 system errors found, 2 usage or input error (the other files are still drawn).`;
  static override examples = ['<%= config.bin %> graph specs/', '<%= config.bin %> graph services/ --format mermaid', '<%= config.bin %> graph services/ --format html -o system.html'];
  static override strict = false;
  static override args = { specs: Args.string({ description: 'spec files, directories, globs', required: true }) };
  static override flags = {
    format: Flags.string({ char: 'f', description: 'output format', options: ['text', 'json', 'mermaid', 'dot', 'html'], default: 'text' }),
    output: Flags.string({ char: 'o', description: 'write to this file instead of stdout' }),
    ...refFlags,
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Graph);
    const { runGraph } = await import('../cli/graph.js');
    process.exitCode = await runGraph(argv as string[], { format: flags.format as 'text', output: flags.output, ...refRunOptions(flags) });
  }
}
