import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rules, checks } from '../../src/diff/registry.js';
import { withRules } from '../../src/diff/rules-doc.js';
import { FIXTURES, fixture, runDiffCommand as run } from './helpers.js';

const A2 = [fixture('asyncapi2/base.yaml'), fixture('asyncapi2/revision.yaml')];
const OA = [fixture('openapi/base.yaml'), fixture('openapi/revision.yaml')];

test('json: the documented shape', async () => {
  const { code, out } = await run(A2);
  assert.is(code, 1);
  const j = JSON.parse(out);
  assert.equal(Object.keys(j), ['base', 'revision', 'bump', 'changes', 'versionCheck']);
  assert.equal(j.base, { file: A2[0], version: '0.4.0' });
  assert.equal(j.revision, { file: A2[1], version: '0.5.0' });
  assert.is(j.bump, 'minor');
  assert.equal(Object.keys(j.changes[0]), ['id', 'level', 'bump', 'message', 'operation', 'channel', 'direction', 'base', 'revision', 'fingerprint']);
  assert.equal(j.changes[0].base, { pointer: '/channels/customer.commands/publish/message/payload/properties/email/maxLength', file: A2[0], line: 22, column: 15 });
  assert.equal(j.versionCheck, { declared: '0.5.0', required: '0.5.0', ok: true, message: 'info.version 0.5.0 satisfies the minor bump (at least 0.5.0)' });
});

test('exit codes: --fail-on, --check-version, input errors', async () => {
  assert.is((await run(A2, { failOn: 'none' })).code, 0);
  assert.is((await run([fixture('refactor/base.yaml'), fixture('refactor/revision.yaml')], { failOn: 'patch' })).code, 0);
  assert.is((await run(A2, { failOn: 'none', checkVersion: true })).code, 0);
  const v = await run(OA, { failOn: 'none', checkVersion: true, format: 'text' });
  assert.is(v.code, 1);
  assert.match(v.out, '✘ info.version is 2.1.0, but the changes need a major bump: at least 3.0.0');
  const missing = await run([fixture('nope.yaml'), OA[1]]);
  assert.is(missing.code, 2);
  assert.match(missing.err, 'nope.yaml: no such file');
  assert.is((await run([OA[0]])).code, 2);
  const mixed = await run([OA[0], A2[0]]);
  assert.is(mixed.code, 2);
  assert.match(mixed.err, 'cannot compare an OpenAPI document with an AsyncAPI one');
  // Only warnings and below: breaking passes, warning fails.
  const warn = [fixture('asyncapi3/base.yaml'), fixture('asyncapi3/base.yaml')];
  assert.is((await run(warn, { failOn: 'patch' })).code, 0);
});

test('next-version: the base version moved by the bump', async () => {
  assert.is((await run(OA, { format: 'next-version', failOn: 'none' })).out, '3.0.0\n');
  assert.is((await run(A2, { format: 'next-version', failOn: 'none' })).out, '0.5.0\n');
  assert.is((await run([OA[0], OA[0]], { format: 'next-version' })).out, '2.0.0\n');
});

test('markdown: summary table first, breaking first; github: one annotation per change', async () => {
  const md = (await run(OA, { format: 'markdown', failOn: 'none' })).out;
  const lines = md.split('\n');
  assert.is(lines[0], `### API changes: \`${OA[1]}\``);
  assert.is(lines[2], '`2.0.0` → `2.1.0`: **major bump required**');
  assert.equal(lines.slice(4, 9), ['| level | changes | bump |', '|---|---:|---|', '| 🔴 breaking | 9 | major |', '| 🟠 warning | 1 | minor |', '| 🟢 non-breaking | 2 | minor |']);
  assert.ok(md.indexOf('#### Breaking changes (9)') < md.indexOf('#### Warnings (1)'));
  const gh = (await run(OA, { format: 'github', failOn: 'none' })).out.trim().split('\n');
  assert.is(gh.length, 12);
  assert.is(gh[0], `::error file=${OA[0]},line=70,col=5,title=operation-removed (breaking%2C major)::Operation \`DELETE /orders/{orderId}\` was removed.`);
  assert.ok(gh.every((l) => /^::(error|warning|notice) /.test(l)));
});

test('accept file: accepted changes do not fail the run; stale entries are reported', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-accept-'));
  try {
    const first = JSON.parse((await run(A2, { failOn: 'none' })).out);
    const breaking = first.changes.find((c: { level: string }) => c.level === 'breaking');
    const file = path.join(dir, 'accepted.yaml');
    writeFileSync(file, `- fingerprint: ${breaking.fingerprint}\n  reason: email addresses longer than 100 characters were never delivered\n- fingerprint: 0000000000000000\n  reason: an old entry\n`);
    const r = await run(A2, { accept: file });
    assert.is(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.changes.find((c: { fingerprint: string }) => c.fingerprint === breaking.fingerprint).accepted, { reason: 'email addresses longer than 100 characters were never delivered' });
    assert.equal(j.staleAccepts, [{ fingerprint: '0000000000000000', reason: 'an old entry' }]);
    writeFileSync(file, `- fingerprint: ${breaking.fingerprint}\n`);
    const bad = await run(A2, { accept: file });
    assert.is(bad.code, 2);
    assert.match(bad.err, 'has no `reason`');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git: rev:path sides (with $refs read at that revision) and --base over a folder', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-git-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  try {
    git('init', '-q', '-b', 'main');
    mkdirSync(path.join(dir, 'specs/schemas'), { recursive: true });
    copyFileSync(path.join(FIXTURES, 'refactor/revision.yaml'), path.join(dir, 'specs/payments.yaml'));
    copyFileSync(path.join(FIXTURES, 'refactor/schemas/money.yaml'), path.join(dir, 'specs/schemas/money.yaml'));
    copyFileSync(path.join(FIXTURES, 'asyncapi2/base.yaml'), path.join(dir, 'specs/customers.yaml'));
    copyFileSync(path.join(FIXTURES, 'openapi/base.yaml'), path.join(dir, 'specs/orders.yaml'));
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    // Now: money's minimum changes (in the $ref-ed file), customers changes, orders is removed, a new spec appears.
    writeFileSync(path.join(dir, 'specs/schemas/money.yaml'), readFileSync(path.join(dir, 'specs/schemas/money.yaml'), 'utf8').replace('minimum: 0', 'minimum: 1'));
    copyFileSync(path.join(FIXTURES, 'asyncapi2/revision.yaml'), path.join(dir, 'specs/customers.yaml'));
    rmSync(path.join(dir, 'specs/orders.yaml'));
    copyFileSync(path.join(FIXTURES, 'asyncapi3/base.yaml'), path.join(dir, 'specs/events.yaml'));

    const one = await run(['main:specs/payments.yaml', 'specs/payments.yaml'], { failOn: 'none' }, dir);
    assert.is(one.code, 0, one.err);
    const j = JSON.parse(one.out);
    assert.is(j.base.file, 'main:specs/payments.yaml');
    assert.equal(
      j.changes.map((c: { id: string; level: string; base: { file: string } }) => [c.id, c.level, c.base.file]),
      [
        ['minimum-increased', 'breaking', 'main:specs/schemas/money.yaml'],
        ['minimum-increased', 'non-breaking', 'main:specs/schemas/money.yaml'],
      ],
    );

    const all = await run([], { baseRef: 'main', failOn: 'breaking' }, dir);
    assert.is(all.code, 1, all.err);
    const f = JSON.parse(all.out);
    assert.is(f.bump, 'major');
    assert.equal(
      f.results.map((r: { revision: { file: string }; changes: { id: string }[] }) => [r.revision.file, r.changes.map((c) => c.id)]),
      [
        ['specs/customers.yaml', ['max-length-decreased', 'max-length-decreased']],
        ['specs/events.yaml', ['spec-added']],
        ['specs/orders.yaml', ['spec-removed']],
        ['specs/payments.yaml', ['minimum-increased', 'minimum-increased']],
      ],
    );
    assert.is((await run([], { baseRef: 'no-such-ref' }, dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--output FILE: every format writes to the file what it prints without it; stdout gets one summary line', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-diff-out-'));
  try {
    for (const format of ['text', 'json', 'markdown', 'github', 'next-version'] as const) {
      const plain = await run(OA, { format });
      const file = path.join(dir, `report.${format}`);
      const r = await run(OA, { format, output: file });
      assert.is(r.code, plain.code, format);
      assert.is(readFileSync(file, 'utf8'), plain.out, format);
      assert.is(r.out, `wrote ${file}: 12 changes (9 breaking, 1 warning, 2 non-breaking) → major bump\n`, format);
    }
    assert.equal(readdirSync(dir).sort(), ['report.github', 'report.json', 'report.markdown', 'report.next-version', 'report.text']);
    // A file that cannot be written is an input error naming it, and leaves nothing behind.
    const bad = path.join(dir, 'missing', 'report.md');
    const r = await run(OA, { format: 'markdown', output: bad });
    assert.is(r.code, 2);
    assert.is(r.out, '');
    assert.is(r.err, `specgate: ${bad}: cannot write: ENOENT\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('registry: every file in checks/ is registered, rule ids are unique and documented', async () => {
  const files = readdirSync(path.join(FIXTURES, '../../../src/diff/checks')).filter((f) => f.endsWith('.ts'));
  assert.is(checks.length, files.length);
  const ids = rules.map((r) => r.id);
  assert.is(new Set(ids).size, ids.length);
  for (const r of rules) assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
  const doc = readFileSync(path.join(FIXTURES, '../../../docs/diff.md'), 'utf8');
  for (const id of ids) assert.ok(doc.includes(`| \`${id}\` |`), `docs/diff.md lists ${id}`);
  assert.is(withRules(doc), doc, 'docs/diff.md rules table is current: node scripts/diff-docs.mjs');
});

test.run();
