// `specgate lint --baseline/--baseline-write`, `--output`, the codeclimate, checkstyle and markdown
// formats and `--max-problems`, through the built CLI (run `npm run build` after changing src/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { applyBaseline } from '../../src/lint/baseline.js';
import { diagnosticFingerprint } from '../../src/report/fingerprint.js';
import type { FileReport } from '../../src/report/types.js';
import { cli, ROOT, tempFiles } from '../helpers.js';

const KINDS = readFileSync(path.join(ROOT, 'test/lint/fixtures/kinds.fail.yaml'), 'utf8');

const BASELINE = `# specgate lint baseline: findings recorded to be fixed later. \`specgate lint --baseline <this file>\`
# reports only findings not listed here; \`--baseline-write <this file>\` records the current ones again.
# Matched by fingerprint (rule, file, JSON pointer, message), not by line: edits elsewhere keep them.
version: 1
findings:
  - fingerprint: 494869c97d980e13
    rule: servers-declared
    file: kinds.yaml
    pointer: ''
    message: the document declares no servers
  - fingerprint: b03982c6bfd29125
    rule: message-channel-kind
    file: kinds.yaml
    pointer: /channels/commands/messages/ArchiveThing
    message: 'message \`ArchiveThing\` is an event (x-specgate-kind) but channel \`commands\` is point-to-point (amqp binding \`is: queue\`)'
  - fingerprint: fc3b703d8367caef
    rule: message-kind-name
    file: kinds.yaml
    pointer: /channels/commands/messages/ArchiveThing/x-specgate-kind
    message: 'message \`ArchiveThing\` is marked \`x-specgate-kind: event\` but its name reads like a command (imperative name ("archive"))'
  - fingerprint: 6c220d2a6b88839d
    rule: message-channel-kind
    file: kinds.yaml
    pointer: /channels/commands/messages/ThingDeleted
    message: 'message \`ThingDeleted\` is an event (past-tense name ("deleted")) but channel \`commands\` is point-to-point (amqp binding \`is: queue\`)'
  - fingerprint: e93a3f21759d594a
    rule: message-channel-kind
    file: kinds.yaml
    pointer: /channels/events/messages/CreateThing
    message: message \`CreateThing\` is a command (imperative name ("create")) but channel \`events\` is publish-subscribe (amqp topic exchange)
`;

/** The same document as kinds.fail.yaml with every mapping's keys in reverse order and 4-space indents. */
function reordered(text: string): string {
  const rev = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, rev(x)])) : v;
  return `# moved down by this comment\n\n${JSON.stringify(rev(load(text)), null, 4).replace(/^/gm, '')}\n`;
}

test('--baseline-write records the findings by fingerprint, sorted; a second write gives the same bytes', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS });
  try {
    const r = cli(['lint', 'kinds.yaml', '--baseline-write', 'specgate-baseline.yaml'], { cwd: dir });
    assert.is(r.stderr, 'wrote specgate-baseline.yaml: 5 findings\n');
    assert.is(r.stdout, '');
    assert.is(r.status, 0);
    const first = readFileSync(path.join(dir, 'specgate-baseline.yaml'), 'utf8');
    assert.is(first, BASELINE);
    assert.is(cli(['lint', 'kinds.yaml', '--baseline-write', 'specgate-baseline.yaml'], { cwd: dir }).status, 0);
    assert.is(readFileSync(path.join(dir, 'specgate-baseline.yaml'), 'utf8'), first);
  } finally {
    cleanup();
  }
});

test('--baseline leaves out recorded findings, also after reformatting, key reordering and a YAML to flow (JSON) rewrite', () => {
  const flowYaml = `asyncapi: 3.0.0\ninfo: {title: 'Commands and events on the wrong channels', version: 1.0.0}\n` + KINDS.split('\n').slice(4).join('\n');
  for (const text of [KINDS, reordered(KINDS), flowYaml]) {
    const { dir, cleanup } = tempFiles({ 'kinds.yaml': text, 'specgate-baseline.yaml': BASELINE });
    try {
      const r = cli(['lint', 'kinds.yaml', '--baseline', 'specgate-baseline.yaml', '--fail-on', 'warning'], { cwd: dir });
      assert.is(r.stdout, '✔ kinds.yaml  AsyncAPI 3.0.0\n\n1 file checked, no problems\n');
      assert.is(r.stderr, 'specgate: baseline specgate-baseline.yaml: 5 recorded findings left out, 0 fixed (no longer found)\n');
      assert.is(r.status, 0);
    } finally {
      cleanup();
    }
  }
});

test('--baseline reports only new findings, the exit code comes from them, and counts the fixed ones', () => {
  // ArchiveThing (2 findings) removed, DeleteThing (a command on the publish-subscribe channel) added.
  const changed = KINDS.replace(/      ArchiveThing:\n(?: {8}.*\n)+/, '').replace('      CreateThing:', '      DeleteThing:\n        summary: Asks to delete.\n        headers:\n          $ref: \'#/components/schemas/Headers\'\n        payload:\n          type: object\n      CreateThing:');
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': changed, 'specgate-baseline.yaml': BASELINE });
  try {
    const r = cli(['lint', 'kinds.yaml', '--baseline', 'specgate-baseline.yaml', '--fail-on', 'warning'], { cwd: dir });
    assert.is(
      r.stdout,
      [
        '',
        'kinds.yaml  AsyncAPI 3.0.0',
        '  16:7  warning  message `DeleteThing` is a command (imperative name ("delete")) but channel `events` is publish-subscribe (amqp topic exchange)  message-channel-kind',
        '                 help: send commands to a queue (point-to-point), or mark the channel `x-specgate-channel: point-to-point` if one consumer group reads it',
        '',
        '✖ 1 problem (0 errors, 1 warning) in 1 file',
        '',
      ].join('\n'),
    );
    assert.is(r.stderr, 'specgate: baseline specgate-baseline.yaml: 3 recorded findings left out, 2 fixed (no longer found)\n');
    assert.is(r.status, 1);
  } finally {
    cleanup();
  }
});

test('a baseline counts duplicates: 3 recorded, 4 now is 1 new (the last)', () => {
  const d = (line: number) => ({ rule: 'r', severity: 'warning' as const, message: 'same', file: 'a.yaml', pointer: '/x', range: { start: { line, column: 1 }, end: { line, column: 2 } } });
  const reports: FileReport[] = [{ file: 'a.yaml', valid: true, diagnostics: [d(1), d(2), d(3), d(4)] }];
  const fp = diagnosticFingerprint(d(1), 'a.yaml');
  const b = applyBaseline(reports, new Map([[fp, 3]]), 'specgate-baseline.yaml');
  assert.equal(b.reports[0].diagnostics, [d(4)]);
  assert.is(b.known, 3);
  assert.is(b.fixed, 0);
  const fewer = applyBaseline([{ ...reports[0], diagnostics: [d(9)] }], new Map([[fp, 3]]), 'specgate-baseline.yaml');
  assert.equal([fewer.reports[0].diagnostics.length, fewer.known, fewer.fixed], [0, 1, 2]);
});

test('a bad baseline file is a one-line input error, exit 2', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS, 'bad.yaml': 'findings:\n  - fingerprint: [\n', 'list.yaml': 'findings: 3\n' });
  try {
    const missing = cli(['lint', 'kinds.yaml', '--baseline', 'none.yaml'], { cwd: dir });
    assert.equal([missing.status, missing.stdout, missing.stderr], [2, '', 'specgate: none.yaml: cannot read baseline: ENOENT\n']);
    const bad = cli(['lint', 'kinds.yaml', '--baseline', 'bad.yaml'], { cwd: dir });
    assert.is(bad.status, 2);
    assert.match(bad.stderr, /^specgate: bad\.yaml:3:1: baseline is not valid YAML: [^\n]+\n$/);
    const list = cli(['lint', 'kinds.yaml', '--baseline', 'list.yaml'], { cwd: dir });
    assert.equal([list.status, list.stderr], [2, 'specgate: list.yaml: baseline must be a mapping with a `findings` list\n']);
  } finally {
    cleanup();
  }
});

test.run();
