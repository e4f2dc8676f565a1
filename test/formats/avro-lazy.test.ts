// avsc is loaded only by a run that meets an Avro payload: `--help` and JSON-only runs never read it.
// A preload script records every module the process requires from node_modules/avsc.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempFiles } from '../helpers.js';

const files = tempFiles({
  'hook.cjs': `const Module = require('node:module');
const load = Module._load;
let seen = false;
Module._load = function (request, parent, isMain) {
  const out = load.apply(this, arguments);
  if (!seen && (request === 'avsc' || /[\\\\/]node_modules[\\\\/]avsc[\\\\/]/.test(Module._resolveFilename(request, parent, isMain)))) seen = true;
  return out;
};
process.on('exit', () => process.stderr.write(seen ? 'AVSC-LOADED\\n' : 'AVSC-NOT-LOADED\\n'));
`,
  'json.yaml': `asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }
channels:
  c: { address: c, messages: { M: { payload: { type: object } } } }
`,
  'avro.yaml': `asyncapi: 3.0.0
info: { title: T, version: 1.0.0 }
channels:
  c:
    address: c
    messages:
      M:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema: { type: record, name: M, fields: [ { name: id, type: string } ] }
`,
});

const run = (...args: string[]) => cli(args, { env: { NODE_OPTIONS: `--require ${files.dir}/hook.cjs` } });

test('validate --help does not load avsc', () => {
  const r = run('validate', '--help');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, 'AVSC-NOT-LOADED');
});

test('validate and lint of a JSON Schema document do not load avsc', () => {
  for (const cmd of ['validate', 'lint']) {
    const r = run(cmd, `${files.dir}/json.yaml`);
    assert.match(r.stderr, 'AVSC-NOT-LOADED', `${cmd}: ${r.stdout}${r.stderr}`);
  }
});

test('validate of a document with an Avro payload loads avsc (the probe sees it)', () => {
  const r = run('validate', `${files.dir}/avro.yaml`);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, 'AVSC-LOADED');
});

test.after(() => files.cleanup());
test.run();
