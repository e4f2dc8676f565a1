import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDiffCommand as run } from './helpers.js';

/** An AsyncAPI 3 document sending one message with this payload (YAML, indented for `payload:`). */
const spec = (version: string, payload: string) => `asyncapi: 3.0.0
info:
  title: Orders
  version: ${version}
channels:
  orders:
    address: orders
    messages:
      order:
        payload:
${payload}
operations:
  sendOrder:
    action: send
    channel:
      $ref: '#/channels/orders'
`;

const avro = (...fields: string[]) =>
  ['          schemaFormat: application/vnd.apache.avro;version=1.11.1', '          schema:', '            type: record', '            name: Order', '            fields:', ...fields.map((f) => `              - ${f}`)].join('\n');
const json = (...props: string[]) => ['          type: object', '          properties:', ...props.map((p) => `            ${p}`)].join('\n');

/** A temp dir with `orders.yaml` (the revision) and `history/` holding the given files. */
function project(revision: string, history: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-history-'));
  mkdirSync(path.join(dir, 'history'));
  writeFileSync(path.join(dir, 'orders.yaml'), revision);
  for (const [name, text] of Object.entries(history)) writeFileSync(path.join(dir, 'history', name), text);
  return dir;
}

const dirs: string[] = [];
const make = (revision: string, history: Record<string, string>) => {
  const d = project(revision, history);
  dirs.push(d);
  return d;
};
test.after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Row = [against: string, id: string, level: string];
const rows = (out: string): Row[] => {
  const j = JSON.parse(out);
  return (j.results ?? [j]).flatMap((r: { changes: { against: { version: string; file: string }; id: string; level: string }[] }) =>
    r.changes.map((c) => [`${c.against.version} ${c.against.file}`, c.id, c.level] as Row),
  );
};

// Avro: 1.0.0 has `a` (int, default 0), 1.1.0 drops it, 1.2.0 adds it back as a string. Readers of 1.2.0
// read 1.1.0 data with the default, but cannot read 1.0.0 data whose `a` is an int.
const AVRO = {
  revision: spec('1.2.0', avro('{ name: id, type: string }', "{ name: a, type: string, default: '' }")),
  history: {
    'orders-1.0.0.yaml': spec('1.0.0', avro('{ name: id, type: string }', '{ name: a, type: int, default: 0 }')),
    'orders-1.1.0.yaml': spec('1.1.0', avro('{ name: id, type: string }')),
  },
};

test('Avro: backward_transitive catches what backward (against the latest only) does not', async () => {
  const dir = make(AVRO.revision, AVRO.history);
  const latest = await run(['orders.yaml'], { mode: 'backward', history: 'history' }, dir);
  assert.is(latest.code, 0);
  assert.equal(rows(latest.out), [['1.1.0 history/orders-1.1.0.yaml', 'avro-field-added', 'non-breaking']]);
  const all = await run(['orders.yaml'], { mode: 'backward_transitive', history: 'history' }, dir);
  assert.is(all.code, 1);
  assert.equal(rows(all.out), [
    ['1.0.0 history/orders-1.0.0.yaml', 'avro-type-changed', 'breaking'],
    ['1.1.0 history/orders-1.1.0.yaml', 'avro-field-added', 'non-breaking'],
  ]);
  assert.is((await run(['orders.yaml'], { mode: 'backward_transitive', history: 'history', failOn: 'none' }, dir)).code, 0);
  // 1.2.0 is a minor step from 1.1.0, the latest; it is not held to a major bump from 1.0.0.
  const checked = await run(['orders.yaml'], { mode: 'backward_transitive', history: 'history', failOn: 'none', checkVersion: true }, dir);
  assert.is(checked.code, 0);
  assert.equal(JSON.parse(checked.out).results.map((r: { versionCheck: unknown }) => r.versionCheck), [
    null,
    { declared: '1.2.0', required: '1.2.0', ok: true, message: 'info.version 1.2.0 satisfies the minor bump (at least 1.2.0)' },
  ]);
});

test('text: each change says which earlier version it is against', async () => {
  const dir = make(AVRO.revision, AVRO.history);
  const { out } = await run(['orders.yaml'], { mode: 'backward_transitive', history: 'history', format: 'text' }, dir);
  assert.match(out, 'history/orders-1.0.0.yaml (1.0.0) → orders.yaml (1.2.0)');
  assert.match(out, 'breaking     against 1.0.0 (history/orders-1.0.0.yaml): as data it accepts: Payload of message `order` sent on `orders`: type of `a` changed from `int` to `string`, which Avro does not resolve. avro-type-changed orders.yaml:17:17');
  const md = await run(['orders.yaml'], { mode: 'backward_transitive', history: 'history', format: 'markdown' }, dir);
  assert.match(md.out, '| `sendOrder` | against 1.0.0 \\(history/orders-1.0.0.yaml\\): as data it accepts: Payload of message');
});

// JSON Schema, open model: 1.9.0 has `note` (string), 1.10.0 drops it, 1.11.0 adds it as an integer. Readers
// of 1.10.0 take any `note`; readers of 1.9.0 need a string. 1.10.0 is the latest by semver, not by file name.
const JSON_SCHEMA = {
  revision: spec('1.11.0', json('id: { type: string }', 'note: { type: integer }')),
  history: {
    'orders-1.9.0.yaml': spec('1.9.0', json('id: { type: string }', 'note: { type: string }')),
    'orders-1.10.0.yaml': spec('1.10.0', json('id: { type: string }')),
  },
};

test('JSON Schema: forward_transitive against every version, forward against the latest by semver', async () => {
  const dir = make(JSON_SCHEMA.revision, JSON_SCHEMA.history);
  const latest = await run(['orders.yaml'], { mode: 'forward', history: 'history' }, dir);
  assert.is(latest.code, 0);
  assert.equal(rows(latest.out), [['1.10.0 history/orders-1.10.0.yaml', 'optional-property-added', 'non-breaking']]);
  const all = await run(['orders.yaml'], { mode: 'forward_transitive', history: 'history' }, dir);
  assert.is(all.code, 1);
  assert.equal(rows(all.out), [
    ['1.9.0 history/orders-1.9.0.yaml', 'type-changed', 'breaking'],
    ['1.10.0 history/orders-1.10.0.yaml', 'optional-property-added', 'non-breaking'],
  ]);
  const full = await run(['orders.yaml'], { mode: 'full_transitive', history: 'history' }, dir);
  assert.equal(rows(full.out).map((r) => r[1]), ['type-changed', 'optional-property-added']);
});

test('json: {bump, results}, one result per earlier version, each change with `against`', async () => {
  const dir = make(JSON_SCHEMA.revision, JSON_SCHEMA.history);
  const j = JSON.parse((await run(['orders.yaml'], { mode: 'forward_transitive', history: 'history' }, dir)).out);
  assert.equal(Object.keys(j), ['bump', 'results']);
  assert.is(j.bump, 'major');
  assert.equal(j.results.map((r: { base: unknown }) => r.base), [
    { file: 'history/orders-1.9.0.yaml', version: '1.9.0' },
    { file: 'history/orders-1.10.0.yaml', version: '1.10.0' },
  ]);
  const c = j.results[0].changes[0];
  assert.equal(Object.keys(c), ['id', 'level', 'bump', 'message', 'operation', 'channel', 'direction', 'base', 'revision', 'fingerprint', 'against']);
  assert.equal(c.against, { version: '1.9.0', file: 'history/orders-1.9.0.yaml' });
  assert.is(c.message, 'Payload of message `order` sent on `orders`: `note` type changed from `string` to `integer`.');
});

test('an unreadable history file is reported located; the others are still compared', async () => {
  const dir = make(JSON_SCHEMA.revision, { ...JSON_SCHEMA.history, 'broken.yaml': 'asyncapi: [\n' });
  const r = await run(['orders.yaml'], { mode: 'forward_transitive', history: 'history' }, dir);
  assert.is(r.code, 2);
  const j = JSON.parse(r.out);
  assert.equal(j.results[0].error, { file: 'history/broken.yaml', line: 2, column: 1, message: 'YAML: unexpected end of the stream within a flow collection' });
  assert.equal(rows(r.out).map((x) => x[1]), ['type-changed', 'optional-property-added']);
});

test('usage errors: one line, exit 2', async () => {
  const dir = make(JSON_SCHEMA.revision, JSON_SCHEMA.history);
  const cases: [string[], Partial<DiffRunOptions>, string][] = [
    [['history/orders-1.9.0.yaml', 'orders.yaml'], { mode: 'backward_transitive' }, 'specgate: --mode backward_transitive needs --history <folder> with the earlier versions\n'],
    [['orders.yaml'], { mode: 'full_transitive' }, 'specgate: --mode full_transitive needs --history <folder> with the earlier versions\n'],
    [['history/orders-1.9.0.yaml', 'orders.yaml'], { mode: 'backward', history: 'history' }, 'specgate: expected one spec (the revision) with --history, got 2\n'],
    [['orders.yaml'], { mode: 'backward', history: 'history', baseRef: 'HEAD' }, 'specgate: --history and --base cannot be used together\n'],
  ];
  for (const [args, opts, err] of cases) {
    const r = await run(args, opts, dir);
    assert.is(r.code, 2);
    assert.is(r.out, '');
    assert.is(r.err, err);
  }
  mkdirSync(path.join(dir, 'empty'));
  const empty = await run(['orders.yaml'], { mode: 'backward', history: 'empty' }, dir);
  assert.is(empty.code, 2);
  assert.match(empty.err, /^specgate: empty.*\n$/);
});

test('--history A..B: the revision file at each commit of the range that changed it, oldest first', async () => {
  const dir = make(AVRO.history['orders-1.0.0.yaml'], {});
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe', env, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '-m', 'start');
  git('tag', 'start');
  git('add', 'orders.yaml');
  git('commit', '-q', '-m', '1.0.0');
  const v1 = git('rev-parse', '--short', 'HEAD');
  writeFileSync(path.join(dir, 'orders.yaml'), AVRO.history['orders-1.1.0.yaml']);
  git('commit', '-q', '-am', '1.1.0');
  const v2 = git('rev-parse', '--short', 'HEAD');
  writeFileSync(path.join(dir, 'other.txt'), 'not the spec');
  git('add', 'other.txt');
  git('commit', '-q', '-m', 'other');
  writeFileSync(path.join(dir, 'orders.yaml'), AVRO.revision);
  const all = await run(['orders.yaml'], { mode: 'backward_transitive', history: 'start..HEAD' }, dir);
  assert.is(all.code, 1);
  assert.equal(rows(all.out), [
    [`1.0.0 ${v1}:orders.yaml`, 'avro-type-changed', 'breaking'],
    [`1.1.0 ${v2}:orders.yaml`, 'avro-field-added', 'non-breaking'],
  ]);
  const latest = await run(['orders.yaml'], { mode: 'backward', history: 'start..HEAD' }, dir);
  assert.is(latest.code, 0);
  assert.equal(rows(latest.out), [[`1.1.0 ${v2}:orders.yaml`, 'avro-field-added', 'non-breaking']]);
  const none = await run(['orders.yaml'], { mode: 'backward', history: 'HEAD~1..HEAD' }, dir);
  assert.is(none.code, 2);
  assert.is(none.err, 'specgate: HEAD~1..HEAD: no commit in the range changed the spec\n');
  const bad = await run(['orders.yaml'], { mode: 'backward', history: 'nope..HEAD' }, dir);
  assert.is(bad.code, 2);
  assert.is(bad.err, 'specgate: not a git revision range: nope..HEAD\n');
});

test.run();
