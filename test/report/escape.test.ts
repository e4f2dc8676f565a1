import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatDiff } from '../../src/diff/report/index.js';
import type { Change, DiffResult } from '../../src/diff/types.js';
import { mdCode, mdMessage, mdText, printable, showControls, workflowData, workflowProperty } from '../../src/report/escape.js';
import { formatReport, type FileReport } from '../../src/report/index.js';
import { cli, tempFiles } from '../helpers.js';
import { HOSTILE_PIECES, hostileString, seeded } from '../hostile.js';

// Characters no human format may emit raw: C0 (but LF between lines), DEL, C1, separators, bidi.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A log line GitHub's runner would run as a workflow command. */
const isWorkflowCommand = (line: string) => /^\s*::/.test(line) || line.includes('##[');

const printableCases: [string, string, string][] = [
  ['plain text and non-ASCII stay as they are', 'Orders — 注文 😀 `x`', 'Orders — 注文 😀 `x`'],
  ['line breaks and tabs are shown, not performed', 'a\nb\rc\td', 'a\\nb\\rc\\td'],
  ['CSI and OSC escapes are shown', '\u001b[31mred\u001b]0;t\u0007', '\\x1b[31mred\\x1b]0;t\\x07'],
  ['DEL, NUL and C1 controls', '\u007f\u0000\u009b', '\\x7f\\x00\\x9b'],
  ['line and paragraph separators', '\u2028\u2029', '\\u2028\\u2029'],
  ['bidi overrides, isolates and marks', '\u202eabc\u2066\u200f', '\\u202eabc\\u2066\\u200f'],
  ['lone surrogates, but not pairs', '\ud800 \udc00 \ud83d\ude00', '\\ud800 \\udc00 😀'],
  ['a leading `::` cannot start a workflow command', '  ::error::x', '  \\x3a:error::x'],
  ['`::` later in the text is kept', 'a::b', 'a::b'],
  ['`##[` is broken anywhere', 'x ##[error]y', 'x ##\\x5berror]y'],
];
for (const [name, input, expected] of printableCases)
  test(`printable: ${name}`, () => {
    assert.is(printable(input), expected);
  });

test('printable: a spec string can never put a workflow command or a raw control on a line', () => {
  const random = seeded(12);
  for (let i = 0; i < 2000; i++) {
    const s = hostileString(random);
    const out = printable(s);
    assert.not.match(out, RAW_CONTROL, JSON.stringify(s));
    assert.not.match(out, /\n/, JSON.stringify(s));
    assert.not.ok(isWorkflowCommand(out), JSON.stringify(s));
  }
});

test('workflow commands: data keeps line breaks as %0A, properties also escape : and ,', () => {
  assert.is(workflowData('50% a\nb\r\u001b'), '50%25 a%0Ab%0D\\x1b');
  assert.is(workflowProperty('a:b,c'), 'a%3Ab%2Cc');
});

const cases: [string, string, string][] = [
  ['a code span', 'x', '`x`'],
  ['backticks inside get a longer fence and padding', 'a`b', '``a`b``'],
  ['a leading backtick is padded', '`x', '`` `x ``'],
  ['runs of backticks', 'a``b', '```a``b```'],
  ['all blanks stay as they are', ' ', '` `'],
  ['nothing gives nothing', '', ''],
];
for (const [name, input, expected] of cases)
  test(`mdCode: ${name}`, () => {
    assert.is(mdCode(input), expected);
  });

test('mdCode: in a table cell every pipe is escaped for the splitter', () => {
  assert.is(mdCode('a|b', { table: true }), '`a\\|b`');
  assert.is(mdCode('a\\|b', { table: true }), '`a\\\\|b`');
});

test('mdText: markdown syntax, HTML and mentions become text', () => {
  assert.is(mdText('*a* _b_ [c](d) <img> & @team ~~e~~ $f$'), '\\*a\\* \\_b\\_ \\[c\\]\\(d\\) &lt;img&gt; &amp; `@`team \\~\\~e\\~\\~ \\$f\\$');
  assert.is(mdMessage('Channel `a|<b>` was removed.', { table: true }), 'Channel `a\\|<b>` was removed.');
});

// The oracle: markdown-it, a CommonMark parser with GFM tables, with raw HTML on as on GitHub.
const md = new MarkdownIt({ html: true });

/** Inline tokens' shown text: what a reader sees, code spans included. */
function shown(inline: Token): string {
  return (inline.children ?? []).map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : '')).join('');
}

function change(i: number, name: string, reason?: string): Change {
  return {
    id: 'channel-removed',
    level: 'breaking',
    bump: 'major',
    message: `Channel \`${name}\` was removed.`,
    channel: name,
    base: { pointer: '/channels', file: `${name}.yaml`, line: 3 + i, column: 1 },
    fingerprint: `fp${i}`,
    ...(reason ? { accepted: { reason } } : {}),
  };
}

test('markdown (diff): hostile names render as the text they are, in their cells, with no HTML, link, mention or emphasis', async () => {
  const random = seeded(7);
  // Names without backticks round-trip exactly; names with them are checked for structure only.
  for (let round = 0; round < 60; round++) {
    const names = Array.from({ length: 4 }, () => hostileString(random));
    const reason = hostileString(random);
    const version = hostileString(random);
    const result: DiffResult = {
      base: { file: 'base.yaml', version },
      revision: { file: names[0], version: '2.0.0' },
      bump: 'major',
      changes: names.map((n, i) => change(i, n, i === 1 ? reason : undefined)),
    };
    const text = await formatDiff('markdown', [result]);
    const tokens = md.parse(text, {});
    const types = tokens.flatMap((t) => [t.type, ...(t.children ?? []).map((c) => c.type)]);
    for (const bad of ['html_inline', 'html_block', 'link_open', 'image', 's_open'])
      assert.not.ok(types.includes(bad), `${bad} from ${JSON.stringify(names)}`);
    assert.is(types.filter((t) => t === 'strong_open').length, 1, 'only the bump is bold');
    assert.is(types.filter((t) => t === 'em_open').length, 1, 'only the accepted reason is emphasised');
    for (const t of tokens) for (const c of t.children ?? []) if (c.type === 'text') assert.not.match(c.content, /@/, 'a mention outside a code span');

    // The changes table: 5 cells in every row, the subject cell shows the name exactly.
    const rows: Token[][] = [];
    let tables = 0;
    let inBody = false;
    for (const t of tokens) {
      if (t.type === 'table_open') tables++;
      if (t.type === 'tbody_open' || t.type === 'tbody_close') inBody = t.type === 'tbody_open';
      if (tables === 2 && inBody && t.type === 'tr_open') rows.push([]);
      if (tables === 2 && inBody && t.type === 'inline') rows[rows.length - 1].push(t);
    }
    assert.is(rows.length, names.length, JSON.stringify(names));
    rows.forEach((cells, i) => {
      assert.is(cells.length, 5, JSON.stringify(names[i]));
      assert.is(shown(cells[4]), `fp${i}`);
      assert.is(shown(cells[0]), showControls(names[i]));
      assert.is(shown(cells[3]), showControls(`${names[i]}.yaml:${3 + i}`));
      if (!names[i].includes('`')) {
        const accepted = i === 1 ? ` (accepted: ${showControls(reason)})` : '';
        assert.is(shown(cells[1]), `Channel ${showControls(names[i])} was removed.${accepted}`);
      }
    });
    const heading = tokens[tokens.findIndex((t) => t.type === 'heading_open') + 1];
    assert.is(shown(heading), `API changes: ${showControls(names[0])}`);
  }
});

const spec = (key: string) => `asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\n${JSON.stringify(key)}: 1\n`;
const KEY = '\n::error file=README.md,line=1::pwned \u001b]0;owned\u0007 \u202e ##[warning]x';

test('validate: a hostile key reaches no terminal escape or workflow command in stylish, junit or github output', () => {
  const t = tempFiles({ 'h.yaml': spec(KEY), '::error::x.yaml': spec('k') });
  try {
    for (const format of ['stylish', 'junit']) {
      const r = cli(['validate', '--format', format, 'h.yaml', '::error::x.yaml'], { cwd: t.dir });
      assert.is(r.status, 1);
      assert.not.match(r.stdout, RAW_CONTROL, format);
      for (const line of r.stdout.split('\n')) assert.not.ok(isWorkflowCommand(line), `${format}: ${line}`);
    }
    const stylish = cli(['validate', 'h.yaml'], { cwd: t.dir }).stdout;
    assert.match(stylish, '  3:1  error  unknown property `\\n::error file=README.md,line=1::pwned \\x1b]0;owned\\x07 \\u202e ##\\x5bwarning]x` in the document root  asyncapi-schema');
    const gh = cli(['validate', '--format', 'github', 'h.yaml', '::error::x.yaml'], { cwd: t.dir });
    const lines = gh.stdout.trimEnd().split('\n');
    assert.is(lines.length, 2, gh.stdout);
    assert.is(lines[0], '::error file=h.yaml,line=3,col=1,endLine=3,endColumn=80,title=asyncapi-schema::unknown property `%0A::error file=README.md,line=1::pwned \\x1b]0;owned\\x07 \\u202e ##[warning]x` in the document root');
    assert.match(lines[1], /^::error file=%3A%3Aerror%3A%3Ax\.yaml,line=3,/);
  } finally {
    t.cleanup();
  }
});

test('diff and stderr: hostile channel names and file names stay inert in text, github and error lines', () => {
  const base = `asyncapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\nchannels:\n  c: {address: ${JSON.stringify(KEY)}}\n`;
  const t = tempFiles({ 'a.yaml': base, 'b.yaml': 'asyncapi: 3.0.0\ninfo: {title: t, version: 2.0.0}\n', '\u001b[2J::x.yaml': 'a: [' });
  try {
    const text = cli(['diff', 'a.yaml', 'b.yaml', '--format', 'text'], { cwd: t.dir });
    assert.is(text.status, 1);
    assert.match(text.stdout, '    breaking     Channel `\\n::error file=README.md,line=1::pwned \\x1b]0;owned\\x07 \\u202e ##\\x5bwarning]x` was removed. channel-removed a.yaml:4:3');
    const gh = cli(['diff', 'a.yaml', 'b.yaml', '--format', 'github'], { cwd: t.dir });
    assert.equal(gh.stdout.trimEnd().split('\n').length, 1);
    for (const r of [text, gh]) assert.not.match(r.stdout, RAW_CONTROL);
    const bad = cli(['validate', '\u001b[2J::x.yaml'], { cwd: t.dir });
    assert.is(bad.status, 2);
    assert.not.match(bad.stdout + bad.stderr, RAW_CONTROL);
    assert.match(bad.stdout, '\\x1b[2J::x.yaml');
    const badDiff = cli(['diff', '\u001b[2J::x.yaml', 'b.yaml'], { cwd: t.dir });
    assert.is(badDiff.status, 2);
    assert.not.match(badDiff.stderr, RAW_CONTROL);
    assert.match(badDiff.stderr, /^specgate: \\x1b\[2J::x\.yaml:2:1: YAML: /);
  } finally {
    t.cleanup();
  }
});

test('junit: hostile text is well-formed XML 1.0 character data', async () => {
  const random = seeded(3);
  const files: FileReport[] = Array.from({ length: 50 }, () => {
    const file = hostileString(random);
    return {
      file,
      valid: false,
      diagnostics: [{ rule: 'r', severity: 'error' as const, message: hostileString(random), file, pointer: `/${hostileString(random)}`, help: hostileString(random) }],
    };
  });
  const out = await formatReport('junit', files, { toolVersion: '0', rules: [], color: false, command: 'validate' });
  // XML 1.0 Char production: no C0 but tab/LF/CR, no lone surrogates, no U+FFFE/FFFF.
  assert.not.match(out, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  // Attribute values hold no raw `<`, `"` or line break.
  for (const m of out.matchAll(/ (?:name|classname|message|type)="([^"]*)"/g)) assert.not.match(m[1], /[<\n\r]/);
  assert.is(out.match(/<testcase /g)?.length, 50);
});

test('the hostile pieces cover every context this module escapes', () => {
  for (const p of ['\n::error', '##[', '\u001b', '\u202e', '`', '|', '<img', '@everyone', '\ud800']) assert.ok(HOSTILE_PIECES.some((h) => h.includes(p)), p);
});

test.run();
