#!/usr/bin/env node
// validate and diff of an AsyncAPI document with 100 Avro payloads (bench/avro-gen.mjs: 50 inline, 50
// `$ref` to `.avsc` files), specgate side by side with the AsyncAPI CLI, whose parser runs
// @asyncapi/avro-schema-parser on every payload:
//   - `specgate validate` vs `asyncapi validate`
//   - `specgate diff old new` vs `asyncapi diff old new --no-error` (the second version changes 10 payloads)
//
//   node bench/avro.mjs [--runs N] [--quick] [--json FILE]
//
// AsyncAPI 2.6.0, because `asyncapi validate` 6.2.0 does not report a broken Avro schema in a 3.0.0
// document (checked before measuring, below); BENCH_AVRO_ASYNCAPI=3.0.0 shows it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MESSAGES, MUTATED, writeAvroDocs } from './avro-gen.mjs';
import { ASYNCAPI_VALID, anchorBin, ANCHORS_DIR, caseAdder, parseFlags, progress, report, runOnce, ROOT, size, SPECGATE_BIN } from './lib.mjs';

const flags = parseFlags();
const version = process.env.BENCH_AVRO_ASYNCAPI ?? '2.6.0';
const dir = mkdtempSync(path.join(os.tmpdir(), 'specgate-bench-avro-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const docs = writeAvroDocs(dir, { version });
const broken = brokenCopy();
progress(`generated ${MESSAGES} Avro payloads (AsyncAPI ${version}) in ${dir}`);

const rows = [];
const add = caseAdder(rows, flags);

// A time only says something about Avro if the tool looked at the Avro schemas: each tool must reject
// a copy whose one `.avsc` uses an unknown type. A tool that accepts it gets a note on its rows.
const blind = {};
for (const [tool, cmd, args, cwd] of [
  ['specgate', process.execPath, [SPECGATE_BIN, 'validate', broken], ROOT],
  ['asyncapi', anchorBin('asyncapi'), ['validate', broken], ANCHORS_DIR],
]) {
  if (!cmd) continue;
  const run = await runOnce(cmd, args, { cwd });
  const found = /integr/.test(run.stdout + run.stderr);
  progress(`  ${tool} on a broken .avsc: exit ${run.code}${found ? ', reports the unknown type' : ', says nothing about it'}`);
  if (run.code === 0 || !found) blind[tool] = `\`${tool} validate\` accepts the document with an unknown Avro type in one \`.avsc\` file (exit ${run.code}): its time does not include checking the Avro schemas.`;
}

const V = version.replace(/\.0$/, '');
const SIZE = `${size(docs.old)} YAML + 50 \`.avsc\``;
const VALIDATE_TASK = `validate AsyncAPI ${V}, ${MESSAGES} Avro payloads (${SIZE})`;
await add(VALIDATE_TASK, 'specgate', ['validate', docs.old], { expectExit: 0, expectOutput: /no problems/, note: blind.specgate });
await add(VALIDATE_TASK, 'asyncapi', ['validate', docs.old], { ...ASYNCAPI_VALID, note: blind.asyncapi });

const DIFF_TASK = `diff of the same, ${MUTATED} payloads changed`;
// specgate exits 1 on the breaking changes; an avro-* rule id shows it compared the Avro schemas.
await add(DIFF_TASK, 'specgate', ['diff', docs.old, docs.new], { expectExit: [0, 1], expectOutput: /avro-fixed-size-changed/ });
await add(DIFF_TASK, 'asyncapi', ['diff', docs.old, docs.new, '--no-error'], {
  expectExit: 0,
  expectOutput: /^changes:/m,
  display: 'asyncapi diff --no-error',
  // It compares the parsed documents as plain JSON: converted JSON Schema, generated ids and all.
  note: '`asyncapi diff` compares the parsed documents (the converted JSON Schema, the original payload and the ids its parser generates) as JSON; bench/README.md says what it reports on this pair.',
});

await add.flush();
report(rows, flags);

/** The old version with one `.avsc` file given an unknown type. */
function brokenCopy() {
  const out = path.join(dir, 'broken');
  const files = writeAvroDocs(out, { version });
  const avsc = path.join(path.dirname(files.old), 'schemas', readFileSync(files.old, 'utf8').match(/\$ref: \.\/schemas\/(\w+\.avsc)/)[1]);
  writeFileSync(avsc, readFileSync(avsc, 'utf8').replace('"type": "int"', '"type": "integr"'));
  return files.old;
}

