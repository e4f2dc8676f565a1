import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempFiles } from '../helpers.js';

const MINIMAL = 'asyncapi: 3.0.0\ninfo:\n  title: T\n  version: 1.0.0\n';

// Each bad input: exit 1 or 2, one clear line, no stack trace, fast.
function expectOneLine(r: ReturnType<typeof cli>, status: number, pattern: RegExp) {
  assert.is(r.status, status, `exit code; stdout=${r.stdout} stderr=${r.stderr}`);
  const all = r.stdout + r.stderr;
  assert.not.match(all, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
  assert.match(all, pattern);
}

const { dir, cleanup } = tempFiles({
  'empty.yaml': '',
  'binary.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
  'bomb.yaml':
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' +
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n' +
    'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
  'deep.json': '['.repeat(100_000) + ']'.repeat(100_000),
  'deep.yaml': 'a:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + ' 1\n',
  'cyclic.yaml': MINIMAL + 'components:\n  schemas:\n    A:\n      $ref: "#/components/schemas/B"\n    B:\n      $ref: "#/components/schemas/A"\n',
  'missing-ref.yaml': MINIMAL + 'components:\n  schemas:\n    A:\n      $ref: "./nowhere.yaml#/B"\n',
  'wrong-version.yaml': 'asyncapi: 9.9.9\ninfo:\n  title: T\n  version: 1.0.0\n',
  'not-a-spec.yaml': 'name: my-app\ndependencies:\n  - left-pad\n',
  'broken.yaml': MINIMAL + 'channels:\n  a: [1, 2\n  b: 3\n',
  'dupkey.yaml': MINIMAL + 'channels:\n  orders:\n    address: orders\n  orders:\n    address: again\n',
  'swagger.yaml': 'swagger: "2.0"\ninfo:\n  title: T\n  version: 1.0.0\npaths: {}\n',
  'badjson.json': '{\n  "openapi": "3.0.3",\n  "info": {\n    "title": "x",\n  }\n}\n',
  'nospecs/readme.yaml': 'hello: world\n',
});

test('empty file: exit 2, says so', () => expectOneLine(cli(['validate', `${dir}/empty.yaml`]), 2, /empty\.yaml:1:1: file is empty\n/));
test('binary file: exit 2', () => expectOneLine(cli(['validate', `${dir}/binary.yaml`]), 2, /binary file/));
test('YAML alias bomb: exit 2 quickly', () => expectOneLine(cli(['validate', `${dir}/bomb.yaml`], { timeout: 2000 }), 2, /aliases expand to more than/));
test('100k-deep JSON nesting: exit 2', () => expectOneLine(cli(['validate', `${dir}/deep.json`], { timeout: 2000 }), 2, /nested deeper than 512 levels/));
test('3000-deep YAML nesting: exit 2', () => expectOneLine(cli(['validate', `${dir}/deep.yaml`], { timeout: 2000 }), 2, /nested deeper/));
test('cyclic $ref: exit 1 with cyclic-ref at the ref', () => {
  const r = cli(['validate', `${dir}/cyclic.yaml`, '-f', 'json']);
  assert.is(r.status, 1);
  const d = JSON.parse(r.stdout).files[0].diagnostics;
  assert.ok(d.some((x: { rule: string; pointer: string }) => x.rule === 'cyclic-ref' && x.pointer === '/components/schemas/A/$ref'));
});
test('missing $ref file: exit 1, names the file and line', () => {
  const r = cli(['validate', `${dir}/missing-ref.yaml`]);
  expectOneLine(r, 1, /8:\d+\s+error\s+\$ref `\.\/nowhere\.yaml#\/B` cannot be resolved: .*no such file\s+unresolved-ref/);
});
test('unknown asyncapi version: exit 2 listing supported ones', () => expectOneLine(cli(['validate', `${dir}/wrong-version.yaml`]), 2, /9\.9\.9.*(2\.6\.0|3\.0\.0)/));
test('non-spec YAML named explicitly: exit 2', () => expectOneLine(cli(['validate', `${dir}/not-a-spec.yaml`]), 2, /no `asyncapi` or `openapi` field/));
test('YAML syntax error: exit 2 with line and column', () => expectOneLine(cli(['validate', `${dir}/broken.yaml`]), 2, /broken\.yaml:\d+:\d+: YAML/));
test('duplicate key: exit 2 at the second key', () => expectOneLine(cli(['validate', `${dir}/dupkey.yaml`]), 2, /dupkey\.yaml:8:3: YAML: duplicate key/));
test('swagger 2.0: exit 2, unsupported', () => expectOneLine(cli(['validate', `${dir}/swagger.yaml`]), 2, /[Ss]wagger|2\.0/));
test('invalid JSON: exit 2 with a position', () => expectOneLine(cli(['validate', `${dir}/badjson.json`]), 2, /invalid JSON/));
test('directory with no specs: exit 2, one line', () => {
  const r = cli(['validate', `${dir}/nospecs`]);
  assert.is(r.status, 2);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /no AsyncAPI or OpenAPI documents/);
});
test('missing input: exit 2', () => expectOneLine(cli(['validate', `${dir}/nope.yaml`]), 2, /no such file or directory/));
for (const [name, args, pattern] of [
  ['unknown flag', ['validate', '--bogus', 'x.yaml'], /^specgate: Nonexistent flag: --bogus \(see specgate validate --help\)$/],
  ['missing argument', ['validate'], /^specgate: Missing 1 required arg: specs .* \(see specgate validate --help\)$/],
  ['bad option value', ['validate', '-f', 'xml', 'x.yaml'], /^specgate: Expected --format=xml to be one of: stylish, json, sarif, junit, github/],
  ['unknown command', ['valdate', 'x.yaml'], /^specgate: unknown command `valdate` \(see specgate --help\)$/],
] as const) {
  test(`${name}: exit 2, one line on stderr, nothing on stdout`, () => {
    const r = cli([...args]);
    assert.is(r.status, 2, r.stderr);
    assert.is(r.stdout, '');
    assert.is(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr.trimEnd(), pattern);
  });
}
test('stdin works', () => {
  const r = cli(['validate', '-', '-f', 'json'], { input: MINIMAL });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(JSON.parse(r.stdout).files[0].version, '3.0.0');
});
test('inputs are never modified', async () => {
  const { readFileSync } = await import('node:fs');
  const before = readFileSync(`${dir}/cyclic.yaml`, 'utf8');
  cli(['validate', dir]);
  assert.is(readFileSync(`${dir}/cyclic.yaml`, 'utf8'), before);
});

test.after(cleanup);
test.run();
