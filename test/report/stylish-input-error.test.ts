// Stylish output shows an input error as the one line the docs promise, `file:line:col: message`, on a
// terminal and off it, next to the other files' reports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatReport, type FileReport } from '../../src/report/index.js';
import { cli, tempFiles } from '../helpers.js';

const { dir, cleanup } = tempFiles({
  'bad.yaml': 'asyncapi: [\n',
  'good.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths: {}\n',
  'params.yaml': 'openapi: 3.1.0\ninfo:\n  title: T\n  version: 1.0.0\npaths:\n  /orders/{id}:\n    get:\n      responses:\n        "200":\n          description: ok\n',
});

const BAD = 'bad.yaml:2:1: YAML: unexpected end of the stream within a flow collection';

test('validate: one line for the broken file, the good file still reported, exit 2', () => {
  const r = cli(['validate', 'bad.yaml', 'good.yaml'], { cwd: dir });
  assert.is(r.status, 2);
  assert.is(r.stdout, `${BAD}\n✔ good.yaml  OpenAPI 3.1.0\n\n✖ 1 problem (1 error, 0 warnings) in 2 files\n`);
});

test('validate: an input error next to another file with findings', () => {
  const r = cli(['validate', 'bad.yaml', 'params.yaml'], { cwd: dir });
  assert.is(r.status, 2);
  assert.is(
    r.stdout,
    [
      BAD,
      '',
      'params.yaml  OpenAPI 3.1.0',
      '  7:5  error  `GET /orders/{id}` does not declare path parameter `id`  path-parameters',
      '              help: add `{ name: id, in: path, required: true }` to its `parameters`',
      '',
      '✖ 2 problems (2 errors, 0 warnings) in 2 files',
      '',
    ].join('\n'),
  );
});

test('lint: the same one line', () => {
  const r = cli(['lint', 'bad.yaml', 'good.yaml', '--ruleset', 'minimal'], { cwd: dir });
  assert.is(r.status, 2);
  assert.is(r.stdout, `${BAD}\n✔ good.yaml  OpenAPI 3.1.0\n\n✖ 1 problem (1 error, 0 warnings) in 2 files\n`);
});

test('with colour (a terminal): still one line, in red', async () => {
  const files: FileReport[] = [
    {
      file: 'in/a.yaml',
      valid: false,
      diagnostics: [{ rule: 'input-error', severity: 'error', message: 'file is empty', file: 'in/a.yaml', pointer: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
    },
  ];
  const out = await formatReport('stylish', files, { toolVersion: '0', rules: [], color: true, command: 'validate' });
  assert.is(out, '\u001b[31min/a.yaml:1:1: file is empty\u001b[39m\n\n\u001b[31m\u001b[1m✖ 1 problem (1 error, 0 warnings) in 1 file\u001b[22m\u001b[39m\n');
});

test.after(cleanup);
test.run();
