// `specgate lint --baseline/--baseline-write`, `--output`, the codeclimate, checkstyle and markdown
// formats and `--max-problems`, through the built CLI (run `npm run build` after changing src/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { applyBaseline } from '../../src/lint/baseline.js';
import { formatCheckstyle } from '../../src/report/checkstyle.js';
import { formatMarkdown } from '../../src/report/markdown.js';
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

const FPS = [...BASELINE.matchAll(/fingerprint: (\w+)/g)].map((m) => m[1]);

test('--format codeclimate has every field GitLab Code Quality requires, one unique fingerprint per issue', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS, 'bad.yaml': 'asyncapi: [\n' });
  try {
    const r = cli(['lint', 'kinds.yaml', '--format', 'codeclimate'], { cwd: dir });
    assert.is(r.status, 0);
    const issues = JSON.parse(r.stdout) as Record<string, any>[];
    assert.ok(Array.isArray(issues));
    assert.is(issues.length, 5);
    // docs.gitlab.com/ci/testing/code_quality: description, check_name, fingerprint, severity (info, minor,
    // major, critical, blocker), location.path, and location.lines.begin or location.positions.begin.line.
    for (const i of issues) {
      assert.type(i.description, 'string');
      assert.type(i.check_name, 'string');
      assert.type(i.fingerprint, 'string');
      assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity), i.severity);
      assert.type(i.location.path, 'string');
      assert.ok(Number.isInteger(i.location.lines.begin) && i.location.lines.begin >= 1);
      assert.ok(Number.isInteger(i.location.positions.begin.line));
    }
    // The same fingerprints as the baseline (run from the baseline's folder).
    assert.equal(issues.map((i) => i.fingerprint).sort(), [...FPS].sort());
    assert.equal(issues[1], {
      type: 'issue',
      check_name: 'message-channel-kind',
      description:
        'message `CreateThing` is a command (imperative name ("create")) but channel `events` is publish-subscribe (amqp topic exchange) (help: send commands to a queue (point-to-point), or mark the channel `x-specgate-channel: point-to-point` if one consumer group reads it)',
      categories: ['Style'],
      fingerprint: 'e93a3f21759d594a',
      severity: 'minor',
      location: { path: 'kinds.yaml', lines: { begin: 16, end: 16 }, positions: { begin: { line: 16, column: 7 }, end: { line: 16, column: 18 } } },
    });
    const bad = cli(['validate', 'bad.yaml', '--format', 'codeclimate'], { cwd: dir });
    assert.is(bad.status, 2);
    const [input] = JSON.parse(bad.stdout);
    assert.equal([input.check_name, input.severity, input.location.path, input.location.lines.begin], ['input-error', 'blocker', 'bad.yaml', 2]);
  } finally {
    cleanup();
  }
});

test('equal findings get distinct codeclimate fingerprints (GitLab shows one issue per fingerprint)', async () => {
  const { formatCodeclimate } = await import('../../src/report/codeclimate.js');
  const d = { rule: 'r', severity: 'error' as const, message: 'm', file: 'a.yaml', pointer: '/x' };
  const fps = (JSON.parse(formatCodeclimate([{ file: 'a.yaml', valid: false, diagnostics: [d, d, d] }])) as { fingerprint: string }[]).map((i) => i.fingerprint);
  const base = diagnosticFingerprint(d, 'a.yaml');
  assert.equal(fps, [base, `${base}-2`, `${base}-3`]);
});

test('--format checkstyle: one <file> per file, an <error> per finding, attributes escaped', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS });
  try {
    const r = cli(['lint', 'kinds.yaml', '--format', 'checkstyle', '--quiet'], { cwd: dir });
    assert.is(r.stdout, '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n  <file name="kinds.yaml"/>\n</checkstyle>\n');
    const full = cli(['lint', 'kinds.yaml', '-f', 'checkstyle'], { cwd: dir }).stdout.split('\n');
    assert.is(full.length, 11);
    assert.is(
      full[4],
      '    <error line="16" column="7" severity="warning" message="message `CreateThing` is a command (imperative name (&quot;create&quot;)) but channel `events` is publish-subscribe (amqp topic exchange) (help: send commands to a queue (point-to-point), or mark the channel `x-specgate-channel: point-to-point` if one consumer group reads it)" source="specgate.message-channel-kind"/>',
    );
  } finally {
    cleanup();
  }
  const hostile = formatCheckstyle([
    { file: 'a&b.yaml', valid: false, diagnostics: [{ rule: 'r', severity: 'hint', message: 'x <y> & "z"\n\x1b[31m', file: 'c"d.yaml', pointer: '' }] },
  ]);
  assert.is(
    hostile,
    '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n  <file name="a&amp;b.yaml"/>\n  <file name="c&quot;d.yaml">\n    <error line="1" column="1" severity="info" message="x &lt;y&gt; &amp; &quot;z&quot;&#10;\\x1b[31m" source="specgate.r"/>\n  </file>\n</checkstyle>\n',
  );
});

test('--format markdown: a table per file, errors first', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS });
  try {
    const r = cli(['lint', 'kinds.yaml', '--format', 'markdown'], { cwd: dir });
    assert.is(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines.slice(0, 6), [
      '### specgate lint: 5 problems (0 errors, 5 warnings) in 1 file',
      '',
      '#### `kinds.yaml` (AsyncAPI `3.0.0`)',
      '',
      '| severity | line | rule | message |',
      '|---|---|---|---|',
    ]);
    assert.is(lines[6], '| ⚠️ warning | `1:1` | `servers-declared` | the document declares no servers<br>help: add `servers:` with a `{host}` variable |');
    assert.is(lines.length, 12);
  } finally {
    cleanup();
  }
  const d = (severity: 'error' | 'warning', line: number) => ({ rule: 'r', severity, message: `finding ${line} | @team <b>`, file: 'a.yaml', pointer: '', range: { start: { line, column: 1 }, end: { line, column: 2 } } });
  const out = formatMarkdown([{ file: 'a.yaml', valid: false, diagnostics: [d('warning', 1), d('error', 2)] }], { toolVersion: '0', rules: [], color: false, command: 'lint' });
  assert.is(
    out,
    '### specgate lint: 2 problems (1 error, 1 warning) in 1 file\n\n#### `a.yaml`\n\n| severity | line | rule | message |\n|---|---|---|---|\n' +
      '| ❌ error | `2:1` | `r` | finding 2 \\| `@`team &lt;b&gt; |\n| ⚠️ warning | `1:1` | `r` | finding 1 \\| `@`team &lt;b&gt; |\n',
  );
});

test('--format markdown stays under the size limit, drops warnings before errors and says what it left out', () => {
  const diags = Array.from({ length: 400 }, (_, i) => ({
    rule: 'some-rule',
    severity: (i % 4 === 0 ? 'error' : 'warning') as 'error' | 'warning',
    message: `finding number ${i} with some words to make the row longer`,
    file: `f${i % 3}.yaml`,
    pointer: '',
    range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } },
  }));
  const files = [0, 1, 2].map((n) => ({ file: `f${n}.yaml`, valid: false, diagnostics: diags.filter((d) => d.file === `f${n}.yaml`) }));
  const ctx = { toolVersion: '0', rules: [], color: false, command: 'lint' };
  const full = formatMarkdown(files, ctx);
  assert.ok(full.length < 65_536 && !full.includes('left out'));
  const out = formatMarkdown(files, { ...ctx, maxChars: 12_000 });
  assert.ok(out.length <= 12_000, String(out.length));
  assert.is((out.match(/❌ error/g) ?? []).length, 100);
  const warnings = (out.match(/⚠️ warning/g) ?? []).length;
  assert.ok(warnings > 0 && warnings < 300);
  assert.ok(out.endsWith(`\n_${300 - warnings} more findings (${300 - warnings} warnings) left out to keep this comment under 12,000 characters; run \`specgate lint\` for all of them._\n`));
  const tiny = formatMarkdown(files, { ...ctx, maxChars: 1000 });
  assert.ok(tiny.length <= 1000);
  assert.ok(tiny.includes('left out'));
});

test('--output writes the report to the file (lint and validate, every format); stdout keeps one line', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS });
  try {
    for (const format of ['stylish', 'json', 'sarif', 'junit', 'github', 'codeclimate', 'checkstyle', 'markdown']) {
      const direct = cli(['lint', 'kinds.yaml', '-f', format], { cwd: dir });
      const r = cli(['lint', 'kinds.yaml', '-f', format, '--output', 'report.out'], { cwd: dir });
      assert.is(r.stdout, 'wrote report.out: 5 problems (0 errors, 5 warnings) in 1 file\n', format);
      assert.is(r.stderr, '');
      assert.is(r.status, direct.status);
      assert.is(readFileSync(path.join(dir, 'report.out'), 'utf8'), direct.stdout, format);
    }
    const v = cli(['validate', 'kinds.yaml', '-f', 'json', '-o', 'v.json'], { cwd: dir });
    assert.equal([v.status, v.stdout], [0, 'wrote v.json: 1 file checked, no problems\n']);
    assert.is(JSON.parse(readFileSync(path.join(dir, 'v.json'), 'utf8')).files[0].file, 'kinds.yaml');
    // No temporary file is left beside it.
    assert.equal(readdirSync(dir).sort(), ['kinds.yaml', 'report.out', 'v.json']);
    const bad = cli(['lint', 'kinds.yaml', '-o', 'no/such/dir/r.txt'], { cwd: dir });
    assert.equal([bad.status, bad.stdout, bad.stderr], [2, '', 'specgate: no/such/dir/r.txt: cannot write: ENOENT\n']);
    assert.not.ok(existsSync(path.join(dir, 'no')));
  } finally {
    cleanup();
  }
});

test('--max-problems: more findings than N (any severity, after --baseline) exit 1 with a line; up to N keep exit 0', () => {
  const { dir, cleanup } = tempFiles({ 'kinds.yaml': KINDS, 'specgate-baseline.yaml': BASELINE.split('  - fingerprint: b03982c6bfd29125')[0] });
  try {
    const over = cli(['lint', 'kinds.yaml', '--max-problems', '4', '-f', 'json'], { cwd: dir });
    assert.equal([over.status, over.stderr], [1, 'specgate: 5 problems, more than --max-problems 4\n']);
    const at = cli(['lint', 'kinds.yaml', '--max-problems', '5', '-f', 'json'], { cwd: dir });
    assert.equal([at.status, at.stderr], [0, '']);
    // The baseline holds the first entry only: 4 left, within 4.
    const after = cli(['lint', 'kinds.yaml', '--max-problems', '4', '-f', 'json', '--baseline', 'specgate-baseline.yaml'], { cwd: dir });
    assert.equal([after.status, after.stderr], [0, 'specgate: baseline specgate-baseline.yaml: 1 recorded finding left out, 0 fixed (no longer found)\n']);
    const zero = cli(['lint', 'kinds.yaml', '--max-problems', '0', '-f', 'json', '--baseline', 'specgate-baseline.yaml'], { cwd: dir });
    assert.equal([zero.status, zero.stderr.split('\n')[1]], [1, 'specgate: 4 problems, more than --max-problems 0']);
  } finally {
    cleanup();
  }
});

test.run();
