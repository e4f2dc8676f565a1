import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatReport, type FileReport } from '../../src/report/index.js';
import { cli, tempFiles } from '../helpers.js';

const files: FileReport[] = [
  {
    file: 'api/order.yaml',
    format: 'asyncapi',
    version: '3.0.0',
    valid: false,
    diagnostics: [
      {
        rule: 'asyncapi-schema',
        severity: 'error',
        message: 'unknown property `chanels`, did you mean `channels`?',
        file: 'api/order.yaml',
        pointer: '/chanels',
        range: { start: { line: 5, column: 1 }, end: { line: 5, column: 8 } },
        help: 'rename it',
      },
      {
        rule: 'x-rule',
        severity: 'warning',
        message: 'a 100% odd, message\nwith: newline',
        file: 'api/common.yaml',
        pointer: '/a',
        range: { start: { line: 2, column: 3 }, end: { line: 2, column: 9 } },
      },
    ],
  },
  { file: 'api/ok.yaml', format: 'openapi', version: '3.1.0', valid: true, diagnostics: [] },
];
const ctx = { toolVersion: '1.2.3', rules: [{ id: 'asyncapi-schema', description: 'Matches the schema.' }], color: false, command: 'validate' };

test('stylish: file:line:col, severity, message, rule; summary; no colour codes when colour is off', async () => {
  const out = await formatReport('stylish', files, ctx);
  assert.match(out, /api\/order\.yaml  AsyncAPI 3\.0\.0\n {2}5:1 {18}error {4}unknown property `chanels`, did you mean `channels`\? {2}asyncapi-schema/);
  assert.match(out, /api\/common\.yaml:2:3 {2}warning/);
  assert.match(out, /help: rename it/);
  assert.match(out, /✔ api\/ok\.yaml  OpenAPI 3\.1\.0/);
  assert.match(out, /✖ 2 problems \(1 error, 1 warning\) in 2 files/);
  assert.not.match(out, /\u001b\[/);
  assert.match(await formatReport('stylish', files, { ...ctx, color: true }), /\u001b\[31m/);
});

test('json: the documented shape, stable key order', async () => {
  const out = JSON.parse(await formatReport('json', files, ctx));
  assert.equal(Object.keys(out), ['files']);
  assert.equal(Object.keys(out.files[0]), ['file', 'format', 'version', 'valid', 'diagnostics']);
  assert.equal(out.files[0].diagnostics[0], {
    rule: 'asyncapi-schema',
    severity: 'error',
    message: 'unknown property `chanels`, did you mean `channels`?',
    file: 'api/order.yaml',
    pointer: '/chanels',
    range: { start: { line: 5, column: 1 }, end: { line: 5, column: 8 } },
    help: 'rename it',
  });
});

test('github: one escaped workflow command per finding, one line each', async () => {
  const out = await formatReport('github', files, ctx);
  const lines = out.trimEnd().split('\n');
  assert.is(lines.length, 2);
  assert.is(lines[0], '::error file=api/order.yaml,line=5,col=1,endLine=5,endColumn=8,title=asyncapi-schema::unknown property `chanels`, did you mean `channels`? (rename it)');
  assert.is(lines[1], '::warning file=api/common.yaml,line=2,col=3,endLine=2,endColumn=9,title=x-rule::a 100%25 odd, message%0Awith: newline');
});

test('junit: one suite per file, failures counted, XML escaped', async () => {
  const out = await formatReport('junit', files, ctx);
  assert.match(out, /<testsuites name="specgate validate" tests="3" failures="2">/);
  assert.match(out, /<testsuite name="api\/order\.yaml" tests="2" failures="2" errors="0">/);
  assert.match(out, /<testcase classname="api\/ok\.yaml" name="validate"\/>/);
  assert.match(out, /message="a 100% odd, message&#10;with: newline"/);
});

test('sarif: version, rule index, levels, regions, relative URIs', async () => {
  const log = JSON.parse(await formatReport('sarif', files, ctx));
  assert.is(log.version, '2.1.0');
  const run = log.runs[0];
  assert.is(run.tool.driver.name, 'specgate');
  assert.equal(run.tool.driver.rules.map((r: { id: string }) => r.id), ['asyncapi-schema', 'x-rule']);
  assert.is(run.results[0].ruleIndex, 0);
  assert.is(run.results[1].level, 'warning');
  assert.equal(run.results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: 'api/order.yaml' },
    region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 8 },
  });
});

test('CLI end to end: a schema error in a $ref-ed file is reported in that file', () => {
  const { dir, cleanup } = tempFiles({
    'api.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: T\n  version: 1.0.0\nchannels:\n  orders:\n    $ref: "./channels.yaml#/orders"\n',
    'channels.yaml': 'orders:\n  address: orders\n  messages:\n    created:\n      payload:\n        type: object\n      contentType: 42\n',
  });
  try {
    const r = cli(['validate', 'api.yaml', '-f', 'json'], { cwd: dir });
    const d = JSON.parse(r.stdout).files[0].diagnostics;
    assert.is(r.status, 1, r.stdout + r.stderr);
    assert.is(d.length, 1, JSON.stringify(d));
    assert.is(d[0].file, 'channels.yaml');
    assert.is(d[0].range.start.line, 7);
  } finally {
    cleanup();
  }
});

test.run();
