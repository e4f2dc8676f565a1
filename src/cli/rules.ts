import { hint } from '../lint/config.js';
import { aliases } from '../lint/registry.js';
import { RULESETS } from '../lint/types.js';
import { describeRule, renderRuleMarkdown, renderRulesMarkdown } from '../rules/docs.js';
import { registry, type DocRule, type RegisteredRule } from '../rules/index.js';
import { EXIT, notice, writeStdout } from './output.js';

export type RulesFormat = 'table' | 'json' | 'markdown';

/** A rule in `--format json`: a document rule's severities and peers, or a diff rule's levels; examples for both. */
function toJson(r: RegisteredRule): Record<string, unknown> {
  if (r.kind === 'diff') {
    const { id, area, levels, description, note } = r.meta;
    return { id, kind: r.kind, area, levels, description, ...(note ? { note } : {}), examples: r.examples };
  }
  return { ...r.info, kind: r.kind, examples: r.examples };
}

/** `specgate rules [id]`: every rule from the registry (or the one named), as text, JSON or the Markdown of docs/rules.md. */
export async function runRules(format: RulesFormat = 'table', id?: string): Promise<number> {
  const rules = registry();
  if (id !== undefined) {
    const rule = rules.find((r) => r.id === id) ?? rules.find((r) => r.id === aliases().get(id));
    if (!rule) {
      notice(`specgate: rules: unknown rule \`${id}\`${hint(id, rules.map((r) => r.id))}; \`specgate rules\` lists them`);
      return EXIT.input;
    }
    await writeStdout(format === 'json' ? JSON.stringify({ rule: toJson(rule) }, null, 2) + '\n' : format === 'markdown' ? renderRuleMarkdown(rule) : describeRule(rule));
    return EXIT.ok;
  }
  if (format === 'json') {
    await writeStdout(JSON.stringify({ rules: rules.map(toJson) }, null, 2) + '\n');
    return 0;
  }
  if (format === 'markdown') {
    await writeStdout(renderRulesMarkdown());
    return 0;
  }
  const doc = rules.filter((r): r is DocRule => r.kind !== 'diff');
  const rows = doc.map((r) => [
    r.id,
    r.kind,
    RULESETS.map((s) => short(r.info.severity[s])).join(' '),
    r.info.formats.map((f) => (f === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI')).join('+'),
    r.description + peers(r.info.equivalents),
  ]);
  const diffRows = rules.flatMap((r) => (r.kind === 'diff' ? [[r.id, r.meta.area, r.meta.levels.accept === r.meta.levels.emit ? r.meta.levels.accept : `${r.meta.levels.accept} / ${r.meta.levels.emit}`, r.description]] : []));
  const table = (head: string[], body: string[][]) => {
    const w = head.slice(0, -1).map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i < w.length ? c.padEnd(w[i]) : c)).join('  ');
    return [line(head), ...body.map(line)];
  };
  const out = [
    ...table(['rule', 'kind', 'min rec strict', 'formats', 'why'], rows),
    '',
    'Severities per ruleset: E error, W warning, I info, H hint, - off. Kind `validate`: `specgate validate` reports it too.',
    '',
    ...table(['diff rule', 'area', 'level (accepted / emitted)', 'what changed'], diffRows),
    '',
    '`specgate rules <id>` shows a rule with its examples.',
  ];
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
