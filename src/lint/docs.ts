import { INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO } from '../report/index.js';
import { ruleInfos } from './registry.js';
import { RULESETS, type RuleInfo } from './types.js';

/** docs/rules.md, made from the registry (scripts/rules-doc.mjs writes it; `specgate rules --format markdown` prints it). */
export function renderRulesMarkdown(): string {
  const rules = ruleInfos();
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rule registry by scripts/rules-doc.mjs; do not edit by hand. -->',
    '',
    '`specgate lint` reports everything `specgate validate` does, plus the design rules below. Rulesets:',
    '`minimal` (broken contracts only), `recommended` (the default: design problems too; a well-designed',
    'document gets no warning), `strict` (also metadata: contact, licence, tags, descriptions everywhere).',
    'Configure them in `specgate.config.yaml` (see [lint.md](lint.md)). Where Spectral or Redocly have a rule',
    'with the same meaning, its name is listed, and a config that uses that name applies to our rule.',
    '',
    'Reports can also carry these ids of the engine itself; no config turns them off:',
    '',
    ...[INPUT_ERROR_RULE_INFO, INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO].map((r) => `- \`${r.id}\`: ${r.description}`),
    '',
    '| rule | minimal | recommended | strict | formats | what it wants |',
    '|---|---|---|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id}) | ${RULESETS.map((s) => r.severity[s]).join(' | ')} | ${formats(r)} | ${r.description.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of rules) out.push(renderRuleMarkdown(r));
  return out.join('\n');
}

/** One rule's section of docs/rules.md (`specgate rules <id> --format markdown` prints it alone). */
export function renderRuleMarkdown(r: RuleInfo): string {
  const out = [`## ${r.id}`, '', r.description, '', r.docs, ''];
  out.push(`- Formats: ${formats(r)}${r.source === 'validate' ? ' (checked by `specgate validate` too)' : ''}`);
  out.push(`- Severity: ${RULESETS.map((s) => `${s} \`${r.severity[s]}\``).join(', ')}`);
  if (r.equivalents.spectral.length) out.push(`- Spectral: ${r.equivalents.spectral.map((x) => `\`${x}\``).join(', ')}`);
  if (r.equivalents.redocly.length) out.push(`- Redocly: ${r.equivalents.redocly.map((x) => `\`${x}\``).join(', ')}`);
  for (const [k, o] of Object.entries(r.options)) out.push(`- Option \`${k}\`: ${o.description} Default: \`${JSON.stringify(o.default)}\`.`);
  out.push('');
  return out.join('\n');
}

function formats(r: RuleInfo): string {
  return r.formats.map((f) => (f === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI')).join(', ');
}
