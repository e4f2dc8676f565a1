#!/usr/bin/env node
// Rewrite the rules table in docs/diff.md from the diff check registry (src/diff/registry.ts).
//   node scripts/diff-docs.mjs          write it
//   node scripts/diff-docs.mjs --check  exit 1 when the file is out of date
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const code = `
import { readFileSync, writeFileSync } from 'node:fs';
import { withRules } from './src/diff/rules-doc.ts';
const file = 'docs/diff.md';
const now = readFileSync(file, 'utf8');
const next = withRules(now);
if (process.argv.includes('--check')) { if (now !== next) { console.error('docs/diff.md rules table is out of date: node scripts/diff-docs.mjs'); process.exit(1); } }
else if (now !== next) { writeFileSync(file, next); console.error('docs/diff.md: rules table updated'); }
`;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, '--', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
