import type { Unchecked } from '../example-validator.js';
import type { LintRule } from '../types.js';
import { checkExamples } from './example-valid.js';

const HELP: Record<Unchecked, string> = {
  pattern: 'write the pattern without lookahead or backreferences (a character class or an alternation often does it)',
  cycle: 'let the schema reach into the value before it refers to itself (through `properties` or `items`)',
  'too-complex': 'simplify the schema or the example',
};

export const exampleCheckable: LintRule = {
  id: 'example-checkable',
  description: 'Every example can be checked against its schema.',
  docs:
    'specgate checks examples (rule `example-valid`) with bounded work, because a spec may come from anyone: ' +
    'patterns run on a linear-time engine (RE2), and each example may take a fixed number of steps. This rule ' +
    'reports the examples that got no verdict and why: a pattern with lookahead or backreferences (which only a ' +
    'backtracking engine runs, in time that can grow exponentially), a schema that refers back to itself for ' +
    'the same value, or an example too complex to check. Such an example may be right or wrong; rewrite the ' +
    'pattern without lookaround (often a character class or an alternation does it) or simplify the schema.',
  formats: ['asyncapi', 'openapi'],
  severity: { minimal: 'info', recommended: 'info', strict: 'warning' },
  examples: () => [
    {
      title: 'a pattern with lookahead',
      doc: `asyncapi: 3.0.0
info:
  title: Accounts
  version: 1.0.0
channels:
  passwordChanged:
    address: accounts.password-changed
    messages:
      PasswordChanged:
        payload:
          type: object
          properties:
            hint: { type: string, pattern: '^(?=.*[0-9]).{8,}$' }
        examples:
          - payload: { hint: abcdefg1 }
`,
      expect: [
        {
          message: 'payload of example 0 of message `PasswordChanged` was not checked against its schema at `/hint`: pattern `^(?=.*[0-9]).{8,}$` cannot run in linear time (lookahead needs backtracking)',
          range: '15:24-15:38',
        },
      ],
    },
    {
      title: 'the same rule written as a linear-time pattern',
      doc: `asyncapi: 3.0.0
info:
  title: Accounts
  version: 1.0.0
channels:
  passwordChanged:
    address: accounts.password-changed
    messages:
      PasswordChanged:
        payload:
          type: object
          properties:
            hint: { type: string, pattern: '^.*[0-9].*$', minLength: 8 }
        examples:
          - payload: { hint: abcdefg1 }
`,
      expect: [],
    },
  ],
  async run({ model }, report) {
    for (const o of await checkExamples(model))
      if (o.problem.unchecked) report(o.at, `${o.label} was not checked against its schema${o.where}: ${o.problem.message}`, HELP[o.problem.unchecked]);
  },
};
