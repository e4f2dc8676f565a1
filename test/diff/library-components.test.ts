// Shared libraries hold more than schemas: AsyncAPI `components.messages`, OpenAPI `components.parameters`
// and `components.headers` are compared by name too, in the directions of the specs that `$ref` them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDiff, type DiffRunOptions } from '../../src/cli/diff.js';
import type { Change } from '../../src/diff/types.js';
import { diffTexts } from './helpers.js';

const line = (c: Change) => `${c.level} ${c.id} ${c.direction ?? '-'}: ${c.message}`;

const events = (maxLength: number, trace = '{ type: string }') => `asyncapi: 3.0.0
info: { title: Events, version: 1.0.0 }
components:
  messages:
    OrderCreated:
      payload: { type: object, properties: { id: { type: string, maxLength: ${maxLength} } } }
      headers: { type: object, properties: { trace: ${trace} } }
`;
const http = (maximum: number, rate = '{ type: integer }') => `openapi: 3.1.0
info: { title: Common, version: 1.0.0 }
components:
  parameters:
    Limit: { name: limit, in: query, schema: { type: integer, maximum: ${maximum} } }
  headers:
    RateLimit: { schema: ${rate} }
`;

test('a messages-only AsyncAPI library, no user known: payload and headers checked both ways', async () => {
  const r = await diffTexts(events(20, '{ type: string }'), events(30, '{ type: string, maxLength: 5 }'));
  assert.equal(r.changes.map(line), [
    'breaking max-length-increased emit: Payload of message `OrderCreated` in library `revision.yaml`, no user known: checked both ways: `id` `maxLength` changed from ≤ 20 to ≤ 30; consumers may receive values outside the old limit.',
    'breaking max-length-added accept: Headers of message `OrderCreated` in library `revision.yaml`, no user known: checked both ways: `trace` now has `maxLength` ≤ 5; values valid before are now rejected.',
  ]);
});

test('an OpenAPI library of parameters and headers, no user known: their schemas checked both ways', async () => {
  const r = await diffTexts(http(100), http(50, '{ type: integer, minimum: 0 }'));
  assert.equal(r.changes.map(line), [
    'breaking maximum-decreased accept: Parameter `Limit` in library `revision.yaml`, no user known: checked both ways: the parameter `maximum` changed from ≤ 100 to ≤ 50; values valid before are now rejected.',
    'breaking minimum-added accept: Header `RateLimit` in library `revision.yaml`, no user known: checked both ways: the header now has `minimum` ≥ 0; values valid before are now rejected.',
  ]);
});

/** Run `specgate diff --base main <dir>` in-process in `cwd`, JSON output. */
async function run(args: string[], opts: Partial<DiffRunOptions>, cwd: string): Promise<{ code: number; out: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const ewrite = process.stderr.write.bind(process.stderr);
  let out = '';
  const before = process.cwd();
  process.stdout.write = ((s: string, cb?: () => void) => ((out += s), cb?.(), true)) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    process.chdir(cwd);
    return { code: await runDiff(args, { format: 'json', failOn: 'breaking', mode: 'auto', extensions: 'patch', ...opts }), out };
  } finally {
    process.chdir(before);
    process.stdout.write = write;
    process.stderr.write = ewrite;
  }
}

/** A git folder with `files`, committed, then `edits` written over them; the changes of `lib` in a `--base main specs` run. */
async function folderRun(files: Record<string, string>, edits: Record<string, string>, lib: string): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-libc-'));
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  const put = (f: string, text: string) => (mkdirSync(path.dirname(path.join(dir, f)), { recursive: true }), writeFileSync(path.join(dir, f), text));
  try {
    for (const [f, text] of Object.entries(files)) put(f, text);
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    for (const [f, text] of Object.entries(edits)) put(f, text);
    const r = await run(['specs'], { baseRef: 'main' }, dir);
    const results = JSON.parse(r.out).results as { revision: { file: string }; changes: Change[] }[];
    return results.find((x) => x.revision.file === path.normalize(lib))!.changes.map(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('--base over a folder: a library message is checked in the direction of the operations that $ref it', async () => {
  const producer = `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      created: { $ref: './common/events.yaml#/components/messages/OrderCreated' }
operations:
  publishOrder: { action: send, channel: { $ref: '#/channels/orders' }, messages: [{ $ref: '#/channels/orders/messages/created' }] }
`;
  assert.equal(await folderRun({ 'specs/common/events.yaml': events(20), 'specs/orders.yaml': producer }, { 'specs/common/events.yaml': events(10) }, 'specs/common/events.yaml'), [
    'non-breaking max-length-decreased emit: Payload of message `OrderCreated` in library `specs/common/events.yaml`, used by `publishOrder` in `specs/orders.yaml`: `id` `maxLength` changed from ≤ 20 to ≤ 10; fewer values are sent.',
  ]);
});

// An API using the library's `Limit` parameter and `RateLimit` response header.
const api = `openapi: 3.1.0
info: { title: Orders, version: 1.0.0 }
paths:
  /orders:
    get:
      parameters: [{ $ref: './common/http.yaml#/components/parameters/Limit' }]
      responses:
        '200':
          description: ok
          headers: { X-Rate-Limit: { $ref: './common/http.yaml#/components/headers/RateLimit' } }
`;

test('--base over a folder: a library parameter is accepted data, a library response header emitted', async () => {
  assert.equal(await folderRun({ 'specs/common/http.yaml': http(100), 'specs/orders.yaml': api }, { 'specs/common/http.yaml': http(50, '{ type: integer, minimum: 0 }') }, 'specs/common/http.yaml'), [
    'breaking maximum-decreased accept: Parameter `Limit` in library `specs/common/http.yaml`, used by `GET /orders` in `specs/orders.yaml`: the parameter `maximum` changed from ≤ 100 to ≤ 50; values valid before are now rejected.',
    'non-breaking minimum-added emit: Header `RateLimit` in library `specs/common/http.yaml`, used by `GET /orders` in `specs/orders.yaml`: the header now has `minimum` ≥ 0; fewer values are sent.',
  ]);
});

test('--base over a folder: a library parameter\'s and header\'s `required` and serialization, in their users\' directions', async () => {
  /** The library with `Limit` and `RateLimit` carrying `param` and `header` fields. */
  const lib = (param: string, header: string) => `openapi: 3.1.0
info: { title: Common, version: 1.0.0 }
components:
  parameters:
    Limit: { name: limit, in: query, ${param}schema: { type: integer } }
  headers:
    RateLimit: { ${header}schema: { type: integer } }
`;
  const USED = 'in library `specs/common/http.yaml`, used by `GET /orders` in `specs/orders.yaml`';
  const files = (text: string) => ({ 'specs/common/http.yaml': text, 'specs/orders.yaml': api });
  // Now required: breaking for the accepted parameter, harmless for the emitted header.
  assert.equal(await folderRun(files(lib('', '')), { 'specs/common/http.yaml': lib('required: true, ', 'required: true, ') }, 'specs/common/http.yaml'), [
    `breaking parameter-became-required accept: Parameter \`Limit\` ${USED}: it is now required.`,
    `non-breaking response-header-became-required emit: Header \`RateLimit\` ${USED}: it is now required.`,
  ]);
  // No longer required: the other way round; a changed `explode` breaks either way.
  assert.equal(await folderRun(files(lib('required: true, ', 'required: true, ')), { 'specs/common/http.yaml': lib('explode: false, ', '') }, 'specs/common/http.yaml'), [
    `breaking parameter-serialization-changed accept: Parameter \`Limit\` ${USED}: it is serialized differently: explode true → false.`,
    `breaking response-header-became-optional emit: Header \`RateLimit\` ${USED}: it is now optional; clients may no longer receive it.`,
    `non-breaking parameter-became-optional accept: Parameter \`Limit\` ${USED}: it is now optional.`,
  ]);
});

test.run();
