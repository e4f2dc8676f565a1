import { validateRules } from '../validate/index.js';
import { systemRules } from '../system/rules/index.js';
import { lintRules } from './rules/index.js';
import type { LintRule, RuleInfo, RuleSeverity, RulesetName } from './types.js';

/** Peers' names for the checks `validate` runs (every lint runs them too). */
const VALIDATE_EQUIVALENTS: Record<string, { spectral?: string[]; redocly?: string[] }> = {
  'asyncapi-schema': { spectral: ['asyncapi-schema'] },
  'openapi-schema': { spectral: ['oas3-schema'], redocly: ['struct'] },
  'unresolved-ref': { redocly: ['no-unresolved-refs'] },
  'duplicate-id': { spectral: ['operation-operationId-unique'], redocly: ['operation-operationId-unique'] },
  'path-parameters': { spectral: ['path-params'], redocly: ['path-parameters-defined'] },
  'duplicate-path': { redocly: ['no-identical-paths'] },
  'security-refs': { spectral: ['oas3-operation-security-defined'], redocly: ['security-defined'] },
  'server-refs': {},
  'server-variables': { spectral: ['oas3-server-variables'], redocly: ['no-undefined-server-variable'] },
  'unique-tags': { spectral: ['openapi-tags-uniqueness', 'asyncapi-tags-uniqueness'], redocly: ['no-duplicated-tag-names'] },
  'channel-address': { spectral: ['asyncapi-channel-no-query-nor-fragment'] },
};

const ALWAYS_ERROR: Record<RulesetName, RuleSeverity> = { minimal: 'error', recommended: 'error', strict: 'error' };

let cached: RuleInfo[] | undefined;

/** Every rule `lint` can report: validate's checks first, then the design rules. */
export function ruleInfos(): RuleInfo[] {
  if (cached) return cached;
  const validateRule = (id: string, description: string, formats: RuleInfo['formats']): RuleInfo => ({
    id,
    description,
    docs: 'Checked by `specgate validate` as well; every lint runs it. A document that fails it is not a valid contract.',
    formats,
    severity: ALWAYS_ERROR,
    equivalents: { spectral: VALIDATE_EQUIVALENTS[id]?.spectral ?? [], redocly: VALIDATE_EQUIVALENTS[id]?.redocly ?? [] },
    source: 'validate',
    options: {},
  });
  cached = [
    ...validateRules.map((r) => validateRule(r.id, r.description, [...r.formats])),
    ...lintRules.map(toInfo),
    ...systemRules.map((r): RuleInfo => ({
      id: r.id,
      description: r.description,
      docs: r.docs,
      formats: ['asyncapi'],
      severity: r.severity,
      equivalents: { spectral: [], redocly: [] },
      source: 'system',
      options: {},
    })),
  ];
  return cached;
}

function toInfo(r: LintRule): RuleInfo {
  return {
    id: r.id,
    description: r.description,
    docs: r.docs,
    formats: r.formats,
    severity: r.severity,
    equivalents: { spectral: r.equivalents?.spectral ?? [], redocly: r.equivalents?.redocly ?? [] },
    source: 'lint',
    options: Object.fromEntries(Object.entries(r.options ?? {}).map(([k, o]) => [k, { description: o.description, default: o.default }])),
  };
}

/** Spectral and Redocly rule names that mean the same as one of ours → our id (configs migrate as they are). */
export function aliases(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ruleInfos()) for (const name of [...r.equivalents.spectral, ...r.equivalents.redocly]) if (name !== r.id && !out.has(name)) out.set(name, r.id);
  return out;
}

export function lintRuleById(id: string): LintRule | undefined {
  return lintRules.find((r) => r.id === id);
}
