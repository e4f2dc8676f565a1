// Every rule's examples are its tests: each inline document (or pair of versions for a diff rule) is run
// through the engine the user runs, and the rule's findings must be exactly the listed ones (message and
// range, or level, message and place; for a system rule, a set of documents and the file of each finding). The registry also must give every rule a failing and a passing case.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded, wholeSpec } from '../../src/diff/index.js';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { openDocument } from '../../src/model/open.js';
import type { DiffExample, DocExample, SystemExample } from '../../src/model/rule-example.js';
import { registry, type DiffRule, type DocRule, type SystemRuleEntry } from '../../src/rules/index.js';
import { checkSystem } from '../../src/system/index.js';
import { sideFromText } from '../diff/helpers.js';

const rules = registry();
const range = (d: { range?: { start: { line: number; column: number }; end: { line: number; column: number } } }) =>
  d.range ? `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}` : '-';

async function docFindings(rule: DocRule, ex: DocExample) {
  const config = builtinConfig('strict');
  // Each lint rule runs in its own example whatever the rulesets say, with the example's options.
  if (rule.kind === 'lint') config.rules.set(rule.id, { severity: 'warning', options: ex.options ?? {} });
  const file = /^\s*[{[]/.test(ex.doc) ? 'example.json' : 'example.yaml';
  const { report } = await lintFile(file, { config, text: ex.doc });
  return report.diagnostics.filter((d) => d.rule === rule.id).map((d) => ({ message: d.message, range: range(d) }));
}

/** A system rule's findings over the example's documents, read as one set (the rule on, every other off). */
async function systemFindings(rule: SystemRuleEntry, ex: SystemExample) {
  const models = [];
  for (const [file, text] of Object.entries(ex.docs)) models.push((await openDocument(file, { text })).model!);
  const { diagnostics } = await checkSystem(models, (d) => (d.rule === rule.id ? 'warning' : 'off'));
  return diagnostics.map((d) => ({ file: d.file, range: range(d), message: d.message }));
}

const diffed = new Map<DiffExample, Promise<{ rule: string; level: string; message: string; at: string }[]>>();
function diffFindings(ex: DiffExample) {
  if (!diffed.has(ex))
    diffed.set(
      ex,
      (async () => {
        // An absent side: the document was added or removed, as a folder comparison reports it.
        const result =
          ex.base === '' || ex.revision === ''
            ? wholeSpec(ex.base === '' ? 'spec-added' : 'spec-removed', 'base.yaml', 'revision.yaml', (await sideFromText('doc.yaml', ex.base || ex.revision)).model)
            : await diffLoaded(await sideFromText('base.yaml', ex.base), await sideFromText('revision.yaml', ex.revision), ex.mode ? { mode: ex.mode } : {});
        return result.changes.map((c) => {
          const p = c.revision ?? c.base;
          return { rule: c.id, level: c.level, message: c.message, at: p ? `${p.line}:${p.column}` : '-' };
        });
      })(),
    );
  return diffed.get(ex)!;
}

test('every document rule has a document it flags and one it passes', () => {
  const missing = rules
    .filter((r): r is DocRule | SystemRuleEntry => r.kind !== 'diff')
    .filter((r) => !r.examples.some((e) => e.expect.length) || !r.examples.some((e) => !e.expect.length))
    .map((r) => r.id);
  assert.equal(missing, []);
});

test('every diff rule fires in an example, and its check has one where none of its rules fires', () => {
  const missing = rules
    .filter((r): r is DiffRule => r.kind === 'diff')
    .filter((r) => !r.examples.some((e) => e.expect.some((x) => x.rule === r.id)) || !r.examples.some((e) => !e.expect.length))
    .map((r) => r.id);
  assert.equal(missing, []);
});

for (const rule of rules) {
  if (rule.kind === 'diff') {
    for (const ex of rule.examples) {
      // A check's examples are shared by its rules; run each once, under the first of them it names. A check
      // may report another check's rule (a library parameter's `required`): the rules an example names count too.
      const siblings = new Set([...rule.siblings, ...ex.expect.map((x) => x.rule)]);
      const owner = ex.expect.find((x) => rule.siblings.includes(x.rule))?.rule ?? rule.siblings[0];
      if (owner !== rule.id) continue;
      test(`${rule.id}: ${ex.title}`, async () => {
        const got = (await diffFindings(ex)).filter((c) => siblings.has(c.rule));
        assert.equal(got, ex.expect);
      });
    }
    continue;
  }
  if (rule.kind === 'system') {
    for (const ex of rule.examples)
      test(`${rule.id}: ${ex.title}`, async () => {
        assert.equal(await systemFindings(rule, ex), ex.expect);
      });
    continue;
  }
  for (const ex of rule.examples)
    test(`${rule.id}: ${ex.title}`, async () => {
      assert.equal(await docFindings(rule, ex), ex.expect);
    });
}

test.run();
