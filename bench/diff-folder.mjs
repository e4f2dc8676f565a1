#!/usr/bin/env node
// `specgate diff --base main specs/` over a generated git folder of many specs sharing a few libraries:
// every library's changes are judged by the specs that `$ref` it, so this measures that lookup at scale.
// No anchor: no other diff tool compares a folder against a git revision.
//
//   node bench/diff-folder.mjs [--runs N] [--quick] [--json FILE] [--specs N] [--libraries N]
//   SPECGATE_BASELINE=/path/to/run.js node bench/diff-folder.mjs     # before/after of a change

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { caseAdder, parseFlags, progress, report } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SPECS = arg('--specs', 400);
const LIBRARIES = arg('--libraries', 8);
const OPS = 10;
// parseFlags reads only the flags it knows; ours are dropped from argv first.
for (const f of ['--specs', '--libraries']) {
  const i = process.argv.indexOf(f);
  if (i >= 0) process.argv.splice(i, 2);
}
const flags = parseFlags();

/** A library of 20 schemas; `edited` changes one limit in each, so every library has changes to place. */
const library = (k, edited) => {
  const schemas = Array.from({ length: 20 }, (_, i) => `    S${i}: { type: object, required: [id], properties: { id: { type: string, maxLength: ${edited ? 40 : 20} }, next: { $ref: '#/components/schemas/S${(i + 1) % 20}' } } }`);
  return `openapi: 3.1.0\ninfo: { title: Lib ${k}, version: 1.0.0 }\ncomponents:\n  schemas:\n${schemas.join('\n')}\n`;
};
/** A service spec whose operations take and return schemas of two libraries. */
const spec = (n) => {
  const a = n % LIBRARIES;
  const b = (n + 1) % LIBRARIES;
  const ops = Array.from({ length: OPS }, (_, i) => `  /r${i}:
    post:
      requestBody: { content: { application/json: { schema: { $ref: './lib/lib${a}.yaml#/components/schemas/S${i}' } } } }
      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: './lib/lib${b}.yaml#/components/schemas/S${i + 5}' } } } } }`);
  return `openapi: 3.1.0\ninfo: { title: Service ${n}, version: 1.0.0 }\npaths:\n${ops.join('\n')}\n`;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-bench-folder-'));
try {
  progress(`generating ${SPECS} specs and ${LIBRARIES} libraries in ${dir}`);
  mkdirSync(path.join(dir, 'specs', 'lib'), { recursive: true });
  for (let k = 0; k < LIBRARIES; k++) writeFileSync(path.join(dir, 'specs', 'lib', `lib${k}.yaml`), library(k, false));
  for (let n = 0; n < SPECS; n++) writeFileSync(path.join(dir, 'specs', `service${n}.yaml`), spec(n));
  const git = (...a) => execFileSync('git', a, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  for (let k = 0; k < LIBRARIES; k++) writeFileSync(path.join(dir, 'specs', 'lib', `lib${k}.yaml`), library(k, true));

  const rows = [];
  const add = caseAdder(rows, flags);
  // Exit 1: the raised limits break the responses that return them.
  await add(`diff --base main over ${SPECS} specs × ${OPS} operations sharing ${LIBRARIES} libraries`, 'specgate', ['diff', '--base', 'main', 'specs'], { expectExit: [0, 1], cwd: dir, display: 'specgate diff --base main specs' });
  await add.flush();
  report(rows, flags);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
