// openDocument is the one way a document is opened: a file, given text, or `rev:path` read with git,
// its `$ref`s read from the same place as the root, its specification detected and its model built.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../src/load/errors.js';
import { openDocument } from '../../src/model/open.js';
import { tempFiles } from '../helpers.js';

const ROOT_DOC = "asyncapi: 3.0.0\ninfo: {title: Orders, version: 1.0.0}\nchannels:\n  orders:\n    messages:\n      placed:\n        payload: {$ref: 'common.yaml#/Placed'}\n";
const common = (type: string) => `Placed:\n  type: object\n  properties:\n    id: {type: ${type}}\n`;

function repo() {
  const t = tempFiles({ 'a.yaml': ROOT_DOC, 'common.yaml': common('string') });
  const g = (...args: string[]) => execFileSync('git', args, { cwd: t.dir, stdio: 'pipe' });
  g('init', '-q');
  g('add', '.');
  g('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'first');
  writeFileSync(path.join(t.dir, 'common.yaml'), common('integer')); // the working tree moves on
  return t;
}

const idType = (doc: Awaited<ReturnType<typeof openDocument>>) => {
  const r = doc.workspace.resolveRef('common.yaml#/Placed/properties/id', doc.file);
  return r.ok ? (r.value as { type: string }).type : r.message;
};

test('a file, and the same file at a git revision with its $refs read at that revision', async () => {
  const t = repo();
  const cwd = process.cwd();
  process.chdir(t.dir);
  try {
    const now = await openDocument('a.yaml');
    assert.equal([now.spec, now.rev, now.model?.format, idType(now)], [{ format: 'asyncapi', version: '3.0.0' }, undefined, 'asyncapi', 'integer']);
    const then = await openDocument('HEAD:a.yaml');
    assert.equal([then.file, then.rev, then.model?.info.title, idType(then)], ['a.yaml', 'HEAD', 'Orders', 'string']);
    const given = await openDocument('a.yaml', { text: ROOT_DOC.replace('Orders', 'Given') });
    assert.is(given.model?.info.title, 'Given');
  } finally {
    process.chdir(cwd);
    t.cleanup();
  }
});

test('what is not a spec, and a revision git would read as an option, are located input errors', async () => {
  const t = repo();
  const cwd = process.cwd();
  process.chdir(t.dir);
  try {
    const e1 = await openDocument('x.yaml', { text: 'title: x\nasyncapi: 7.0.0\n' }).catch((e: unknown) => e);
    assert.instance(e1, InputError);
    assert.is((e1 as InputError).toLine(), 'x.yaml:2:1: AsyncAPI 7.0.0 is not supported; supported versions: 2.0.0, 2.1.0, 2.2.0, 2.3.0, 2.4.0, 2.5.0, 2.6.0, 3.0.0, 3.1.0');
    const e2 = await openDocument('-p:a.yaml').catch((e: unknown) => e);
    assert.is((e2 as InputError).toLine(), '-p:a.yaml: a git revision cannot start with `-`');
  } finally {
    process.chdir(cwd);
    t.cleanup();
  }
});

test.run();
