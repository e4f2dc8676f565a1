// multipart/form-data request bodies, generated from test/fixtures/http/uploads.openapi.yaml (OpenAPI 3.1:
// a `format: binary` file, arrays of `contentMediaType` files, JSON parts by default and by `encoding`,
// a deepObject field as bracketed parts):
// the generated table and types, then client and router over loopback (node:http and Fastify), with
// bodies sent by hand where the client would refuse them.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ResponseValidationError, RouterCore, ValidationError } from 'specgate/runtime';
import { registerRoutes } from 'specgate/runtime/http/fastify';
import { assertRuntimeBuilt, generateInto, generateSpec, ROOT, serve } from './helpers.js';

assertRuntimeBuilt();
const UPLOADS = path.join(ROOT, 'test', 'fixtures', 'http', 'uploads.openapi.yaml');
const uploads = (await import(pathToFileURL(path.join(await generateInto(UPLOADS, undefined, path.join('http-multipart', 'uploads')), 'index.ts')).href)) as typeof import('../.generated/http-multipart/uploads/index.js');
type Handlers = import('../.generated/http-multipart/uploads/index.js').UploadsHandlers;
type UploadedFile = import('specgate/runtime').UploadedFile;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

/** Handlers recording what they got, files as `name type [bytes]` so assertions show the exact bytes. */
function handlers(seen: unknown[]): Handlers {
  const file = (f: UploadedFile) => `${f.filename ?? '(no name)'} ${f.contentType} [${[...f.data].join(',')}]`;
  return {
    uploadAvatar: ({ path: p, body }) => {
      const { avatar, thumbnails, ...fields } = body;
      seen.push({ id: p.id, fields, avatar: file(avatar), thumbnails: thumbnails?.map(file) });
      return { status: 200, body: { ok: true } };
    },
    addDocument: ({ body }) => {
      seen.push(body && { ...body, attachments: body.attachments?.map(file) });
      return { status: 204 };
    },
  };
}

/** A multipart body written by hand (CRLF lines), to send what no client would. */
const BOUNDARY = 'b0und4ry';
const part = (name: string, value: string, extra = '') => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** POST `body` with `http.request`, with the given headers exactly (fetch would fix a wrong length), and read the answer. */
function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: { errors?: unknown; detail?: string } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('generated: the parts of each body in the table, files typed as bytes for the client and as received files for handlers', async () => {
  const g = await generateSpec(UPLOADS, undefined);
  const file = (p: string) => g.files.find((f) => f.path === p)!.content;
  assert.ok(file('operations.ts').includes('requestBody: { required: true, media: [{ contentType: "multipart/form-data", multipart: { files: { avatar: "one", thumbnails: "many" }, json: { meta: "one" } }, validate: validateAvatarUploadMultipart }] },'));
  assert.ok(file('operations.ts').includes('multipart: { files: { attachments: "many" }, json: { labels: "many", scores: "many" }, deep: ["options"] }, validate: validateAddDocumentBodyMultipart'));
  const types = file('types.ts');
  assert.ok(types.includes("import type { FileContent, UploadedFile } from 'specgate/runtime';"));
  assert.ok(types.includes('  body: Omit<AvatarUpload, "avatar" | "thumbnails"> & { avatar: FileContent; thumbnails?: FileContent[] };\n}'));
  assert.ok(types.includes('  body: Omit<AvatarUpload, "avatar" | "thumbnails"> & { avatar: UploadedFile; thumbnails?: UploadedFile[] };\n  contentType?: string;'));
  // Beside another media type, the intersection is parenthesised in the union.
  assert.ok(types.includes('  body?: (Omit<AddDocumentBody, "attachments"> & { attachments?: FileContent[] }) | AddDocumentBody2;\n  contentType?: "multipart/form-data" | "application/json";'));
  assert.ok(types.includes('  body: (Omit<AddDocumentBody, "attachments"> & { attachments?: UploadedFile[] }) | AddDocumentBody2 | undefined;'));
  // The validator sees files only as present; an array of files keeps its maxItems.
  assert.ok(file('parameter-validators.ts').includes('"attachments":{"type":"array","maxItems":3,"items":true}'));
  assert.equal(g.warnings, []);
});

test('client to router: text fields coerced, a JSON part parsed, files with their exact bytes, name and type', async () => {
  const seen: unknown[] = [];
  const s = await serve(uploads.createUploadsRouter(handlers(seen)));
  try {
    const client = uploads.createUploadsClient({ baseUrl: s.url, timeoutMs: 2000 });
    const res = await client.uploadAvatar({
      path: { id: 7 },
      body: { caption: 'me, at the sea', count: 2, public: false, tags: ['a', 'b c'], meta: { source: 'phone', width: 640 }, avatar: new File([PNG], 'me.png', { type: 'image/png' }), thumbnails: [PNG, new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' })] },
    });
    assert.equal([res.status, res.body], [200, { ok: true }]);
    assert.equal(seen, [
      {
        id: 7,
        fields: { caption: 'me, at the sea', count: 2, public: false, tags: ['a', 'b c'], meta: { source: 'phone', width: 640 } },
        avatar: 'me.png image/png [137,80,78,71,13,10,26,10,0,255]',
        // Bytes and a Blob without a name: fetch names them `blob`; bytes go as application/octet-stream.
        thumbnails: ['blob application/octet-stream [137,80,78,71,13,10,26,10,0,255]', 'blob image/png [1,2,3]'],
      },
    ]);
    // One text part for an array field is an array of one; arrays of JSON parts, one per element.
    seen.length = 0;
    const recording = uploads.createUploadsClient({ baseUrl: s.url, timeoutMs: 2000, fetch: async (url, init) => (parts.push(...[...(init!.body as FormData).entries()].map(([k, v]) => `${k}=${typeof v === 'string' ? v : `(${v.type})`}`)), fetch(url, init)) });
    const parts: string[] = [];
    const doc = { title: 'T', labels: [{ name: 'x' }, { name: 'y' }], scores: [3, 4], options: { pin: true, expires_at: 1700000000 }, attachments: [new File([new Uint8Array([37, 80, 68, 70])], 'a.pdf', { type: 'application/pdf' })] };
    assert.is((await recording.addDocument({ body: doc })).status, 204);
    assert.equal(parts, ['title=T', 'labels=(application/json)', 'labels=(application/json)', 'scores=(application/json)', 'scores=(application/json)', 'options[pin]=true', 'options[expires_at]=1700000000', 'attachments=(application/pdf)']);
    assert.equal(seen.pop(), { title: 'T', labels: [{ name: 'x' }, { name: 'y' }], scores: [3, 4], options: { pin: true, expires_at: 1700000000 }, attachments: ['a.pdf application/pdf [37,80,68,70]'] });
    const single = new FormData();
    single.append('caption', 'x');
    single.append('count', '1');
    single.append('tags', 'solo');
    single.append('avatar', new Blob([PNG]), 'a.png');
    let r = await fetch(`${s.url}/users/1/avatar`, { method: 'POST', body: single });
    assert.is(r.status, 200);
    assert.equal((seen.pop() as { fields: unknown }).fields, { caption: 'x', count: 1, tags: ['solo'] });
    // A field named `__proto__` stays an own key; in brackets it is dropped; no prototype is touched.
    const hostile = new FormData();
    hostile.append('__proto__', 'x');
    hostile.append('options[__proto__][polluted]', '1');
    hostile.append('options[pin]', 'false');
    r = await fetch(`${s.url}/documents`, { method: 'POST', body: hostile });
    assert.is(r.status, 204);
    const got = seen.pop() as Record<string, unknown>;
    // (`attachments` is the recording handler's own.)
    assert.equal([Object.keys(got), Object.getPrototypeOf(got) === Object.prototype, got.options], [['__proto__', 'options', 'attachments'], true, { pin: false }]);
    assert.is(({} as Record<string, unknown>).polluted, undefined);
    // An optional body may be left out.
    r = await fetch(`${s.url}/documents`, { method: 'POST' });
    assert.equal([r.status, seen.pop()], [204, undefined]);
  } finally {
    await s.close();
  }
});

test('refusals: a missing or invalid field is a 400 naming it before the handler runs; the client refuses it before sending', async () => {
  const seen: unknown[] = [];
  const s = await serve(uploads.createUploadsRouter(handlers(seen)));
  const sent: unknown[] = [];
  try {
    const post = (form: FormData, to = '/users/1/avatar') => fetch(`${s.url}${to}`, { method: 'POST', body: form });
    const form = (fields: Record<string, string | Blob>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.append(k, v);
      return f;
    };
    const avatar = new Blob([PNG], { type: 'image/png' });
    let r = await post(form({ count: '1', avatar }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '', detail: "must have required property 'caption'" }]]);
    r = await post(form({ caption: 'x', count: '1' }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '', detail: "must have required property 'avatar'" }]]);
    r = await post(form({ caption: 'x', count: 'two', avatar }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '/count', detail: 'must be integer' }]]);
    r = await post(form({ caption: 'x', count: '1', avatar, meta: '{"source":' }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '/meta', detail: 'is not valid JSON' }]]);
    r = await post(form({ caption: 'x', count: '1', avatar, meta: '{"width":1}' }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '/meta', detail: "must have required property 'source'" }]]);
    const two = form({ caption: 'x', count: '1', avatar });
    two.append('avatar', avatar);
    r = await post(two);
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '/avatar', detail: 'must be one part' }]]);
    r = await post(form({ caption: 'x', count: '1', avatar, colour: 'red' }));
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '', detail: 'has unknown property `colour`' }]]);
    const four = form({});
    for (let i = 0; i < 4; i++) four.append('attachments', new Blob([PNG]), `${i}.pdf`);
    r = await post(four, '/documents');
    assert.equal([r.status, (await r.json()).errors], [400, [{ in: 'body', pointer: '/attachments', detail: 'must NOT have more than 3 items' }]]);
    assert.equal(seen, [], 'no handler ran');

    const recording: typeof fetch = async (url, init) => (sent.push(init?.body), fetch(url, init));
    const client = uploads.createUploadsClient({ baseUrl: s.url, timeoutMs: 2000, fetch: recording });
    const e = await client.uploadAvatar({ path: { id: 1 }, body: { caption: '', count: 1, avatar: PNG } }).catch((x: unknown) => x);
    assert.instance(e, ValidationError);
    assert.is((e as Error).message, 'uploadAvatar: outgoing body /caption must NOT have fewer than 1 characters');
    const missing = await client.uploadAvatar({ path: { id: 1 }, body: { caption: 'x', count: 1 } as never }).catch((x: unknown) => x);
    assert.is((missing as Error).message, "uploadAvatar: outgoing body (root) must have required property 'avatar'");
    assert.equal(sent, [], 'nothing sent');
  } finally {
    await s.close();
  }
});

test('malformed and oversized bodies: 400 for no boundary, a cut-short body or a bad part header, 413 past maxBodyBytes; never a hang', async () => {
  const seen: unknown[] = [];
  const s = await serve(uploads.createUploadsRouter(handlers(seen), { maxBodyBytes: 4096 }));
  try {
    const url = `${s.url}/users/1/avatar`;
    const whole = part('caption', 'x') + part('count', '1') + part('avatar', 'PNG', '; filename="a.png"') + `--${BOUNDARY}--\r\n`;
    let r = await rawPost(url, whole, { 'content-type': MULTIPART, 'content-length': String(Buffer.byteLength(whole)) });
    assert.is(r.status, 200, 'the hand-written body is well-formed');
    assert.equal((seen.pop() as { avatar: string }).avatar, 'a.png text/plain [80,78,71]');
    // Cut before the closing boundary: the HTTP framing is fine, the multipart body is not.
    const cut = part('caption', 'x') + part('count', '1') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n\r\nPN`;
    r = await rawPost(url, cut, { 'content-type': MULTIPART, 'content-length': String(Buffer.byteLength(cut)) });
    assert.equal([r.status, r.body.detail, r.body.errors], [400, 'the body is not valid multipart/form-data (Unexpected end of form)', [{ in: 'body', pointer: '', detail: 'is not valid multipart/form-data' }]]);
    r = await rawPost(url, whole, { 'content-type': 'multipart/form-data', 'content-length': String(Buffer.byteLength(whole)) });
    assert.equal([r.status, r.body.detail], [400, 'the body is not valid multipart/form-data (Multipart: Boundary not found)']);
    const badHeader = `--${BOUNDARY}\r\n${'X'.repeat(100)}\r\n\r\nx\r\n--${BOUNDARY}--\r\n`;
    r = await rawPost(url, badHeader, { 'content-type': MULTIPART, 'content-length': String(Buffer.byteLength(badHeader)) });
    assert.equal([r.status, r.body.detail], [400, 'the body is not valid multipart/form-data (Malformed part header)']);
    // Chunked, so nothing announces the size: the limit is counted as the body arrives.
    const big = part('caption', 'x') + part('count', '1') + part('avatar', 'x'.repeat(5000), '; filename="big.png"') + `--${BOUNDARY}--\r\n`;
    r = await rawPost(url, big, { 'content-type': MULTIPART, 'transfer-encoding': 'chunked' });
    assert.equal([r.status, r.body.detail], [413, 'the body is larger than 4096 bytes']);
    // The client's upload too.
    const client = uploads.createUploadsClient({ baseUrl: s.url, timeoutMs: 2000 });
    const res = await client.uploadAvatar({ path: { id: 1 }, body: { caption: 'x', count: 1, avatar: new Uint8Array(5000) } }).catch((x: unknown) => x);
    assert.instance(res, ResponseValidationError, 'a 413 is not declared: the client refuses the response');
    assert.is((res as Error).message, 'uploadAvatar: response 413 application/problem+json: (root) status 413 is not declared');
    assert.equal(seen, []);
  } finally {
    await s.close();
  }
});

test('a request that goes away mid-body settles with a 400, the handler never called', async () => {
  const seen: unknown[] = [];
  const routes = uploads.createUploadsRoutes(handlers(seen));
  const core = new RouterCore(routes.operations, routes.handlers);
  const found = core.find('POST', '/users/1/avatar');
  const source = new PassThrough();
  const req = { headers: { 'content-type': MULTIPART, 'content-length': '10000' } } as never;
  const answer = core.respond(found.route!, found.match!, new URL('http://localhost/users/1/avatar'), req, async () => Buffer.alloc(0), source);
  source.write(part('caption', 'x'));
  source.destroy();
  const a = await answer;
  assert.equal([a.status, JSON.parse(String(a.payload)).detail], [400, 'the body is not valid multipart/form-data (the request was cut off before its body ended)']);
  assert.equal(seen, []);
});

test('Fastify: the multipart body reaches the core as a stream; the same answers as the node:http router', async () => {
  const seen: unknown[] = [];
  const app = Fastify();
  // The app's own JSON route keeps Fastify's parsing beside the generated routes.
  app.post('/own', async (req) => ({ own: req.body }));
  await registerRoutes(app, uploads.createUploadsRoutes(handlers(seen)), { maxBodyBytes: 4096 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const node = await serve(uploads.createUploadsRouter(handlers([]), { maxBodyBytes: 4096 }));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const client = uploads.createUploadsClient({ baseUrl: url, timeoutMs: 2000 });
    const res = await client.uploadAvatar({ path: { id: 3 }, body: { caption: 'c', count: 5, meta: { source: 's' }, avatar: new File([PNG], 'f.png', { type: 'image/png' }) } });
    assert.is(res.status, 200);
    assert.equal(seen.pop(), { id: 3, fields: { caption: 'c', count: 5, meta: { source: 's' } }, avatar: 'f.png image/png [137,80,78,71,13,10,26,10,0,255]', thumbnails: undefined });
    const whole = part('count', '1') + part('avatar', 'PNG', '; filename="a.png"') + `--${BOUNDARY}--\r\n`;
    const cut = whole.slice(0, -8);
    const big = part('avatar', 'x'.repeat(5000), '; filename="big.png"') + `--${BOUNDARY}--\r\n`;
    for (const [body, headers] of [
      [whole, { 'content-type': MULTIPART, 'content-length': String(whole.length) }],
      [cut, { 'content-type': MULTIPART, 'content-length': String(cut.length) }],
      [big, { 'content-type': MULTIPART, 'transfer-encoding': 'chunked' }],
    ] as const) {
      const [a, b] = await Promise.all([rawPost(`${url}/users/1/avatar`, body, headers), rawPost(`${node.url}/users/1/avatar`, body, headers)]);
      assert.equal(a, b);
    }
    assert.equal(await (await fetch(`${url}/own`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })).json(), { own: { a: 1 } });
    assert.equal(seen, []);
  } finally {
    await node.close();
    await app.close();
  }
});

test.run();
