// Readers never leave the project and never hang: a `$ref`, a folder scan or a config's `extends`
// reaches only regular files under the project root (or a folder named with --allow-ref-outside), and a
// refused one is a located finding that never shows the target's content. See docs/security.md.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cli, tempFiles, type CliResult } from '../helpers.js';
import { seeded } from '../hostile.js';

// Planted outside the project; it must never show up in anything specgate prints or writes.
const TOKEN = 'TOKEN-7f3a91c2e5';
const SECRET_YAML = `type: object\ndescription: ${TOKEN}\nproperties:\n  ${TOKEN}: {type: string, description: ${TOKEN}}\n`;

const spec = (ref: string, version = '1.0.0') =>
  `asyncapi: 3.0.0\ninfo: {title: Orders, version: ${version}}\nchannels:\n  orders:\n    messages:\n      placed:\n        payload: {$ref: '${ref.replace(/'/g, "''")}'}\noperations:\n  sendPlaced:\n    action: send\n    channel: {$ref: '#/channels/orders'}\n`;
// The `$ref` above stands at line 7, column 19 (after `payload: {`), pointer /channels/orders/messages/placed/payload/$ref.
const AT = { line: 7, column: 19 };

/** T/secret/… outside, T/proj (a git checkout: it has .git) inside, with links from inside to outside. */
function project() {
  const t = tempFiles({
    'secret/token.yaml': SECRET_YAML,
    'proj/.git/HEAD': 'ref: refs/heads/main\n',
    'proj/specs/common.yaml': 'type: object\nproperties:\n  id: {type: string}\n',
  });
  const proj = path.join(t.dir, 'proj');
  symlinkSync('../../secret/token.yaml', path.join(proj, 'specs/link.yaml'));
  symlinkSync('../../secret', path.join(proj, 'specs/dirlink'));
  execFileSync('mkfifo', [path.join(proj, 'specs/fifo.yaml')]);
  const write = (ref: string, name = 'specs/order.yaml', version?: string) => writeFileSync(path.join(proj, name), spec(ref, version));
  const run = (args: string[], timeout = 15_000) => cli(args, { cwd: proj, timeout });
  return { ...t, proj, secret: path.join(t.dir, 'secret'), write, run };
}

function noToken(r: CliResult, what: string) {
  assert.not.ok(r.stdout.includes(TOKEN) || r.stderr.includes(TOKEN), `${what}: the secret's content reached the output\n${r.stdout}\n${r.stderr}`);
}

function diagnostics(r: CliResult) {
  const out = JSON.parse(r.stdout) as { files: { file: string; diagnostics: { rule: string; message: string; range?: { start: { line: number; column: number } } }[] }[] };
  return out.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.file, rule: d.rule, message: d.message, ...(d.range ? { line: d.range.start.line, column: d.range.start.column } : {}) })));
}

test('a $ref out of the project is a located finding naming where it leads, never its content', () => {
  const p = project();
  try {
    const secretFile = path.join(p.secret, 'token.yaml');
    const cases: [string, string | RegExp][] = [
      [secretFile, secretFile],
      ['../../secret/token.yaml', secretFile],
      ['%2e%2e/%2E%2E/secret/token.yaml', secretFile],
      [`file://${secretFile}`, secretFile],
      ['link.yaml', secretFile],
      ['dirlink/token.yaml', secretFile],
      ['../../secret/missing.yaml', path.join(p.secret, 'missing.yaml')],
      ['/etc/passwd', '/etc/passwd'],
      ['/proc/self/status', /^\/proc\/\d+\/status$/], // the real path of the process that ran
      ['/dev/zero', '/dev/zero'],
    ];
    for (const [ref, reaches] of cases) {
      p.write(ref);
      const r = p.run(['validate', 'specs/order.yaml', '--format', 'json']);
      assert.is(r.status, 1, `${ref}: ${r.stderr}`);
      noToken(r, ref);
      const found = diagnostics(r);
      const to = typeof reaches === 'string' ? reaches : (/ reaches (\S+),/.exec(found[0]?.message ?? '')?.[1] ?? '');
      assert.match(to, reaches, ref);
      assert.equal(found, [
        {
          file: 'specs/order.yaml',
          rule: 'ref-outside-project',
          message: `$ref \`${ref}\` reaches ${to}, outside the project (.); not read (allow a folder with --allow-ref-outside DIR)`,
          ...AT,
        },
      ], ref);
    }
  } finally {
    p.cleanup();
  }
});

test('refs inside the project still work, and --allow-ref-outside DIR widens the scope', () => {
  const p = project();
  try {
    p.write('common.yaml');
    assert.is(p.run(['validate', 'specs/order.yaml']).status, 0);
    p.write('../../secret/token.yaml');
    const r = p.run(['validate', 'specs/order.yaml', '--allow-ref-outside', '../secret']);
    assert.is(r.status, 0, r.stdout + r.stderr);
    const bad = p.run(['validate', 'specs/order.yaml', '--allow-ref-outside', 'nowhere']);
    assert.is(bad.status, 2);
    assert.is(bad.stderr, 'specgate: --allow-ref-outside nowhere: not a folder\n');
  } finally {
    p.cleanup();
  }
});

test('lint, generate and diff refuse the same ref and print or write nothing of the target', () => {
  const p = project();
  try {
    p.write('common.yaml', 'specs/base.yaml');
    p.write('../../secret/token.yaml', 'specs/order.yaml', '1.1.0');
    const lint = p.run(['lint', 'specs/order.yaml', '--format', 'json']);
    assert.is(lint.status, 1);
    noToken(lint, 'lint');
    assert.ok(diagnostics(lint).some((d) => d.rule === 'ref-outside-project' && d.line === AT.line && d.column === AT.column));

    const gen = p.run(['generate', 'specs/order.yaml', '--out', 'gen']);
    assert.is(gen.status, 1);
    noToken(gen, 'generate');
    assert.not.ok(existsSync(path.join(p.proj, 'gen')), 'nothing generated');

    // diff does not compare a side it cannot read whole: exit 2 at the ref, in every format.
    for (const format of ['markdown', 'json', 'text']) {
      const diff = p.run(['diff', 'specs/base.yaml', 'specs/order.yaml', '--format', format]);
      assert.is(diff.status, 2, `diff ${format}: ${diff.stderr}`);
      assert.ok(diff.stderr.startsWith(`specgate: specs/order.yaml:${AT.line}:${AT.column}: $ref \`../../secret/token.yaml\` reaches `), `diff ${format}: ${diff.stderr}`);
      assert.match(diff.stderr, /outside the project .*; not compared\n$/);
      assert.is(diff.stdout, '', `diff ${format}`);
      noToken(diff, `diff ${format}`);
    }
  } finally {
    p.cleanup();
  }
});

test('a device, a FIFO or /proc/kmsg as a ref or an input ends at once with a located error; the other files are reported', () => {
  const p = project();
  try {
    p.write('fifo.yaml');
    p.write('common.yaml', 'specs/good.yaml');
    const r = p.run(['validate', 'specs/order.yaml', 'specs/good.yaml', '--format', 'json'], 10_000);
    assert.is(r.status, 1, r.stderr);
    assert.equal(diagnostics(r), [
      {
        file: 'specs/order.yaml',
        rule: 'unresolved-ref',
        message: '$ref `fifo.yaml` cannot be resolved: specs/fifo.yaml: not a regular file (a device, FIFO or socket); specs are read from regular files only',
        ...AT,
      },
    ]);
    const inputs = p.run(['validate', '/dev/zero', 'specs/fifo.yaml', '/proc/kmsg', 'specs/good.yaml', '--format', 'json'], 10_000);
    assert.is(inputs.status, 2, inputs.stderr);
    const found = diagnostics(inputs).map((d) => `${d.file}: ${d.message}`);
    assert.equal(found, [
      '/dev/zero: not a regular file (a device, FIFO or socket); specs are read from regular files only',
      'specs/fifo.yaml: not a regular file (a device, FIFO or socket); specs are read from regular files only',
      // Readable for root only; otherwise it has nothing to read without waiting.
      `/proc/kmsg: ${found[2]?.endsWith('EACCES') ? 'cannot read: EACCES' : 'cannot be read without waiting (EAGAIN); specs are read from regular files only'}`,
    ]);
    // good.yaml is valid and listed with no diagnostics.
    assert.ok((JSON.parse(inputs.stdout) as { files: { file: string; valid: boolean }[] }).files.some((f) => f.file === 'specs/good.yaml' && f.valid));
  } finally {
    p.cleanup();
  }
});

test('a folder scan does not follow links out of the project', () => {
  const p = project();
  try {
    writeFileSync(path.join(p.secret, 'outside.asyncapi.yaml'), `asyncapi: 3.0.0\ninfo: {title: ${TOKEN}, version: 1.0.0}\nchannels: {}\n`);
    symlinkSync(path.join(p.secret, 'outside.asyncapi.yaml'), path.join(p.proj, 'specs/outside.yaml'));
    p.write('common.yaml');
    const r = p.run(['validate', 'specs', '--format', 'json']);
    noToken(r, 'scan');
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    // Not the link out, nor the FIFO (a scan lists regular files and links only).
    assert.equal(files, ['specs/order.yaml']);
  } finally {
    p.cleanup();
  }
});

test("a lint config's extends stays in its repository and is read as a regular file", () => {
  const p = project();
  try {
    p.write('common.yaml');
    const config = path.join(p.proj, 'specgate.config.yaml');
    writeFileSync(config, 'extends: ../secret/token.yaml\n');
    const r = p.run(['lint', 'specs/order.yaml']);
    assert.is(r.status, 2);
    noToken(r, 'extends');
    assert.is(r.stderr, `specgate: specgate.config.yaml:1:10: \`extends\`: ${path.join(p.secret, 'token.yaml')} is outside the project (.); not read\n`);
    writeFileSync(config, 'extends: specs/fifo.yaml\n');
    const fifo = p.run(['lint', 'specs/order.yaml'], 10_000);
    assert.is(fifo.status, 2);
    assert.match(fifo.stderr, /specgate\.config\.yaml:1:10: `extends`: cannot read config: not a regular file/);
  } finally {
    p.cleanup();
  }
});

// Seeded: hostile ways to write a path to the secret (or to something that never ends) through every
// reader. Each run must end within its timeout, with a documented exit code, and show nothing of it.
test('seeded hostile paths through validate, lint, generate and diff never leak the secret or hang', () => {
  const p = project();
  try {
    const random = seeded(0xc0ffee);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const targets = [`${p.secret}/token.yaml`, '/dev/zero', '/dev/urandom', '/proc/self/environ', 'fifo.yaml', 'link.yaml', 'dirlink/token.yaml'];
    const writings = [
      (t: string) => t,
      (t: string) => (t.startsWith('/') ? `file://${t}` : t),
      (t: string) => (t.startsWith('/') ? `${'../'.repeat(1 + Math.floor(random() * 8))}${t.slice(1)}` : `./${t}`),
      (t: string) => t.replace(/\./g, '%2e').replace(/\//g, random() < 0.5 ? '/' : '%2F'),
      (t: string) => `${t}#/properties`,
      (t: string) => (t.startsWith('/') ? `//${t}` : `../specs/${t}`),
    ];
    const commands = [
      (): string[] => ['validate', 'specs/order.yaml', '--format', pick(['json', 'stylish', 'github', 'sarif', 'junit'])],
      (): string[] => ['lint', 'specs/order.yaml', '--format', pick(['json', 'stylish', 'github'])],
      (): string[] => ['generate', 'specs/order.yaml', '--out', 'gen'],
      (): string[] => ['diff', 'specs/base.yaml', 'specs/order.yaml', '--format', pick(['markdown', 'text', 'json', 'github'])],
    ];
    p.write('common.yaml', 'specs/base.yaml');
    for (let n = 0; n < 24; n++) {
      const ref = pick(writings)(pick(targets));
      p.write(ref, 'specs/order.yaml', '2.0.0');
      const args = pick(commands)();
      const r = p.run(args, 10_000);
      const what = `${args.join(' ')} with $ref ${ref}`;
      assert.ok([0, 1, 2].includes(r.status), `${what}: exit ${r.status} (timed out or crashed)\n${r.stderr}`);
      assert.not.match(r.stderr, /\n\s+at /, `${what}: a stack trace`);
      noToken(r, what);
      const gen = path.join(p.proj, 'gen');
      if (existsSync(gen))
        for (const f of readdirSync(gen)) if (statSync(path.join(gen, f)).isFile()) assert.not.ok(readFileSync(path.join(gen, f), 'utf8').includes(TOKEN), `${what}: ${f}`);
    }
  } finally {
    p.cleanup();
  }
});

test.run();
