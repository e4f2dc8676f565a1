// The one rule registry: every id specgate can report — input errors, validate's checks, lint's design
// rules and diff's change rules — with its docs and its examples. `specgate rules`, docs/rules.md and
// test/rules/examples.test.ts all read this list.
import { rules as diffRuleList, checks as diffChecks } from '../diff/registry.js';
import type { Level, RuleMeta } from '../diff/types.js';
import { ruleInfos } from '../lint/registry.js';
import { lintRules } from '../lint/rules/index.js';
import type { RuleInfo } from '../lint/types.js';
import type { DiffExample, DocExample, SystemExample } from '../model/rule-example.js';
import { systemRules } from '../system/rules/index.js';
import { INPUT_ERROR_RULE, INPUT_ERROR_RULE_INFO } from '../report/types.js';
import { semanticChecks } from '../validate/checks/index.js';
import { validateExamples } from '../validate/rule-examples.js';

export type RuleKind = 'input' | 'validate' | 'lint' | 'system' | 'diff';

/** A rule of a document (input, validate, lint): findings with a severity per lint ruleset. */
export interface DocRule {
  kind: 'input' | 'validate' | 'lint';
  id: string;
  description: string;
  docs: string;
  info: RuleInfo;
  examples: DocExample[];
}

/** A rule of `diff`: a change between two versions, with its level per direction of the data. */
export interface DiffRule {
  kind: 'diff';
  id: string;
  description: string;
  docs: string;
  meta: RuleMeta;
  /** Every example this rule fires in (whichever check holds it), then its own check's examples where none of its rules fires. */
  examples: DiffExample[];
  /** Every rule of the same check file (its examples are checked against all of them). */
  siblings: string[];
}

/** A rule over a set of documents (`lint` of two or more, `graph`): findings across services. */
export interface SystemRuleEntry {
  kind: 'system';
  id: string;
  description: string;
  docs: string;
  info: RuleInfo;
  examples: SystemExample[];
}

export type RegisteredRule = DocRule | SystemRuleEntry | DiffRule;

let cached: RegisteredRule[] | undefined;

/** Every rule: input, validate and lint rules in `specgate rules` order, then diff rules by id. */
export function registry(): RegisteredRule[] {
  if (cached) return cached;
  const own = new Map<string, DocExample[]>();
  for (const r of lintRules) own.set(r.id, r.examples());
  for (const c of semanticChecks) own.set(c.id, c.examples());
  for (const [id, ex] of Object.entries(validateExamples)) own.set(id, ex);
  const input: DocRule = {
    kind: 'input',
    id: INPUT_ERROR_RULE,
    description: INPUT_ERROR_RULE_INFO.description,
    docs: 'Reported in place of every other finding of a file that cannot be read, parsed or recognised: the rest of the run goes on, and the run exits 2.',
    info: {
      id: INPUT_ERROR_RULE,
      description: INPUT_ERROR_RULE_INFO.description,
      docs: '',
      formats: ['asyncapi', 'openapi'],
      severity: { minimal: 'error', recommended: 'error', strict: 'error' },
      equivalents: { spectral: [], redocly: [] },
      source: 'validate',
      options: {},
    },
    examples: own.get(INPUT_ERROR_RULE) ?? [],
  };
  const systemExamples = new Map(systemRules.map((r) => [r.id, r.examples()]));
  const doc: (DocRule | SystemRuleEntry)[] = ruleInfos().map((info) =>
    info.source === 'system'
      ? { kind: 'system', id: info.id, description: info.description, docs: info.docs, info, examples: systemExamples.get(info.id) ?? [] }
      : {
    kind: info.source,
    id: info.id,
    description: info.description,
    docs: info.docs,
    info,
    examples: own.get(info.id) ?? [],
  });
  const checkOf = new Map<string, (typeof diffChecks)[number]>();
  for (const c of diffChecks) for (const r of c.rules) checkOf.set(r.id, c);
  // An example belongs to every rule it fires, whichever check holds it (the schema documentation
  // check reports rules the documentation check declares).
  const firing = new Map<string, DiffExample[]>();
  for (const c of diffChecks)
    for (const e of c.examples?.() ?? [])
      for (const id of new Set(e.expect.map((x) => x.rule))) (firing.get(id) ?? firing.set(id, []).get(id)!).push(e);
  const diff: DiffRule[] = diffRuleList.map((meta) => {
    const check = checkOf.get(meta.id)!;
    const ex = check.examples?.() ?? [];
    const siblings = check.rules.map((r) => r.id);
    return {
      kind: 'diff',
      id: meta.id,
      description: meta.description,
      docs: [meta.description, meta.note ?? '', levelsText(meta.levels)].filter(Boolean).join(' '),
      meta,
      examples: [...(firing.get(meta.id) ?? []), ...ex.filter((e) => e.expect.length === 0)],
      siblings,
    };
  });
  cached = [input, ...doc, ...diff];
  return cached;
}


function levelsText(l: { accept: Level; emit: Level }): string {
  return l.accept === l.emit ? `Level: ${l.accept}.` : `Level: ${l.accept} when the data is accepted, ${l.emit} when it is emitted.`;
}
