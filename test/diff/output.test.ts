import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiff } from '../../src/diff/report/index.js';
import { diffSpecs } from '../../src/diff/index.js';
import { InputError } from '../../src/load/errors.js';
import type { Change, DiffResult, Level } from '../../src/diff/types.js';
import { cli, tempFiles } from '../helpers.js';
import { bothWays, diffTexts } from './helpers.js';

/** `Account` is the 200 response of two operations and the request body of one; `locale` gains `zh-HK`. */
function accountApi(locales: string, deleteToo: boolean): string {
  return `openapi: 3.1.0
info: { title: Accounts, version: 1.0.0 }
components:
  schemas:
    Account:
      type: object
      properties:
        locale: { type: string, enum: [${locales}] }
paths:
  /v1/account:
    get:
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
    post:
      requestBody: { content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
      responses:
        '201': { description: Created }
  /v1/accounts/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        '200': { description: OK, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
${deleteToo ? "    delete:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses:\n        '204': { description: Gone }\n" : ''}`;
}

const accounts = () => diffTexts(accountApi('en, de', true), accountApi('en, de, zh-HK', false));
const fpOf = (r: DiffResult) => (id: string, level: string) => r.changes.find((c) => c.id === id && c.level === level)!.fingerprint;
const lines = async (format: 'text' | 'markdown' | 'github', r: DiffResult | DiffResult[], mode?: 'auto' | 'backward') =>
  (await formatDiff(format, Array.isArray(r) ? r : [r], { mode })).split('\n');

test('each change says which side of the contract it is for, in text, markdown and github', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  const text = await lines('text', r);
  assert.ok(text.includes(`    warning      in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'warning')}`), text.join('\n'));
  assert.ok(text.includes(`    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`), text.join('\n'));
  // A change about no data says no side.
  assert.ok(text.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`), text.join('\n'));
  const md = await lines('markdown', r);
  assert.ok(md.includes(`| in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'warning')}\` |`), md.join('\n'));
  assert.ok(md.includes(`| in requests: \`locale\` now allows \`zh-HK\`. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'non-breaking')}\` |`), md.join('\n'));
  const gh = await lines('github', r);
  assert.ok(gh.includes('::warning file=revision.yaml,line=8,col=33,title=enum-value-added (warning%2C minor)::in responses: Schema `Account` (in `200` response of `GET /v1/account` and 1 more): `locale` now allows `zh-HK`; clients that check the value may not handle it.'), gh.join('\n'));
  assert.ok(gh.includes('::notice file=revision.yaml,line=8,col=33,title=enum-value-added (non-breaking%2C minor)::in requests: Schema `Account` (in request body of `POST /v1/account`): `locale` now allows `zh-HK`.'), gh.join('\n'));
});

test('AsyncAPI sides are received and sent messages; --mode other than auto says how a change was checked', async () => {
  const r = await diffTexts(bothWays({ type: 'string', maxLength: 10 }), bothWays({ type: 'string', maxLength: 5 }));
  const text = await lines('text', r);
  assert.equal(
    text.filter((l) => l.includes('max-length-decreased')).map((l) => l.replace(/ max-length-decreased.*/, '')),
    ['    breaking     in received messages: Payload of message `Order` received on `orders.in`: the payload `maxLength` changed from ≤ 10 to ≤ 5; values valid before are now rejected.',
     '    non-breaking in sent messages: Payload of message `Order` sent on `orders.out`: the payload `maxLength` changed from ≤ 10 to ≤ 5; fewer values are sent.'],
  );
  const backward = await diffTexts(bothWays({ type: 'string', maxLength: 10 }), bothWays({ type: 'string', maxLength: 5 }), { mode: 'backward' });
  const b = (await lines('text', backward, 'backward')).filter((l) => l.includes('max-length-decreased'));
  assert.ok(b.length > 0 && b.every((l) => l.startsWith('    breaking     as data it accepts: Payload of message')), b.join('\n'));
});

test('text and markdown show each change\'s fingerprint, to copy into an accept file', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  assert.match(fp('operation-removed', 'breaking'), /^[0-9a-f]{16}$/);
  const text = await lines('text', r);
  assert.ok(text.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`), text.join('\n'));
  assert.ok(text.includes(`    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`), text.join('\n'));
  const md = await lines('markdown', r);
  assert.ok(md.includes('| operation | change | rule | where | fingerprint |'), md.join('\n'));
  assert.ok(md.includes(`| \`DELETE /v1/accounts/{id}\` | Operation \`DELETE /v1/accounts/{id}\` was removed. | \`operation-removed\` | \`base.yaml:23\` | \`${fp('operation-removed', 'breaking')}\` |`), md.join('\n'));
  // An accepted change keeps its fingerprint beside the reason.
  r.changes[0].accepted = { reason: 'nobody called it' };
  const accepted = await lines('text', r);
  assert.ok(accepted.includes(`    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')} (accepted: nobody called it)`), accepted.join('\n'));
});

test('a change inside a named schema is filed under the schema, with the operations using it', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  assert.equal(await lines('text', r), [
    'base.yaml (1.0.0) → revision.yaml (1.0.0)',
    '',
    '  operation DELETE /v1/accounts/{id}',
    `    breaking     Operation \`DELETE /v1/accounts/{id}\` was removed. operation-removed base.yaml:23:5 ${fp('operation-removed', 'breaking')}`,
    '',
    '  schema Account, used by 3 operations: GET /v1/account, GET /v1/accounts/{id}, POST /v1/account',
    `    warning      in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'warning')}`,
    `    non-breaking in requests: \`locale\` now allows \`zh-HK\`. enum-value-added revision.yaml:8:33 ${fp('enum-value-added', 'non-breaking')}`,
    '',
    '  1 breaking, 1 warning, 1 non-breaking, 0 patch → major bump',
    '',
  ]);
  const md = await lines('markdown', r);
  const warnings = md.indexOf('#### Warnings (1)');
  assert.equal(md.slice(warnings, warnings + 9), [
    '#### Warnings (1)',
    '',
    '##### Schema `Account`',
    '',
    'Used by 2 operations: `GET /v1/account`, `GET /v1/accounts/{id}`.',
    '',
    '| change | rule | where | fingerprint |',
    '|---|---|---|---|',
    `| in responses: \`locale\` now allows \`zh-HK\`; clients that check the value may not handle it. | \`enum-value-added\` | \`revision.yaml:8\` | \`${fp('enum-value-added', 'warning')}\` |`,
  ]);
  const json = JSON.parse(await formatDiff('json', [r]));
  assert.equal(json.changes.map((c: { id: string; schema?: unknown }) => [c.id, c.schema]), [
    ['operation-removed', undefined],
    ['enum-value-added', { name: 'Account', operations: 2 }],
    ['enum-value-added', { name: 'Account', operations: 1 }],
  ]);
  // Past three operations, the rest are counted.
  const many = { ...r, changes: r.changes.map((c) => (c.schema ? { ...c, schema: { ...c.schema, usedBy: ['a', 'b', 'c', 'd', 'e'] } } : c)) };
  assert.ok((await lines('text', many)).includes('  schema Account, used by 5 operations: a, b, c and 2 more'));
});

test('markdown --max-bytes: breaking changes first, whole rows only, a note of what was left out', async () => {
  const r = await accounts();
  const fp = fpOf(r);
  const short = await formatDiff('markdown', [r], { maxBytes: 700 });
  assert.ok(Buffer.byteLength(short) <= 700);
  assert.equal(short.split('\n').slice(10), [
    '#### Breaking changes (1)',
    '',
    '| operation | change | rule | where | fingerprint |',
    '|---|---|---|---|---|',
    `| \`DELETE /v1/accounts/{id}\` | Operation \`DELETE /v1/accounts/{id}\` was removed. | \`operation-removed\` | \`base.yaml:23\` | \`${fp('operation-removed', 'breaking')}\` |`,
    '',
    '✂️ 2 changes left out to keep this comment within 700 bytes: 1 warning and 1 non-breaking. See them all with `--format json` or `--max-bytes 0`.',
    '',
    '',
  ]);
  // Under the limit, or no limit: everything, no note.
  const full = await formatDiff('markdown', [r]);
  assert.is(await formatDiff('markdown', [r], { maxBytes: Buffer.byteLength(full) }), full);
  assert.is(await formatDiff('markdown', [r], { maxBytes: 0 }), full);
  assert.not.match(full, '✂️');
  // Not even the summary fits: an input error, not a cut comment.
  try {
    await formatDiff('markdown', [r], { maxBytes: 100 });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as Error).message, /^--max-bytes 100 is too small for even the summary of the changes \(\d+ bytes\)/);
  }
});

/** 200 made-up changes, levels interleaved, some in schemas: 20 breaking, 30 warning, 100 non-breaking, 50 patch. */
function manyChanges(): DiffResult {
  const levels: Level[] = ['breaking', 'warning', 'non-breaking', 'patch'];
  const counts = [20, 30, 100, 50];
  const changes: Change[] = [];
  for (let i = 0; changes.length < 200; i++) {
    const level = levels[i % 4];
    if (changes.filter((c) => c.level === level).length >= counts[i % 4]) continue;
    const n = changes.length;
    const text = `\`field${n}\` changed in a way that takes a fairly long sentence | with a pipe to say.`;
    changes.push({
      id: 'type-changed', level, bump: level === 'breaking' ? 'major' : level === 'patch' ? 'patch' : 'minor',
      message: n % 3 ? `Schema \`S${n % 7}\` (in \`200\` response of \`GET /p${n}\`): ${text}` : `Operation \`GET /p${n}\`: ${text}`,
      operation: `GET /p${n}`, direction: 'emit',
      revision: { file: 'r.yaml', pointer: '', line: n + 1, column: 1 },
      fingerprint: n.toString(16).padStart(16, '0'),
      ...(n % 3 ? { schema: { name: `S${n % 7}`, usedBy: [`GET /p${n}`], text } } : {}),
    });
  }
  return { format: 'openapi', base: { file: 'b.yaml', version: '1.0.0' }, revision: { file: 'r.yaml', version: '2.0.0' }, bump: 'major', changes };
}

/** Every fingerprint shown in a table row of the comment, checking each row is whole (5 or 4 cells). */
function shownRows(text: string): string[] {
  const tokens = new MarkdownIt().parse(text, {});
  const shown: string[] = [];
  let cells: string[] | undefined;
  let table = 0;
  for (const t of tokens) {
    if (t.type === 'table_open') table++;
    if (t.type === 'tr_open') cells = [];
    if (t.type === 'inline' && cells) cells.push(t.content);
    if (t.type === 'tr_close' && cells) {
      const fp = cells[cells.length - 1].replace(/`/g, '');
      if (/^[0-9a-f]{16}$/.test(fp)) {
        assert.ok(cells.length === 5 || cells.length === 4, cells.join(' | '));
        shown.push(fp);
      }
      cells = undefined;
    }
  }
  assert.ok(table > 1);
  return shown;
}

test('markdown --max-bytes on many changes: every breaking one kept, then by level; never over the limit', async () => {
  const r = manyChanges();
  const full = await formatDiff('markdown', [r]);
  assert.equal(shownRows(full).length, 200);
  for (const max of [4000, 9000, 20000]) {
    const text = await formatDiff('markdown', [r], { maxBytes: max });
    const bytes = Buffer.byteLength(text);
    assert.ok(bytes <= max && bytes > max - 500, `${bytes} of ${max}`);
    const shown = new Set(shownRows(text));
    const kept = r.changes.filter((c) => shown.has(c.fingerprint));
    const omitted = r.changes.filter((c) => !shown.has(c.fingerprint));
    // What is kept is the most important: no change left out outranks one that is shown.
    const rank = (c: Change) => ['breaking', 'warning', 'non-breaking', 'patch'].indexOf(c.level);
    assert.ok(Math.max(...kept.map(rank)) <= Math.min(...omitted.map(rank)), `${max}`);
    const count = (l: Level) => omitted.filter((c) => c.level === l).length;
    const said = (['breaking', 'warning', 'non-breaking', 'patch'] as Level[]).filter((l) => count(l)).map((l) => `${count(l)} ${l === 'patch' ? 'patch-level' : l}`);
    const note = `✂️ ${omitted.length} changes left out to keep this comment within ${max} bytes: ${said.length > 1 ? `${said.slice(0, -1).join(', ')} and ${said.at(-1)}` : said[0]}. See them all with \`--format json\` or \`--max-bytes 0\`.`;
    assert.is(text.trimEnd().split('\n').at(-1), note);
    // The summary still counts everything.
    assert.ok(text.includes('| 🟢 non-breaking | 100 | minor |'));
  }
  assert.ok(shownRows(await formatDiff('markdown', [r], { maxBytes: 9000 })).length >= 20, 'all 20 breaking changes fit in 9000 bytes');
});

const CORPUS = path.resolve('../shared/corpus/openapi/large');
const GITHUB = ['22.0.0', '23.0.2'].map((v) => path.join(CORPUS, `github-api.github.com-octokit-openapi-${v}.json`));

test('markdown on GitHub\'s description pair fits a pull-request comment by default; --max-bytes 0 prints it all', async () => {
  if (!GITHUB.every((f) => existsSync(f))) return console.log('  (skipped: no ../shared/corpus/openapi/large)');
  // The command's default limit, end to end.
  const md = cli(['diff', ...GITHUB, '-f', 'markdown'], { timeout: 120_000 });
  assert.is(md.status, 1, md.stderr);
  assert.ok(Buffer.byteLength(md.stdout) <= 65536, `${Buffer.byteLength(md.stdout)} bytes`);
  const shown = shownRows(md.stdout);
  const r = await diffSpecs(GITHUB[0], GITHUB[1]);
  assert.is(await formatDiff('markdown', [r], { maxBytes: 65536 }), md.stdout);
  const breaking = r.changes.filter((c) => c.level === 'breaking').map((c) => c.fingerprint);
  assert.ok(breaking.length > 100 && breaking.every((f) => shown.includes(f)), 'every breaking change is in the comment');
  assert.match(md.stdout, new RegExp(`\\n✂️ ${r.changes.length - shown.length} changes left out to keep this comment within 65536 bytes: .*\\. See them all with \`--format json\` or \`--max-bytes 0\`\\.\\n`));
  assert.is(shownRows(await formatDiff('markdown', [r], { maxBytes: 0 })).length, r.changes.length);
});

test('--max-bytes with another format than markdown is a usage error', () => {
  const text = cli(['diff', 'base.yaml', 'revision.yaml', '--max-bytes', '1000']);
  assert.is(text.status, 2);
  assert.is(text.stderr, 'specgate: --max-bytes limits --format markdown only, not text\n');
});

test('diff -o FILE through the CLI: the markdown report in the file, one summary line on stdout, exit code kept', () => {
  const { dir, cleanup } = tempFiles({ 'base.yaml': accountApi('en, de', true), 'revision.yaml': accountApi('en, de, zh-HK', false) });
  try {
    const plain = cli(['diff', 'base.yaml', 'revision.yaml', '-f', 'markdown'], { cwd: dir });
    const r = cli(['diff', 'base.yaml', 'revision.yaml', '-f', 'markdown', '-o', 'comment.md'], { cwd: dir });
    assert.is(plain.status, 1, plain.stderr);
    assert.is(r.status, 1, r.stderr);
    assert.is(readFileSync(path.join(dir, 'comment.md'), 'utf8'), plain.stdout);
    assert.match(r.stdout, /^wrote comment\.md: \d+ changes \(\d+ breaking[^\n]*\) → major bump\n$/);
  } finally {
    cleanup();
  }
});

test.run();
