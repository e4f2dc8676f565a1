// Remote `$ref`s (--allow-remote-refs) are untrusted: bodies are capped while they stream, all fetches
// share one deadline, the files of one level are fetched in parallel, and redirects stay on the origin.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Workspace, type WorkspaceOptions } from '../../src/load/workspace.js';
import { ROOT, tempFiles } from '../helpers.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  base: string;
  /** Paths asked for, in the order the requests arrived. */
  requests: string[];
  /** Most requests in progress at once. */
  maxActive: number;
  /** Responses the client closed before they were sent in full. */
  aborted: string[];
  close: () => Promise<void>;
}

async function serve(handler: Handler): Promise<TestServer> {
  let active = 0;
  const s: Partial<TestServer> = { requests: [], maxActive: 0, aborted: [] };
  const server = http.createServer((req, res) => {
    s.requests!.push(req.url!);
    s.maxActive = Math.max(s.maxActive!, ++active);
    res.on('close', () => {
      active--;
      if (!res.writableFinished) s.aborted!.push(req.url!);
    });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s.close = () => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  };
  return s as TestServer;
}

const SCHEMA = 'type: object\n';

/** A root document whose schemas each `$ref` one URL. */
function rootWith(urls: string[]): string {
  return `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n${urls.map((u, i) => `    S${i}:\n      $ref: '${u}'\n`).join('')}`;
}

async function load(urls: string[], options: WorkspaceOptions = {}): Promise<Workspace> {
  const ws = new Workspace({ allowRemoteRefs: true, ...options });
  await ws.loadRootText('root.yaml', rootWith(urls));
  return ws;
}

const problems = (ws: Workspace) => ws.refProblems.map((p) => `${p.kind} ${p.at.pointer}: ${p.message}`);

/** Writes 16 KB chunks until the client goes away; never ends on its own. */
function endless(res: http.ServerResponse): void {
  const chunk = Buffer.alloc(16 * 1024, 'a');
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

/** Resolves once the server has seen `n` requests closed early (the client's abort travels a socket). */
async function abortsSeen(s: TestServer, n: number): Promise<void> {
  for (let i = 0; i < 200 && s.aborted.length < n; i++) await new Promise((r) => setTimeout(r, 10));
}

test('a huge body without Content-Length is cut off while it streams', async () => {
  const s = await serve((_req, res) => (res.writeHead(200, { 'content-type': 'application/yaml' }), endless(res)));
  try {
    const url = `${s.base}/huge.yaml`;
    const ws = await load([url], { remoteMaxBytes: 64 * 1024 });
    assert.equal(problems(ws), [`unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: remote $ref body is larger than 64 KB`]);
    await abortsSeen(s, 1);
    assert.equal(s.aborted, ['/huge.yaml']);
  } finally {
    await s.close();
  }
});

test('a Content-Length above the cap is refused before the body is read', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
    res.flushHeaders(); // the body would follow; the client must not wait for it
  });
  try {
    const url = `${s.base}/declared.yaml`;
    const ws = await load([url]);
    assert.equal(problems(ws), [`unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: remote $ref body is larger than 64 MB`]);
    await abortsSeen(s, 1);
    assert.equal(s.aborted, ['/declared.yaml']);
  } finally {
    await s.close();
  }
});

test('a small Content-Length does not vouch for the body: a gzip bomb is capped after decoding', async () => {
  const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a'));
  const s = await serve((_req, res) => (res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(bomb.length) }), res.end(bomb)));
  try {
    const url = `${s.base}/bomb.yaml`;
    assert.ok(bomb.length < 64 * 1024);
    const ws = await load([url], { remoteMaxBytes: 64 * 1024 });
    assert.equal(problems(ws), [`unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: remote $ref body is larger than 64 KB`]);
  } finally {
    await s.close();
  }
});

test('a Content-Length promising more than is sent ends as one line, not a hang', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('type: obj');
    setTimeout(() => res.socket?.destroy(), 20);
  });
  try {
    const url = `${s.base}/short.yaml`;
    const ws = await load([url]);
    assert.equal(problems(ws), [`unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: cannot fetch remote $ref: terminated (UND_ERR_SOCKET)`]);
  } finally {
    await s.close();
  }
});

test('a body with NUL bytes or bad UTF-8 keeps the local-file messages', async () => {
  const s = await serve((req, res) => res.end(Buffer.from(req.url === '/bin.yaml' ? [0x61, 0, 0x62] : [0x61, 0xff, 0x62])));
  try {
    const bin = `${s.base}/bin.yaml`;
    const latin = `${s.base}/latin1.yaml`;
    const ws = await load([bin, latin]);
    assert.equal(problems(ws), [
      `unresolved-ref /components/schemas/S1: $ref \`${latin}\` cannot be resolved: ${latin}: not valid UTF-8 text; YAML and JSON specs must be UTF-8`,
      `unresolved-ref /components/schemas/S0: $ref \`${bin}\` cannot be resolved: ${bin}: binary file (contains NUL bytes), not a YAML or JSON document`,
    ]);
  } finally {
    await s.close();
  }
});

test('one deadline for all remote fetches: the second of a chain of slow files is given up on, naming its URL', async () => {
  // Each answers after 500 ms, within 900 ms by itself; together they take longer than the run may.
  // (The slack is for the first fetch's set-up on a loaded machine: only `mid` depends on it.)
  const s = await serve((req, res) => {
    setTimeout(() => res.end(req.url === '/mid.yaml' ? 'properties:\n  next:\n    $ref: next.yaml\n' : SCHEMA), 500);
  });
  try {
    const mid = `${s.base}/mid.yaml`;
    const next = `${s.base}/next.yaml`;
    const ws = await load([mid], { remoteTimeoutMs: 900 });
    assert.equal(problems(ws), [
      `unresolved-ref /properties/next: $ref \`next.yaml\` cannot be resolved: ${next}: cannot fetch remote $ref: timed out; all remote $refs together may take 900 ms`,
    ]);
    assert.equal([...ws.files.keys()], ['root.yaml', mid]);
    await abortsSeen(s, 1);
    assert.equal(s.aborted, ['/next.yaml']);
  } finally {
    await s.close();
  }
});

test('the files of one level are fetched in parallel, at most 8 at a time, and kept in ref order', async () => {
  // Answers are held until 8 requests are in flight (or 300 ms pass, so one at a time still ends), then
  // later files answer first: the order of the result must not follow the order of the answers.
  const held: (() => void)[] = [];
  const s = await serve((req, res) => {
    const n = Number(/\d+/.exec(req.url!)![0]);
    const answer = () => setTimeout(() => res.end(n === 3 ? 'type: [' : SCHEMA), (10 - n) * 20);
    held.push(answer);
    if (held.length === 8) for (const a of held.splice(0)) a();
    else setTimeout(() => held.includes(answer) && (held.splice(held.indexOf(answer), 1), answer()), 300);
  });
  try {
    const urls = Array.from({ length: 10 }, (_, i) => `${s.base}/s${i}.yaml`);
    const ws = await load(urls);
    assert.is(s.maxActive, 8);
    // The order refs are met in (sibling keys last first), as when files were fetched one by one.
    assert.equal([...ws.files.keys()], ['root.yaml', ...urls.filter((_, i) => i !== 3).reverse()]);
    assert.equal(
      problems(ws).map((p) => p.slice(0, p.indexOf(': '))),
      ['unresolved-ref /components/schemas/S3'],
    );
  } finally {
    await s.close();
  }
});

test('a redirect to another host is refused, naming the host', async () => {
  const other = await serve((_req, res) => res.end(SCHEMA));
  const otherHost = new URL(other.base).host;
  const s = await serve((_req, res) => (res.writeHead(302, { location: `${other.base}/evil.yaml` }), res.end()));
  try {
    const url = `${s.base}/moved.yaml`;
    const ws = await load([url]);
    assert.equal(problems(ws), [
      `unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: remote $ref redirects to another host (${otherHost}); only hosts the spec names are fetched`,
    ]);
    assert.equal(other.requests, []);
  } finally {
    await s.close();
    await other.close();
  }
});

test('a redirect on the same origin is followed', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/old.yaml') res.writeHead(301, { location: '/new.yaml' }).end();
    else res.end(SCHEMA);
  });
  try {
    const url = `${s.base}/old.yaml`;
    const ws = await load([url]);
    assert.equal(problems(ws), []);
    assert.equal(ws.files.get(url)?.value, { type: 'object' });
    assert.equal(s.requests, ['/old.yaml', '/new.yaml']);
  } finally {
    await s.close();
  }
});

test('a redirect loop stops after 5 redirects', async () => {
  const s = await serve((req, res) => res.writeHead(307, { location: req.url === '/a.yaml' ? '/b.yaml' : '/a.yaml' }).end());
  try {
    const url = `${s.base}/a.yaml`;
    const ws = await load([url]);
    assert.equal(problems(ws), [`unresolved-ref /components/schemas/S0: $ref \`${url}\` cannot be resolved: ${url}: remote $ref redirects more than 5 times`]);
    assert.is(s.requests.length, 6);
  } finally {
    await s.close();
  }
});

/** The built CLI, run without blocking this process (the test server answers from here). */
function cliAsync(args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('CLI: validate --allow-remote-refs reports a refused redirect at the $ref, exit 1', async () => {
  const other = await serve((_req, res) => res.end(SCHEMA));
  const s = await serve((_req, res) => res.writeHead(302, { location: `${other.base}/x.yaml` }).end());
  const { dir, cleanup } = tempFiles({ 'api.yaml': rootWith([`${s.base}/moved.yaml`]) });
  try {
    const r = await cliAsync(['validate', '--allow-remote-refs', 'api.yaml'], dir);
    assert.is(r.stderr, '');
    assert.is(r.status, 1);
    const url = `${s.base}/moved.yaml`;
    const why = `remote $ref redirects to another host (${new URL(other.base).host}); only hosts the spec names are fetched`;
    assert.is(
      r.stdout,
      `\napi.yaml  OpenAPI 3.1.0\n  7:7  error  $ref \`${url}\` cannot be resolved: ${url}: ${why}  unresolved-ref\n\n✖ 1 problem (1 error, 0 warnings) in 1 file\n`,
    );
  } finally {
    cleanup();
    await s.close();
    await other.close();
  }
});

test.run();
