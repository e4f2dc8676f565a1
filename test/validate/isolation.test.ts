import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, CORPUS, tempFiles } from '../helpers.js';

// One bad file never costs the run: each input problem is a located diagnostic of that file, and every
// other file of the folder is still reported.

const GOOD = 'asyncapi: 2.6.0\ninfo:\n  title: Good\n  version: 1.0.0\nchannels:\n  user/signedup:\n    subscribe:\n      message:\n        payload:\n          type: string\n';
const withPayloadRef = (ref: string) => GOOD.replace('          type: string\n', `          $ref: '${ref}'\n`);

type FileJson = { file: string; diagnostics: { rule: string; message: string; range: { start: { line: number; column: number } } }[] };

const STACK = /\n\s+at .+:\d+:\d+\)?\n|    at /;

function noStack(r: ReturnType<typeof cli>) {
  assert.not.match(r.stdout + r.stderr, STACK, `no stack trace; stderr=${r.stderr}`);
}

const refs = tempFiles({
  'a-good.yaml': GOOD,
  'anchor.yaml': withPayloadRef('#foo'),
  'named.yaml': withPayloadRef('common.yml#userSignUp'),
  'common.yml': 'userSignUp:\n  type: object\n',
});
const refOpts = { cwd: refs.dir };

test('a $ref fragment that is not a JSON pointer: validate reports it at the $ref, with the other files (stylish)', () => {
  const r = cli(['validate', '.'], refOpts);
  noStack(r);
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stderr, '');
  assert.is(
    r.stdout,
    [
      '✔ a-good.yaml  AsyncAPI 2.6.0',
      '',
      'anchor.yaml  AsyncAPI 2.6.0',
      '  10:11  error  $ref `#foo`: the part after `#` is not a JSON pointer; it must start with `/` (`#/foo`)  invalid-ref-pointer',
      '',
      'named.yaml  AsyncAPI 2.6.0',
      '  10:11  error  $ref `common.yml#userSignUp`: the part after `#` is not a JSON pointer; it must start with `/` (`common.yml#/userSignUp`)  invalid-ref-pointer',
      '',
      '✖ 2 problems (2 errors, 0 warnings) in 3 files',
      '',
    ].join('\n'),
  );
});

test('a $ref fragment that is not a JSON pointer: json and github formats carry the rule and the location', () => {
  const j = cli(['validate', '.', '-f', 'json'], refOpts);
  assert.is(j.status, 1, j.stderr);
  const files = JSON.parse(j.stdout).files as { file: string; valid: boolean; diagnostics: { rule: string; file: string; pointer: string; range: { start: { line: number; column: number } } }[] }[];
  assert.equal(
    files.map((f) => [f.file, f.valid, f.diagnostics.map((d) => [d.rule, d.file, d.pointer, d.range.start.line, d.range.start.column])]),
    [
      ['a-good.yaml', true, []],
      ['anchor.yaml', false, [['invalid-ref-pointer', 'anchor.yaml', '/channels/user~1signedup/subscribe/message/payload/$ref', 10, 11]]],
      ['named.yaml', false, [['invalid-ref-pointer', 'named.yaml', '/channels/user~1signedup/subscribe/message/payload/$ref', 10, 11]]],
    ],
  );
  const g = cli(['validate', '.', '-f', 'github'], refOpts);
  assert.is(g.status, 1);
  assert.is(
    g.stdout,
    '::error file=anchor.yaml,line=10,col=11,endLine=10,endColumn=23,title=invalid-ref-pointer::$ref `#foo`: the part after `#` is not a JSON pointer; it must start with `/` (`#/foo`)\n' +
      '::error file=named.yaml,line=10,col=11,endLine=10,endColumn=40,title=invalid-ref-pointer::$ref `common.yml#userSignUp`: the part after `#` is not a JSON pointer; it must start with `/` (`common.yml#/userSignUp`)\n',
  );
});

test('a $ref fragment that is not a JSON pointer: lint reports it, in this thread and in worker threads', () => {
  for (const workers of ['0', '2']) {
    const r = cli(['lint', '.', '-f', 'json', '--jobs', workers], refOpts);
    noStack(r);
    assert.is(r.status, 1, `--jobs ${workers}: ${r.stderr}`);
    const files = JSON.parse(r.stdout).files as { file: string; diagnostics: { rule: string; severity: string }[] }[];
    assert.equal(files.map((f) => f.file), ['a-good.yaml', 'anchor.yaml', 'named.yaml']);
    for (const f of files.slice(1)) assert.equal(f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule), ['invalid-ref-pointer'], f.file);
    assert.ok(files.every((f) => f.diagnostics.every((d) => d.rule !== 'internal-error')), 'no rule tripped over the ref');
  }
});

test('a $ref fragment that is not a JSON pointer: diff compares the documents, generate refuses with the located line', () => {
  // Such a fragment (`#foo`, an `$anchor`) was never followed; diff does not refuse the side for it.
  const d = cli(['diff', 'a-good.yaml', 'anchor.yaml', '-f', 'json'], refOpts);
  noStack(d);
  assert.is(d.status, 0, d.stderr);
  const diff = JSON.parse(d.stdout) as { base: { file: string }; revision: { file: string } };
  assert.equal([diff.base.file, diff.revision.file], ['a-good.yaml', 'anchor.yaml']);
  const g = cli(['generate', 'named.yaml', '--out', 'out'], refOpts);
  noStack(g);
  assert.is(g.status, 1);
  assert.match(g.stdout, /\n {2}10:11 {2}error {2}\$ref `common\.yml#userSignUp`: the part after `#` is not a JSON pointer; .* {2}invalid-ref-pointer\n/);
  assert.is(g.stderr, 'specgate: named.yaml is not a valid contract; nothing generated\n');
});

const TCK = path.join(CORPUS, 'asyncapi/tck/tests/asyncapi-2.0/File Structure');
test('the AsyncAPI TCK folder with two non-pointer fragments: every file is reported', () => {
  if (!existsSync(TCK)) return console.log(`SKIP: TCK not found at ${TCK}`);
  const r = cli(['validate', TCK, '-f', 'json']);
  noStack(r);
  assert.is(r.status, 1, r.stderr);
  const files = JSON.parse(r.stdout).files as { file: string; diagnostics: { rule: string }[] }[];
  const rules = Object.fromEntries(files.map((f) => [path.basename(f.file), f.diagnostics.map((d) => d.rule)]));
  assert.equal(rules['invalid-incorrect-json-pointer-ref.yaml'], ['invalid-ref-pointer']);
  assert.equal(rules['invalid-incorrect-json-pointer-no-slash.yaml'], ['invalid-ref-pointer']);
  assert.equal(rules['valid.yaml'], []);
  assert.equal(rules['invalid-inexisting-file-ref.yaml'], ['unresolved-ref']);
});

const frag = tempFiles({
  'a-good.yaml': GOOD,
  'shared.json': '{"a":1,"x":{"asyncapi":"2.0.0"}}\n',
  'list.json': '[{"openapi":"3.1.0"}]\n',
});
const gitIn = (dir: string, ...args: string[]) => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
};

test('a JSON fragment with a nested asyncapi key is no root document in a folder scan (validate, lint)', () => {
  for (const cmd of ['validate', 'lint']) {
    const r = cli([cmd, '.', '-f', 'json'], { cwd: frag.dir });
    noStack(r);
    assert.is(r.stderr, '', cmd);
    assert.equal((JSON.parse(r.stdout).files as { file: string }[]).map((f) => f.file), ['a-good.yaml'], cmd);
  }
  const r = cli(['validate', '.'], { cwd: frag.dir });
  assert.is(r.status, 0);
  assert.is(r.stdout, '✔ a-good.yaml  AsyncAPI 2.6.0\n\n1 file checked, no problems\n');
});

test('a JSON fragment with a nested asyncapi key is no root document for diff --base either', () => {
  gitIn(frag.dir, 'init', '-q');
  gitIn(frag.dir, 'add', '.');
  gitIn(frag.dir, 'commit', '-qm', 'base');
  const r = cli(['diff', '--base', 'HEAD', '.', '-f', 'json'], { cwd: frag.dir });
  noStack(r);
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stderr, '');
  const d = JSON.parse(r.stdout) as { base: { file: string }; revision: { file: string }; changes: unknown[] };
  assert.equal([d.base.file, d.revision.file, d.changes], ['HEAD:a-good.yaml', 'a-good.yaml', []]);
});

const broken = tempFiles({ 'a-good.yaml': GOOD, 'b-broken.yaml': GOOD, 'c-good.yaml': GOOD.replace('type: string', 'type: integer') });

test('diff --base: a file that no longer parses is a located error of its pair; the other pairs are still compared', () => {
  gitIn(broken.dir, 'init', '-q');
  gitIn(broken.dir, 'add', '.');
  gitIn(broken.dir, 'commit', '-qm', 'base');
  writeFileSync(path.join(broken.dir, 'b-broken.yaml'), GOOD.replace('  version: 1.0.0', '   version: 1.0.0'));
  writeFileSync(path.join(broken.dir, 'c-good.yaml'), GOOD);
  const j = cli(['diff', '--base', 'HEAD', '.', '-f', 'json'], { cwd: broken.dir });
  noStack(j);
  assert.is(j.status, 2, j.stderr);
  assert.is(j.stderr, '');
  const d = JSON.parse(j.stdout) as { results: { base: { file: string }; revision: { file: string }; changes: { id: string }[]; error?: unknown }[] };
  assert.equal(
    d.results.map((x) => [x.base.file, x.revision.file, x.changes.map((c) => c.id), x.error ?? null]),
    [
      ['HEAD:a-good.yaml', 'a-good.yaml', [], null],
      ['HEAD:b-broken.yaml', 'b-broken.yaml', [], { file: 'b-broken.yaml', line: 4, column: 11, message: 'YAML: bad indentation of a mapping entry' }],
      ['HEAD:c-good.yaml', 'c-good.yaml', ['type-changed'], null],
    ],
  );
  const t = cli(['diff', '--base', 'HEAD', '.'], { cwd: broken.dir });
  assert.is(t.status, 2);
  assert.match(t.stdout, /^HEAD:b-broken\.yaml \(no version\) → b-broken\.yaml \(no version\)\n {2}✘ b-broken\.yaml:4:11: YAML: bad indentation of a mapping entry\n/m);
  assert.match(t.stdout, /^HEAD:c-good\.yaml \(1\.0\.0\) → c-good\.yaml \(1\.0\.0\)\n/m);
  const g = cli(['diff', '--base', 'HEAD', '.', '-f', 'github'], { cwd: broken.dir });
  assert.is(g.status, 2);
  assert.match(g.stdout, /^::error file=b-broken\.yaml,line=4,col=11,title=input-error::YAML: bad indentation of a mapping entry$/m);
});

const nulls = tempFiles({ 'a-good.yaml': GOOD, 'comment.yaml': '# asyncapi: 3.0.0\n', 'tilde.yaml': '~\n' });

test('a document that parses to null is a located input error of its file; the files beside it are still reported', () => {
  const r = cli(['validate', 'a-good.yaml', 'comment.yaml', 'tilde.yaml', '-f', 'json'], { cwd: nulls.dir });
  noStack(r);
  assert.is(r.status, 2, r.stderr);
  assert.is(r.stderr, '');
  const files = JSON.parse(r.stdout).files as FileJson[];
  const found = 'the document must be an object with an `asyncapi` or `openapi` field; found null';
  assert.equal(
    files.map((f) => [f.file, f.diagnostics.map((d) => [d.rule, d.message, d.range.start.line, d.range.start.column])]),
    [
      ['a-good.yaml', []],
      ['comment.yaml', [['input-error', found, 1, 1]]],
      ['tilde.yaml', [['input-error', found, 1, 1]]],
    ],
  );
  const g = cli(['generate', 'comment.yaml', '--out', 'out'], { cwd: nulls.dir });
  noStack(g);
  assert.is(g.status, 2);
  assert.match(g.stdout, /^comment\.yaml:1:1: the document must be an object .* found null$/m);
  assert.is(g.stderr, 'specgate: comment.yaml is not a valid contract; nothing generated\n');
});

test.after(() => (refs.cleanup(), frag.cleanup(), broken.cleanup(), nulls.cleanup()));
test.run();
