// The command-line entry. scripts/bundle.mjs bundles it, with oclif and every module the commands load,
// into one script, dist/bundle/specgate.js, which bin/run.js compiles through V8's code cache. oclif
// finds the commands in COMMANDS (package.json `oclif.commands`, explicit strategy), so they come from
// this same bundle rather than from a second copy of oclif.
import Diff from '../commands/diff.js';
import Generate from '../commands/generate.js';
import Graph from '../commands/graph.js';
import Lint from '../commands/lint.js';
import New from '../commands/new.js';
import Rules from '../commands/rules.js';
import Validate from '../commands/validate.js';

export { run } from '@oclif/core/run';

export const COMMANDS = { diff: Diff, generate: Generate, graph: Graph, lint: Lint, new: New, rules: Rules, validate: Validate };
