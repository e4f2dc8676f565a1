import { hint } from '../lint/config.js';
import { renderRuleMarkdown, renderRulesMarkdown } from '../lint/docs.js';
import { aliases, ruleInfos } from '../lint/registry.js';
import { RULESETS, type RuleInfo } from '../lint/types.js';
import { EXIT, notice, writeStdout } from './output.js';

export type RulesFormat = 'table' | 'json' | 'markdown';

/** `specgate rules [id]`: every rule from the registry (or the one named), as text, JSON or the Markdown of docs/rules.md. */
export async function runRules(format: RulesFormat = 'table', id?: string): Promise<number> {
  const rules = ruleInfos();
  if (id !== undefined) {
    const rule = rules.find((r) => r.id === id) ?? rules.find((r) => r.id === aliases().get(id));
    if (!rule) {
      notice(`specgate: rules: unknown rule \`${id}\`${hint(id, rules.map((r) => r.id))}; \`specgate rules\` lists them`);
      return EXIT.input;
    }
    await writeStdout(format === 'json' ? JSON.stringify({ rule }, null, 2) + '\n' : format === 'markdown' ? renderRuleMarkdown(rule) : describe(rule));
    return EXIT.ok;
  }
  if (format === 'json') {
    await writeStdout(JSON.stringify({ rules }, null, 2) + '\n');
    return 0;
  }
  if (format === 'markdown') {
    await writeStdout(renderRulesMarkdown());
    return 0;
  }
  const rows = rules.map((r) => [
    r.id,
    RULESETS.map((s) => short(r.severity[s])).join(' '),
    r.formats.map((f) => (f === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI')).join('+'),
    r.description + peers(r.equivalents),
  ]);
  const head = ['rule', 'min rec strict', 'formats', 'why'];
  const w = [0, 1, 2].map((i) => Math.max(head[i].length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(w[i]) : c)).join('  ');
  const out = [line(head), ...rows.map(line), '', 'Severities per ruleset: E error, W warning, I info, H hint, - off. Rules marked validate run in `specgate validate` too.'];
  await writeStdout(out.join('\n') + '\n');
  return 0;
}

/** One rule in full, for a terminal. */
function describe(r: RuleInfo): string {
  const out = [r.id, '', r.description, '', r.docs, ''];
  const field = (name: string, value: string) => out.push(`${(name + ':').padEnd(10)} ${value}`);
  field('formats', r.formats.map((f) => (f === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI')).join(', ') + (r.source === 'validate' ? ' (checked by `specgate validate` too)' : ''));
  field('severity', RULESETS.map((s) => `${s} ${r.severity[s]}`).join(', '));
  if (r.equivalents.spectral.length) field('Spectral', r.equivalents.spectral.join(', '));
  if (r.equivalents.redocly.length) field('Redocly', r.equivalents.redocly.join(', '));
  for (const [k, o] of Object.entries(r.options)) field('option', `${k}: ${o.description} (default: ${JSON.stringify(o.default)})`);
  return out.join('\n') + '\n';
}

function short(s: string): string {
  return s === 'off' ? '-' : s[0].toUpperCase();
}

function peers(e: { spectral: string[]; redocly: string[] }): string {
  const parts = [];
  if (e.spectral.length) parts.push(`Spectral: ${e.spectral.join(', ')}`);
  if (e.redocly.length) parts.push(`Redocly: ${e.redocly.join(', ')}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}
