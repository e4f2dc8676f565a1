// docs/rules.md and `specgate rules <id>`, rendered from the one registry, examples included.
import { RULESETS } from '../lint/types.js';
import { INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO } from '../report/index.js';
import type { DiffExample, DocExample, SystemExample } from '../model/rule-example.js';
import { registry, type DiffRule, type DocRule, type RegisteredRule, type SystemRuleEntry } from './index.js';

const fmt = (r: DocRule | SystemRuleEntry) => r.info.formats.map((f) => (f === 'asyncapi' ? 'AsyncAPI' : 'OpenAPI')).join(', ');
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/rules.md (scripts/rules-doc.mjs writes it; `specgate rules --format markdown` prints it). */
export function renderRulesMarkdown(): string {
  const rules = registry();
  const doc = rules.filter((r): r is DocRule | SystemRuleEntry => r.kind !== 'diff');
  const diff = rules.filter((r): r is DiffRule => r.kind === 'diff');
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated from the rule registry by scripts/rules-doc.mjs; do not edit by hand. -->',
    '',
    'Every id specgate reports, from one registry: `input-error`, the checks of `specgate validate`, the design',
    'rules of `specgate lint`, the system rules across documents (`lint` of two or more, see [system.md](system.md)),',
    'and the change rules of `specgate diff`. Each rule\'s examples below are its tests',
    '(test/rules/examples.test.ts runs them and compares the findings exactly); `specgate rules <id>` prints one.',
    '',
    '## Document rules',
    '',
    '`specgate lint` reports everything `specgate validate` does, plus the design rules below. Rulesets:',
    '`minimal` (broken contracts only), `recommended` (the default: design problems too; a well-designed',
    'document gets no warning), `strict` (also metadata: contact, licence, tags, descriptions everywhere).',
    'Configure them in `specgate.config.yaml` (see [lint.md](lint.md)). Where Spectral or Redocly have a rule',
    'with the same meaning, its name is listed, and a config that uses that name applies to our rule.',
    '',
    'Reports can also carry these ids of the engine itself; no config turns them off:',
    '',
    ...[INTERNAL_ERROR_RULE_INFO, UNKNOWN_IGNORE_RULE_INFO].map((r) => `- \`${r.id}\`: ${r.description}`),
    '',
    '| rule | kind | minimal | recommended | strict | formats | what it wants |',
    '|---|---|---|---|---|---|---|',
    ...doc.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.kind} | ${RULESETS.map((s) => r.info.severity[s]).join(' | ')} | ${fmt(r)} | ${cell(r.description)} |`),
    '',
    '## Change rules',
    '',
    'What `specgate diff` reports between two versions, with its level when the data is accepted by the',
    'described application (requests, received messages) and when it is emitted (responses, sent messages);',
    'see [diff.md](diff.md).',
    '',
    '| rule | area | accepted | emitted | what changed |',
    '|---|---|---|---|---|',
    ...diff.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.meta.area} | ${r.meta.levels.accept} | ${r.meta.levels.emit} | ${cell(r.description)} |`),
    '',
  ];
  for (const r of rules) out.push(renderRuleMarkdown(r));
  return out.join('\n');
}

/** One rule's section of docs/rules.md (`specgate rules <id> --format markdown` prints it alone). */
export function renderRuleMarkdown(r: RegisteredRule): string {
  const out = [`### ${r.id}`, '', r.description, ''];
  if (r.kind === 'diff') {
    out.push(`- Area: ${r.meta.area}`);
    out.push(r.meta.levels.accept === r.meta.levels.emit ? `- Level: \`${r.meta.levels.accept}\`` : `- Level: \`${r.meta.levels.accept}\` when accepted, \`${r.meta.levels.emit}\` when emitted`);
    if (r.meta.note) out.push(`- ${r.meta.note}`);
    out.push('');
    for (const ex of r.examples.filter((e) => e.expect.some((x) => x.rule === r.id))) out.push(...diffExampleMarkdown(ex, r.id));
    return out.join('\n');
  }
  out.push(r.docs, '');
  out.push(`- Kind: ${r.kind}${r.kind === 'validate' ? ' (checked by `specgate validate` and every lint)' : r.kind === 'system' ? ' (runs when `lint` reads two or more documents, and in `graph`)' : ''}`);
  out.push(`- Formats: ${fmt(r)}`);
  out.push(`- Severity: ${RULESETS.map((s) => `${s} \`${r.info.severity[s]}\``).join(', ')}`);
  if (r.info.equivalents.spectral.length) out.push(`- Spectral: ${r.info.equivalents.spectral.map((x) => `\`${x}\``).join(', ')}`);
  if (r.info.equivalents.redocly.length) out.push(`- Redocly: ${r.info.equivalents.redocly.map((x) => `\`${x}\``).join(', ')}`);
  for (const [k, o] of Object.entries(r.info.options)) out.push(`- Option \`${k}\`: ${o.description} Default: \`${JSON.stringify(o.default)}\`.`);
  out.push('');
  if (r.kind === 'system') for (const ex of r.examples) out.push(...systemExampleMarkdown(ex));
  else for (const ex of r.examples) out.push(...docExampleMarkdown(ex));
  return out.join('\n');
}

function docExampleMarkdown(ex: DocExample): string[] {
  const out = [`${ex.expect.length ? 'Flags' : 'Passes'}: ${ex.title}${ex.options ? ` (options \`${JSON.stringify(ex.options)}\`)` : ''}`, '', '```yaml', ex.doc.trimEnd(), '```', ''];
  for (const x of ex.expect) out.push(`- \`${x.range}\` ${x.message}`);
  if (ex.expect.length) out.push('');
  return out;
}

function systemExampleMarkdown(ex: SystemExample): string[] {
  const out = [`${ex.expect.length ? 'Flags' : 'Passes'}: ${ex.title}`, ''];
  for (const [file, text] of Object.entries(ex.docs)) out.push(`\`${file}\``, '', '```yaml', text.trimEnd(), '```', '');
  for (const x of ex.expect) out.push(`- \`${x.file}:${x.range}\` ${x.message}`);
  if (ex.expect.length) out.push('');
  return out;
}

function diffExampleMarkdown(ex: DiffExample, id: string): string[] {
  const out = [`Example: ${ex.title}${ex.mode ? ` (\`--mode ${ex.mode}\`)` : ''}`, '', '```diff', ...lineChanges(ex.base, ex.revision), '```', ''];
  for (const x of ex.expect.filter((x) => x.rule === id)) out.push(`- \`${x.level}\` at \`${x.at}\`: ${x.message}`);
  out.push('');
  return out;
}

/**
 * The lines that differ between two versions, with the unchanged lines around them: examples change one
 * spot, so trimming the common head and tail is the whole diff (no general line-diff library needed).
 */
export function lineChanges(base: string, revision: string): string[] {
  const a = base.trimEnd().split('\n');
  const b = revision.trimEnd().split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [
    ...a.slice(0, head).map((l) => `  ${l}`),
    ...a.slice(head, a.length - tail).map((l) => `- ${l}`),
    ...b.slice(head, b.length - tail).map((l) => `+ ${l}`),
    ...a.slice(a.length - tail).map((l) => `  ${l}`),
  ];
}

/** One rule in full, for a terminal: what `specgate rules <id>` prints. */
export function describeRule(r: RegisteredRule): string {
  const out = [r.id, '', r.description, ''];
  const field = (name: string, value: string) => out.push(`${(name + ':').padEnd(10)} ${value}`);
  if (r.kind === 'diff') {
    if (r.meta.note) out.push(r.meta.note, '');
    field('kind', 'diff (a change between two versions)');
    field('area', r.meta.area);
    field('level', r.meta.levels.accept === r.meta.levels.emit ? r.meta.levels.accept : `${r.meta.levels.accept} when accepted, ${r.meta.levels.emit} when emitted`);
    for (const ex of r.examples.filter((e) => e.expect.some((x) => x.rule === r.id))) {
      out.push('', `example: ${ex.title}${ex.mode ? ` (--mode ${ex.mode})` : ''}`, ...lineChanges(ex.base, ex.revision).map((l) => `    ${l}`));
      for (const x of ex.expect.filter((x) => x.rule === r.id)) out.push(`  -> ${x.at} ${x.level}: ${x.message}`);
    }
    return out.join('\n') + '\n';
  }
  out.push(r.docs, '');
  field('formats', fmt(r) + (r.kind === 'validate' ? ' (checked by `specgate validate` too)' : ''));
  field('severity', RULESETS.map((s) => `${s} ${r.info.severity[s]}`).join(', '));
  if (r.info.equivalents.spectral.length) field('Spectral', r.info.equivalents.spectral.join(', '));
  if (r.info.equivalents.redocly.length) field('Redocly', r.info.equivalents.redocly.join(', '));
  for (const [k, o] of Object.entries(r.info.options)) field('option', `${k}: ${o.description} (default: ${JSON.stringify(o.default)})`);
  if (r.kind === 'system')
    for (const ex of r.examples) {
      out.push('', `${ex.expect.length ? 'flags' : 'passes'}: ${ex.title}`);
      for (const [file, text] of Object.entries(ex.docs)) out.push(`  ${file}:`, ...text.trimEnd().split('\n').map((l) => `    ${l}`));
      for (const x of ex.expect) out.push(`  -> ${x.file}:${x.range} ${x.message}`);
    }
  else
    for (const ex of r.examples) {
      out.push('', `${ex.expect.length ? 'flags' : 'passes'}: ${ex.title}${ex.options ? ` (options ${JSON.stringify(ex.options)})` : ''}`, ...ex.doc.trimEnd().split('\n').map((l) => `    ${l}`));
      for (const x of ex.expect) out.push(`  -> ${x.range} ${x.message}`);
    }
  return out.join('\n') + '\n';
}
