// The command line on the bundled Kafka/Avro service: a broken `.avsc` is one located line and exit 1;
// a breaking Avro change fails `diff` with the finding located in the `.avsc` file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cli, ROOT, tempFiles } from '../helpers.js';

const dir = path.join(ROOT, 'specs/kafka-avro');
const spec = readFileSync(path.join(dir, 'profile-service.asyncapi.yaml'), 'utf8');
const avsc = readFileSync(path.join(dir, 'profile-updated.avsc'), 'utf8');
const edit = (from: string, to: string) => {
  assert.ok(avsc.includes(from), from);
  return avsc.replace(from, to);
};
const files = tempFiles({
  'base/profile-service.asyncapi.yaml': spec,
  'base/profile-updated.avsc': avsc,
  'rev/profile-service.asyncapi.yaml': spec,
  'rev/profile-updated.avsc': edit('"size": 32', '"size": 64').replace('{ "name": "displayName", "type": "string" },', '{ "name": "displayName", "type": "string" }, { "name": "bio", "type": "string" },'),
  'bad/profile-service.asyncapi.yaml': spec,
  'bad/profile-updated.avsc': edit('"symbols": ["FREE", "PRO", "TEAM"]', '"symbols": ["FREE", "PRO", "TEAM", "TEAM"]'),
});

test('validate: the bundled service passes; a symbol listed twice in its .avsc is one annotation there, exit 1', () => {
  assert.is(cli(['validate', path.join(dir, 'profile-service.asyncapi.yaml')]).status, 0);
  const r = cli(['validate', 'profile-service.asyncapi.yaml', '--format', 'github'], { cwd: path.join(files.dir, 'bad') });
  assert.is(r.stdout, '::error file=profile-updated.avsc,line=9,col=100,endLine=9,endColumn=106,title=avro-schema::symbol `TEAM` is listed twice in enum `Plan`\n');
  assert.is(r.status, 1);
});

test('diff: a fixed that grows breaks the consumers of a sent message; a new field does not', () => {
  const r = cli(['diff', 'base/profile-service.asyncapi.yaml', 'rev/profile-service.asyncapi.yaml', '--format', 'json'], { cwd: files.dir });
  assert.is(r.status, 1, r.stderr);
  const changes = (JSON.parse(r.stdout) as { changes: { id: string; level: string; revision?: { file: string; line: number; column: number } }[] }).changes;
  assert.equal(
    changes.map((c) => `${c.id} ${c.level} ${c.revision?.file}:${c.revision?.line}:${c.revision?.column}`),
    [`avro-fixed-size-changed breaking ${path.join('rev', 'profile-updated.avsc')}:10:85`, `avro-field-added non-breaking ${path.join('rev', 'profile-updated.avsc')}:8:50`],
  );
});

test.after(() => files.cleanup());
test.run();
