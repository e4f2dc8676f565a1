// `specgate graph --format html`: what a spec wrote is escaped for each place of the page, and the page
// works in a real browser (Debian's chromium, headless): it loads without an error and without fetching
// anything, draws every service and flow, a click on an arrow shows that flow's schema locations and
// problems, and an incompatible flow is drawn red.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import CDP from 'chrome-remote-interface';
import { PNG } from 'pngjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Graph } from '../../src/system/graph.js';
import { escapeHtml, html, scriptJson } from '../../src/system/html.js';
import { cli, needs, tempFiles } from '../helpers.js';

// --- escaping ------------------------------------------------------------------------------------------

const EVIL_TITLE = '</script><img src=x onerror=alert(1)>';
const EVIL_MESSAGE = `"><svg onload=alert(2)>&amp;'`;
const EVIL_FILE = `a"b'<c>.yaml`;

const hostile: Graph = {
  services: [
    { id: 'evil', title: EVIL_TITLE, file: EVIL_FILE, version: '1', format: 'asyncapi', documents: [{ file: EVIL_FILE, format: 'asyncapi', specVersion: '3.0.0', version: '1' }] },
    { id: 'billing', title: 'Billing', file: 'b.yaml', version: '1', format: 'asyncapi', documents: [{ file: 'b.yaml', format: 'asyncapi', specVersion: '3.0.0', version: '1' }] },
  ],
  channels: [{ address: 'orders', protocol: null, kind: 'unknown' }],
  flows: [{ from: 'evil', to: 'billing', channel: 'orders', message: EVIL_MESSAGE, kind: 'event', compatible: false, sender: `${EVIL_FILE}:7:7`, receiver: 'b.yaml:7:7' }],
  problems: [
    { rule: 'system-consumer-incompatible', severity: 'error', message: `billing rejects some \`${EVIL_MESSAGE}\` that evil (${EVIL_FILE}:8:1) may send`, file: 'b.yaml', line: 8, column: 3, endLine: 8, endColumn: 9 },
  ],
};

test('escapeHtml and scriptJson: every character that could end the context', () => {
  assert.is(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;amp;&#60;/a&#62;');
  assert.is(scriptJson({ s: '</script><!-- & \u2028\u2029' }), '{"s":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}');
  assert.equal(JSON.parse(scriptJson({ s: '</script><!-- & \u2028\u2029' })), { s: '</script><!-- & \u2028\u2029' });
});

test('a hostile service title, message name and file name are escaped in the HTML text, attributes, JSON and SVG', async () => {
  const page = await html(hostile);
  // Only the page's own two script elements, and nothing the spec wrote as markup.
  assert.equal(page.match(/<script\b[^>]*>/g), ['<script type="application/json" id="graph-data">', '<script>']);
  assert.is(page.split('</script>').length - 1, 2);
  for (const raw of [EVIL_TITLE, '<img', '<svg onload', EVIL_FILE]) assert.not.ok(page.includes(raw), raw);
  // HTML text and attribute (the services list).
  assert.ok(
    page.includes(
      '<li class="service" title="a&#34;b&#39;&#60;c&#62;.yaml">&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62; <code>evil</code></li>',
    ),
  );
  // HTML text and attribute (the problems list).
  assert.ok(
    page.includes(
      '<li class="problem" data-at="b.yaml:8:3"><span class="sev sev-error">error</span><span class="loc">b.yaml:8:3</span> billing rejects some `&#34;&#62;&#60;svg onload=alert(2)&#62;&#38;amp;&#39;` that evil (a&#34;b&#39;&#60;c&#62;.yaml:8:1) may send <code class="rule">system-consumer-incompatible</code></li>',
    ),
  );
  // Inline JSON: `<` never appears raw, and the data reads back as it was.
  const json = /<script type="application\/json" id="graph-data">([^<]*)<\/script>/.exec(page)![1];
  assert.ok(json.includes('"title":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"'));
  assert.ok(json.includes('"message":"\\"\\u003e\\u003csvg onload=alert(2)\\u003e\\u0026amp;\'"'));
  assert.equal(JSON.parse(json).graph, hostile);
  // SVG text, escaped by Graphviz; `&amp;` shows as written, not as `&`.
  assert.ok(page.includes('>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</text>'));
  assert.ok(page.includes('>&quot;&gt;&lt;svg onload=alert(2)&gt;&amp;amp;&#39; (event)</text>'));
  assert.ok(page.includes('>a&quot;b&#39;&lt;c&gt;.yaml</text>'));
  assert.not.ok(page.includes('<!--'), 'no comment from the SVG');
});

// --- the page in a browser -----------------------------------------------------------------------------

/** A service that sends or receives one message; payload on line 8. */
const doc = (title: string, action: 'send' | 'receive', channels: [address: string, message: string, payload: string][]) =>
  `asyncapi: 3.0.0
info: { title: ${JSON.stringify(title)}, version: 1.0.0 }
channels:
${channels.map(([address, message, payload], i) => `  c${i}:\n    address: ${address}\n    messages:\n      ${message}:\n        payload: ${payload}`).join('\n')}
operations:
${channels.map((_, i) => `  c${i}: { action: ${action}, channel: { $ref: '#/channels/c${i}' } }`).join('\n')}
`;

/** Order Service sends to Billing (`billing`: its payload schema) and to Mail (which accepts anything). */
function system(billing: string) {
  return tempFiles({
    'order.yaml': doc('Order Service', 'send', [
      ['orders.created', 'OrderCreated', '{ type: object, properties: { orderId: { type: string }, currency: { type: string } } }'],
      ['orders.shipped', 'OrderShipped', '{ type: object }'],
    ]),
    'billing.yaml': doc('Billing Service', 'receive', [['orders.created', 'OrderCreated', billing]]),
    'mail.yaml': doc('Mail Service', 'receive', [['orders.shipped', 'OrderShipped', '{ type: object }']]),
  });
}

/** The JSON graph and the HTML page of a folder, both from the built CLI. */
function draw(dir: string): { graph: Graph; page: string } {
  const json = cli(['graph', dir, '-f', 'json']);
  const out = path.join(dir, 'system.html');
  const r = cli(['graph', dir, '-f', 'html', '-o', out]);
  assert.is(r.stderr, `wrote ${out}\n`);
  assert.is(r.status, json.status);
  return { graph: JSON.parse(json.stdout) as Graph, page: out };
}

// Billing requires a field the sender may leave out; or accepts anything.
const bad = system('{ type: object, required: [currency] }');
const good = system('{ type: object }');
test.after(() => {
  bad.cleanup();
  good.cleanup();
});

test('graph --format html writes the page; exit code as for the other formats', () => {
  const { graph, page } = draw(bad.dir);
  assert.equal(
    graph.flows.map((f) => [f.from, f.to, f.compatible]),
    [
      ['order-service', 'billing-service', false],
      ['order-service', 'mail-service', true],
    ],
  );
  assert.is(cli(['graph', bad.dir, '-f', 'html', '-o', page]).status, 1);
  assert.is(cli(['graph', good.dir, '-f', 'html', '-o', path.join(good.dir, 'system.html')]).status, 0);
  const text = readFileSync(page, 'utf8');
  assert.ok(text.startsWith('<!doctype html>'));
  // Self-contained: nothing to fetch.
  assert.not.ok(/\b(src|href)=|https?:|@import|url\(/.test(text.replace(/xmlns(:xlink)?="[^"]*"/g, '')));
});

function findChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    for (const name of ['chromium', 'chromium-browser']) {
      try {
        accessSync(path.join(dir, name), constants.X_OK);
        return path.join(dir, name);
      } catch {
        /* not here */
      }
    }
  return undefined;
}

const chromium = findChromium();
const browserTest = needs('server', !!chromium, 'chromium is not installed (apt-get install chromium; .ci/services.sh installs it)');
// Headless as root (CI): the sandbox needs an unprivileged user.
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--no-default-browser-check', '--hide-scrollbars', '--window-size=1200,800'];

/** Start chromium with DevTools on a free port; returns the port and how to stop it. */
async function launch(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'specgate-chromium-'));
  const child = spawn(chromium!, [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // The profile goes once chromium has exited (it writes there until then).
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true });
  };
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start DevTools:\n${err}`)), 30_000);
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}):\n${err}`)));
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return { port, stop };
}

browserTest('the page loads with no error and no request, draws every service and flow, and a click on an arrow shows its flow', async () => {
  const { graph, page } = draw(bad.dir);
  const { port, stop } = await launch();
  let client: CDP.Client | undefined;
  try {
    client = await CDP({ port });
    const { Page, Runtime, Log, Network, Input } = client;
    const errors: string[] = [];
    const requests: string[] = [];
    Runtime.consoleAPICalled((e) => {
      if (e.type === 'error' || e.type === 'assert' || e.type === 'warning') errors.push(`console.${e.type}: ${e.args.map((a) => a.value ?? a.description).join(' ')}`);
    });
    Runtime.exceptionThrown((e) => errors.push(`exception: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`));
    Log.entryAdded((e) => {
      if (e.entry.level === 'error' || e.entry.level === 'warning') errors.push(`log ${e.entry.source}: ${e.entry.text}`);
    });
    Network.requestWillBeSent((e) => requests.push(e.request.url));
    await Promise.all([Page.enable(), Runtime.enable(), Log.enable(), Network.enable()]);
    const url = pathToFileURL(page).href;
    const loaded = Page.loadEventFired();
    await Page.navigate({ url });
    await loaded;
    const run = async <T>(expression: string): Promise<T> => {
      const r = await Runtime.evaluate({ expression, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    };
    assert.is(await run('document.documentElement.dataset.ready'), 'true');

    // One node per service, one arrow per pair of services with flows (Graphviz titles them by name).
    const titles = (cls: string) => run<string[]>(`[...document.querySelectorAll('#drawing svg g.${cls} > title')].map((t) => t.textContent)`);
    assert.equal((await titles('node')).sort(), graph.services.map((s) => s.id).sort());
    assert.equal((await titles('edge')).sort(), [...new Set(graph.flows.map((f) => `${f.from}->${f.to}`))].sort());

    /** Click, as a user does, the middle of the arrow from `from` to `to`; returns the flows shown. */
    const click = async (from: string, to: string) => {
      const at = await run<{ x: number; y: number }>(`(() => {
        const edge = [...document.querySelectorAll('#drawing g.edge')].find((g) => g.querySelector('title').textContent === ${JSON.stringify(`${from}->${to}`)});
        const line = edge.querySelector('path:not(.hit)');
        const p = line.getPointAtLength(line.getTotalLength() / 2);
        const m = line.getScreenCTM();
        return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
      })()`);
      for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'] as const) await Input.dispatchMouseEvent({ type, x: at.x, y: at.y, button: 'left', clickCount: 1 });
      return run<{ heading: string; flows: { status: string; message: string; sender: string; receiver: string; problems: string[] }[] }>(`(() => ({
        heading: document.querySelector('#detail h2').textContent,
        flows: [...document.querySelectorAll('#detail .flow')].map((f) => ({
          status: f.querySelector('.status').textContent,
          message: f.querySelector('.message').textContent,
          sender: f.querySelector('.sender').textContent,
          receiver: f.querySelector('.receiver').textContent,
          problems: [...f.querySelectorAll('li.problem')].map((li) => li.textContent),
        })),
      }))()`);
    };
    const [created, shipped] = graph.flows;
    const problem = graph.problems.find((p) => p.rule === 'system-consumer-incompatible')!;
    assert.equal(await click('order-service', 'billing-service'), {
      heading: 'order-service → billing-service',
      flows: [{ status: 'incompatible', message: 'OrderCreated (event)', sender: created.sender, receiver: created.receiver, problems: [`error${problem.file}:${problem.line}:${problem.column} ${problem.message} ${problem.rule}`] }],
    });
    assert.is(created.sender, path.join(bad.dir, 'order.yaml') + ':7:7');
    assert.is(created.receiver, path.join(bad.dir, 'billing.yaml') + ':7:7');
    assert.equal(await click('order-service', 'mail-service'), {
      heading: 'order-service → mail-service',
      flows: [{ status: 'compatible', message: 'OrderShipped (event)', sender: shipped.sender, receiver: shipped.receiver, problems: [] }],
    });
    assert.is(await run(`document.querySelectorAll('#drawing g.selected').length`), 1);
    assert.is(await run(`document.querySelectorAll('#problems li.problem').length`), graph.problems.length);

    assert.equal(errors, []);
    assert.equal(requests, [url]);
  } finally {
    await client?.close();
    await stop();
  }
});

/** Pixels of the incompatible red (#dd0000, as Graphviz writes #d00) that fill a 4×4 square: a filled
 * arrowhead or a 2-point line, not the 1-point border of a service or anti-aliased text. */
function solidRed(png: PNG): number {
  const red = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return png.data[i] >= 200 && png.data[i] <= 235 && png.data[i + 1] <= 25 && png.data[i + 2] <= 25;
  };
  let n = 0;
  for (let y = 0; y + 3 < png.height; y++)
    for (let x = 0; x + 3 < png.width; x++) {
      let all = true;
      for (let dy = 0; dy < 4 && all; dy++) for (let dx = 0; dx < 4 && all; dx++) all = red(x + dx, y + dy);
      if (all) n++;
    }
  return n;
}

function screenshot(page: string): PNG {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'specgate-chromium-'));
  const file = path.join(profile, 'shot.png');
  try {
    const r = spawnSync(chromium!, [...FLAGS, `--user-data-dir=${profile}`, `--screenshot=${file}`, pathToFileURL(page).href], { encoding: 'utf8', timeout: 60_000 });
    assert.is(r.status, 0, r.stderr);
    return PNG.sync.read(readFileSync(file));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

browserTest('a screenshot shows the incompatible flow in red, and a system without one has no such red', () => {
  const shot = screenshot(draw(bad.dir).page);
  assert.equal([shot.width, shot.height], [1200, 800]);
  assert.ok(solidRed(shot) > 0, 'red arrow');
  assert.is(solidRed(screenshot(draw(good.dir).page)), 0);
});

test.run();
