// The command-line entry. scripts/bundle.mjs bundles it, with oclif and the modules every run needs,
// into dist/bundle/specgate.js: loading one file instead of about 180 modules saves some 70 ms at each
// start. oclif finds the commands in COMMANDS (package.json `oclif.commands`, explicit strategy), so
// they come from this same bundle rather than from a second copy of oclif.
import Diff from '../commands/diff.js';
import Generate from '../commands/generate.js';
import Lint from '../commands/lint.js';
import New from '../commands/new.js';
import Rules from '../commands/rules.js';
import Validate from '../commands/validate.js';

export { run } from '@oclif/core/run';

export const COMMANDS = { diff: Diff, generate: Generate, lint: Lint, new: New, rules: Rules, validate: Validate };
