// openSet: every document a run names, opened the one way, with the inputs that failed beside them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { InputError } from '../../src/load/errors.js';
import { openSet } from '../../src/model/open.js';
import { tempFiles } from '../helpers.js';

const DOC = 'asyncapi: 3.0.0\ninfo: { title: A, version: 1.0.0 }\n';

test('a folder, a git revision and a broken file: the good ones open, the broken one is a located failure', async () => {
  const t = tempFiles({ 'a.yaml': DOC, 'sub/b.yaml': DOC.replace('title: A', 'title: B'), 'bad.yaml': 'asyncapi: 3.0.0\ninfo: [\n' });
  const cwd = process.cwd();
  try {
    const git = (...a: string[]) => execFileSync('git', a, { cwd: t.dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    git('init', '-q', '-b', 'main');
    git('add', 'a.yaml');
    git('commit', '-qm', 'a');
    process.chdir(t.dir);
    const set = await openSet(['.', 'HEAD:a.yaml']);
    assert.equal(
      set.documents.map((d) => [d.input, d.rev ?? null, d.model?.info.title]),
      [
        ['a.yaml', null, 'A'],
        ['sub/b.yaml', null, 'B'],
        ['HEAD:a.yaml', set.documents[2].rev, 'A'],
      ],
    );
    assert.match(set.documents[2].rev!, /^[0-9a-f]{40}$|^HEAD$/);
    assert.equal(set.failed.map((f) => [f.input, f.error.line]), [['bad.yaml', 3]]);
    assert.ok(set.failed[0].error instanceof InputError);
  } finally {
    process.chdir(cwd);
    t.cleanup();
  }
});

test('inputs that name no document reject with an InputError', async () => {
  const t = tempFiles({ 'notes.txt': 'hello' });
  try {
    await openSet([t.dir]).then(
      () => assert.unreachable('resolved'),
      (e) => assert.ok(e instanceof InputError, String(e)),
    );
  } finally {
    t.cleanup();
  }
});

test.run();
