// Nothing a user or a spec writes reaches git as an option: a revision starting with `-` is refused, and
// every git call ends its options before the revision. Also: `__proto__` keys are data in every parser.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseText } from '../../src/load/parse.js';
import { cli, tempFiles } from '../helpers.js';

const SPEC = 'asyncapi: 3.0.0\ninfo: {title: Orders, version: 1.0.0}\nchannels: {}\n';

function repo() {
  const t = tempFiles({ 'a.yaml': SPEC });
  const g = (...args: string[]) => execFileSync('git', args, { cwd: t.dir, stdio: 'pipe' });
  g('init', '-q');
  g('add', '.');
  g('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'first');
  // `git show --output=evil:./a.yaml` would write into this folder.
  mkdirSync(path.join(t.dir, 'evil:.'));
  return t;
}

test('diff refuses a revision that git would read as an option, and git writes nothing', () => {
  const t = repo();
  try {
    const cases: [string[], string][] = [
      [['diff', '--', '--output=evil:./a.yaml', 'a.yaml'], 'specgate: --output=evil:./a.yaml: a git revision cannot start with `-`\n'],
      [['diff', 'a.yaml', '--', '--output=evil:./a.yaml'], 'specgate: --output=evil:./a.yaml: a git revision cannot start with `-`\n'],
      [['diff', '--base=--output=evil:./a.yaml', '.'], 'specgate: --base --output=evil:./a.yaml: a git revision cannot start with `-`\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args, { cwd: t.dir });
      assert.is(r.status, 2, args.join(' '));
      assert.is(r.stderr, stderr, args.join(' '));
      assert.equal(readdirSync(path.join(t.dir, 'evil:.')), [], `${args.join(' ')} wrote a file`);
    }
    // Revisions that are revisions still work, as `rev:path` and as --base.
    assert.is(cli(['diff', 'HEAD:a.yaml', 'a.yaml'], { cwd: t.dir }).status, 0);
    assert.is(cli(['diff', '--base', 'HEAD', '.'], { cwd: t.dir }).status, 0);
  } finally {
    t.cleanup();
  }
});

test('__proto__ keys stay own data in YAML (block, flow, quoted) and JSON, and no prototype changes', () => {
  const docs: [string, string][] = [
    ['a.yaml', 'a: 1\n__proto__:\n  polluted: yes\nx:\n  __proto__: {polluted: 1}\n'],
    ['a.yaml', 'a: {__proto__: {polluted: 1}, b: 2}\n'],
    ['a.yaml', "'__proto__':\n  polluted: 1\n"],
    ['a.json', '{"a":1,"__proto__":{"polluted":1},"x":{"__proto__":[1]}}'],
  ];
  for (const [file, text] of docs) {
    const v = parseText(text, file).value as Record<string, unknown>;
    const walk = (o: unknown): void => {
      if (o === null || typeof o !== 'object') return;
      assert.ok([Object.prototype, Array.prototype].includes(Object.getPrototypeOf(o)), text);
      assert.is((o as { polluted?: unknown }).polluted === undefined || Object.hasOwn(o, 'polluted'), true, text);
      for (const k of Object.keys(o)) walk((o as Record<string, unknown>)[k]);
    };
    walk(v);
    const holder = 'x' in v ? (v.x as object) : 'a' in v && typeof v.a === 'object' ? (v.a as object) : v;
    assert.ok(Object.hasOwn(holder, '__proto__'), `${text}: __proto__ is an own key`);
    assert.is(({} as { polluted?: unknown }).polluted, undefined);
  }
});

test.run();
