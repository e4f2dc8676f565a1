#!/usr/bin/env node
// Writes docs/rules.md from the rule registry (the same one `specgate rules` prints). Run after `npm run build`:
//   node scripts/rules-doc.mjs          write docs/rules.md
//   node scripts/rules-doc.mjs --check  exit 1 when docs/rules.md is stale
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { renderRulesMarkdown } = await import(path.join(root, 'dist/rules/docs.js'));
const target = path.join(root, 'docs/rules.md');
const text = renderRulesMarkdown();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    process.stderr.write('docs/rules.md is stale: run node scripts/rules-doc.mjs\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
