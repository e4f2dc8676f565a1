import { renderRulesMarkdown } from '../lint/docs.js';
import { ruleInfos } from '../lint/registry.js';
import { RULESETS } from '../lint/types.js';
import { writeStdout } from './output.js';

export type RulesFormat = 'table' | 'json' | 'markdown';

/** `specgate rules`: every rule from the registry, as a table, JSON or the Markdown of docs/rules.md. */
export async function runRules(format: RulesFormat = 'table'): Promise<number> {
  const rules = ruleInfos();
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

function short(s: string): string {
  return s === 'off' ? '-' : s[0].toUpperCase();
}

function peers(e: { spectral: string[]; redocly: string[] }): string {
  const parts = [];
  if (e.spectral.length) parts.push(`Spectral: ${e.spectral.join(', ')}`);
  if (e.redocly.length) parts.push(`Redocly: ${e.redocly.join(', ')}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}
