import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { CORE_SCHEMA, dump as dumpYaml, load as loadYaml } from 'js-yaml';
import { looksLikeSpecText } from '../src/load/read.js';
import { seeded } from './hostile.js';
import { CORPUS, needs, ROOT } from './helpers.js';

// Per-file failure isolation, fuzzed: a folder of real specs from the corpus, each broken in one seeded
// way (truncated, bad bytes, bad refs, absurd values, ...), goes through every command in folder mode
// once. Whatever a file holds, the run ends with 0, 1 or 2, prints a whole report naming every file that
// looks like a spec, never a stack trace, and writes nothing into the inputs.

const SEED = 0x5eed13;
const FILES = 500;
const MAX_BYTES = 200 * 1024;
const it = needs('corpus', existsSync(CORPUS), `${CORPUS} is absent`);

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/.test(name) && st.size <= MAX_BYTES) out.push(p);
  }
  return out;
}

/** Every object node of a parsed document, with its parent chain depth-first (deterministic order). */
function objects(v: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (v && typeof v === 'object') {
    if (!Array.isArray(v)) out.push(v as Record<string, unknown>);
    for (const x of Object.values(v)) objects(x, out);
  }
  return out;
}

const isJson = (file: string, text: string) => file.endsWith('.json') || /^\uFEFF?\s*\{/.test(text);

/** Insert a top-level member: after the first `{` of a JSON/flow document, as a last line of a block one. */
function addTopLevel(text: string, file: string, key: string, json: string, yaml = json): string {
  if (isJson(file, text)) return text.replace('{', `{"${key}": ${json}, `);
  return `${text.replace(/\n*$/, '\n')}${key}: ${yaml}\n`;
}

type Doc = Record<string, unknown>;
/** Structural mutations: applied to the parsed document, written back in the file's own syntax. */
const STRUCTURAL: Record<string, (doc: Doc, r: Random) => void> = {
  'ref-not-pointer': (doc, r) => setRef(doc, r, pick(r, ['#foo', 'other.yml#name', '#', 'common.yaml#Thing', '#/'])),
  'ref-dangling': (doc, r) => setRef(doc, r, pick(r, ['#/components/schemas/DoesNotExist', 'missing.yaml#/x', './nowhere/a.json', '#/a~2b'])),
  'ref-cyclic': (doc, r) => {
    const components = ((doc.components as Doc) ??= {});
    const schemas = ((components.schemas as Doc) ??= {});
    schemas.FuzzA = { $ref: '#/components/schemas/FuzzB' };
    schemas.FuzzB = { $ref: '#/components/schemas/FuzzA' };
    schemas.FuzzSelf = { type: 'object', properties: { me: { $ref: '#/components/schemas/FuzzSelf' } } };
    setRef(doc, r, pick(r, ['#/components/schemas/FuzzA', '#/components/schemas/FuzzSelf']));
  },
  'wrong-type': (doc, r) => {
    const nodes = objects(doc);
    const node = pick(r, nodes);
    const keys = Object.keys(node);
    if (keys.length) node[pick(r, keys)] = pick(r, [null, 42, 'text', [], [1, 'a'], true, {}]);
  },
  'delete-key': (doc, r) => {
    const node = pick(r, objects(doc));
    const keys = Object.keys(node);
    if (keys.length) delete node[pick(r, keys)];
  },
  'deep-schema': (doc, r) => {
    // Within the parser's depth limit (512) and beyond it.
    const n = pick(r, [20, 100, 200, 2000]);
    let schema: Doc = { type: 'string' };
    for (let i = 0; i < n; i++) schema = { type: 'object', properties: { a: schema } };
    const components = ((doc.components as Doc) ??= {});
    ((components.schemas as Doc) ??= {}).FuzzDeep = schema;
    setRef(doc, r, '#/components/schemas/FuzzDeep');
  },
  'proto-keys': (doc, r) => {
    const node = pick(r, objects(doc));
    node['__proto__'] = { polluted: true };
    node['constructor'] = 'x';
    node['hasOwnProperty'] = 1;
  },
};

/** Point one `$ref` of the document (or a new one, when it has none) at `ref`. */
function setRef(doc: Doc, r: Random, ref: string): void {
  const withRef = objects(doc).filter((o) => typeof o.$ref === 'string');
  if (withRef.length) {
    pick(r, withRef).$ref = ref;
    return;
  }
  const target = pick(r, objects(doc).filter((o) => o !== doc)) ?? doc;
  target[`x-fuzz`] = { $ref: ref };
  const components = ((doc.components as Doc) ??= {});
  ((components.schemas as Doc) ??= {}).FuzzRef = { $ref: ref };
}

/** Text mutations: applied to the bytes. */
const TEXTUAL: Record<string, (buf: Buffer, file: string, r: Random) => Buffer | string> = {
  truncate: (b, _f, r) => b.subarray(0, int(r, 0, Math.max(0, b.length - 1))),
  'flip-bytes': (b, _f, r) => {
    const c = Buffer.from(b);
    for (let n = int(r, 1, 8); n > 0 && c.length; n--) c[int(r, 0, c.length - 1)] = int(r, 0, 255);
    return c;
  },
  'insert-nul': (b, _f, r) => insertAt(b, int(r, 0, b.length), Buffer.from([0])),
  'insert-invalid-utf8': (b, _f, r) => insertAt(b, int(r, 0, b.length), Buffer.from(pick(r, [[0xff], [0xc3], [0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]))),
  'break-indent': (b, _f, r) => {
    const lines = b.toString('utf8').split('\n');
    const indented = lines.map((l, i) => (/^\s+\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    for (let n = int(r, 1, 3); n > 0 && indented.length; n--) {
      const i = pick(r, indented);
      lines[i] = pick(r, [' ' + lines[i], lines[i].slice(1), '\t' + lines[i].trimStart(), lines[i].trimStart()]);
    }
    return lines.join('\n');
  },
  'duplicate-keys': (b, f) => {
    const t = b.toString('utf8');
    if (isJson(f, t)) return t.replace('{', '{"info": {"title": "dup", "version": "0"}, "info": 1, ');
    const m = /^(\w+):.*$/m.exec(t.replace(/^(asyncapi|openapi):.*$/m, ''));
    return `${t.replace(/\n*$/, '\n')}${m ? m[1] : 'info'}: duplicate\ninfo: again\n`;
  },
  'huge-number': (b, f, r) => addTopLevel(b.toString('utf8'), f, 'x-huge', pick(r, ['1e999999', '123456789012345678901234567890123456789', '-1e-999999', '0.' + '9'.repeat(5000)])),
  'huge-string': (b, f) => addTopLevel(b.toString('utf8'), f, 'x-long', JSON.stringify('y'.repeat(150_000))),
  'deep-nesting': (b, f, r) => {
    const n = pick(r, [100, 600, 5000, 50_000]);
    const arrays = '['.repeat(n) + ']'.repeat(n);
    const maps = '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    return addTopLevel(b.toString('utf8'), f, 'x-deep', pick(r, [arrays, maps]));
  },
  'alias-bomb': (b, f) => {
    if (isJson(f, b.toString('utf8'))) return b;
    let bomb = 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++) bomb += `x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    return `${b.toString('utf8').replace(/\n*$/, '\n')}${bomb}`;
  },
  'version-9.9.9': (b) => b.toString('utf8').replace(/^(\s*\{?\s*["']?(?:asyncapi|openapi)["']?\s*:\s*)(["']?)[^"',\n}]*\2/m, '$1"9.9.9"'),
  'version-number': (b) => b.toString('utf8').replace(/^(\s*\{?\s*["']?(?:asyncapi|openapi)["']?\s*:\s*)(["']?)[^"',\n}]*\2/m, '$13.0'),
  empty: () => '',
  'whitespace-only': () => '\n  \n\t\n',
  'comment-only': () => '# asyncapi: 3.0.0\n',
  'key-only': (_b, f) => (f.endsWith('.json') ? '{"asyncapi": "3.0.0"}' : 'asyncapi: 3.0.0\n'),
  'json-fragment': () => '{"a": 1, "x": {"asyncapi": "2.6.0", "info": {}}, "openapi": [}',
  'json-array': () => '[{"asyncapi": "3.0.0"}]',
  'bom-crlf': (b) => '\uFEFF' + b.toString('utf8').replace(/\n/g, '\r\n'),
  'multi-document': (b) => `${b.toString('utf8').replace(/\n*$/, '\n')}---\nasyncapi: 3.0.0\n`,
  'yaml-tags': (b, f) => addTopLevel(b.toString('utf8'), f, 'x-tag', '"x"', '!!binary aGVsbG8= \nx-js: !!js/function "function(){}"'),
  'control-chars': (b, f) => addTopLevel(b.toString('utf8'), f, 'x-ctl', JSON.stringify('\u001b[31m\u2028\u202e\ud800'), '"\\e[31m\\u2028\\x00"'),
};

function insertAt(b: Buffer, at: number, piece: Buffer): Buffer {
  return Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
}

/** The mutated bytes of one corpus file; `kind` names what was done. */
function mutate(buf: Buffer, file: string, r: Random): { kind: string; bytes: Buffer | string } {
  const roll = r();
  if (roll < 0.08) return { kind: 'unmutated', bytes: buf };
  if (roll < 0.35) {
    const kind = pick(r, Object.keys(STRUCTURAL));
    let doc: unknown;
    try {
      doc = loadYaml(buf.toString('utf8'), { schema: CORE_SCHEMA });
    } catch {
      doc = undefined;
    }
    if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
      STRUCTURAL[kind](doc as Doc, r);
      // The YAML writer recurses, and indenting a deep schema makes the file quadratic: one JSON line.
      if (kind === 'deep-schema') return { kind, bytes: JSON.stringify(doc) };
      return { kind, bytes: file.endsWith('.json') ? JSON.stringify(doc, null, 2) : dumpYaml(doc, { schema: CORE_SCHEMA, noRefs: true, lineWidth: -1 }) };
    }
  }
  const kind = pick(r, Object.keys(TEXTUAL));
  return { kind, bytes: TEXTUAL[kind](buf, file, r) };
}

interface Case {
  name: string;
  kind: string;
  spec: boolean;
}

/** Build the folder `specs/` under a fresh temp root: the originals committed to git, the mutants in the worktree. */
function build(): { root: string; cases: Case[] } {
  const r = seeded(SEED);
  const pool = walk(CORPUS).filter((f) => looksLikeSpecText(readFileSync(f, 'utf8').slice(0, 65536)));
  const root = mkdtempSync(path.join(os.tmpdir(), 'specgate-fuzz-'));
  mkdirSync(path.join(root, 'specs'));
  const cases: Case[] = [];
  const mutants: Buffer[] = [];
  for (let i = 0; i < FILES; i++) {
    const src = pick(r, pool);
    const buf = readFileSync(src);
    const m = mutate(buf, src, r);
    const name = `specs/${String(i).padStart(3, '0')}-${m.kind}${path.extname(src)}`;
    writeFileSync(path.join(root, name), buf);
    mutants.push(Buffer.from(m.bytes));
    cases.push({ name, kind: m.kind, spec: looksLikeSpecText(mutants[i].subarray(0, 65536).toString('utf8')) });
  }
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'originals');
  cases.forEach((c, i) => writeFileSync(path.join(root, c.name), mutants[i]));
  return { root, cases };
}

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.is(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

const hashes = (root: string, cases: Case[]) =>
  cases.map((c) => `${c.name} ${createHash('sha256').update(readFileSync(path.join(root, c.name))).digest('hex')}`).join('\n');

interface Run {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(args: string[], cwd: string, timeout: number): Run {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/run.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { args, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

const STACK = /^\s+at .+|internal/im;
function assertClean(r: Run): void {
  const what = `specgate ${r.args.join(' ')}`;
  assert.is(r.error, undefined, `${what}: ${r.error?.message}`);
  assert.is(r.signal, null, `${what}: killed by ${r.signal}`);
  assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `${what}: exit ${r.status}; stderr=${r.stderr.slice(0, 2000)}`);
  for (const line of r.stderr.split('\n')) assert.not.match(line, STACK, `${what}: stderr line ${JSON.stringify(line)}`);
}

function parseJson(r: Run): unknown {
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    return assert.unreachable(`specgate ${r.args.join(' ')}: stdout is not JSON (${(e as Error).message}); stderr=${r.stderr.slice(0, 2000)}`);
  }
}

let fuzz: ReturnType<typeof build> | undefined;
const folder = () => (fuzz ??= build());

interface FileReport {
  file: string;
  valid?: boolean;
  diagnostics: { rule: string; severity: string; message: string; file: string; range: { start: { line: number; column: number } } }[];
}

/** Every file that looks like a spec has an entry; a file with problems has at least one located diagnostic. */
function assertEveryFile(cmd: string, files: FileReport[], cases: Case[]): void {
  const expected = cases.filter((c) => c.spec).map((c) => c.name);
  assert.equal(files.map((f) => f.file.split(path.sep).join('/')).sort(), expected, `${cmd}: the files of the report`);
  for (const f of files) {
    for (const d of f.diagnostics) {
      assert.ok(d.range.start.line >= 1 && d.range.start.column >= 1, `${cmd} ${f.file}: ${d.rule} is located`);
      assert.is.not(d.rule, 'internal-error', `${cmd} ${f.file}: ${d.message}`);
      assert.not.match(d.message, /\n/, `${cmd} ${f.file}: one-line message`);
    }
    if (f.valid === false) assert.ok(f.diagnostics.some((d) => d.severity === 'error'), `${cmd} ${f.file}: invalid, with an error`);
  }
}

it('the fuzz folder mixes specs and non-specs, and most mutation kinds', () => {
  const { cases } = folder();
  const kinds = new Set(cases.map((c) => c.kind));
  assert.ok(kinds.size >= 25, `kinds: ${[...kinds].join(', ')}`);
  assert.ok(cases.filter((c) => c.spec).length > 300, 'most files still look like specs');
  assert.ok(cases.some((c) => !c.spec), 'some no longer do');
  for (const c of cases) if (c.kind === 'unmutated' || c.kind.startsWith('ref-')) assert.ok(c.spec, `${c.name} looks like a spec`);
});

for (const cmd of ['validate', 'lint']) {
  it(`${cmd} over the fuzz folder reports every spec file, cleanly`, () => {
    const { root, cases } = folder();
    const before = hashes(root, cases);
    const r = run([cmd, 'specs', '-f', 'json'], root, 30_000);
    assertClean(r);
    assertEveryFile(cmd, (parseJson(r) as { files: FileReport[] }).files, cases);
    assert.is(hashes(root, cases), before, `${cmd} changed no input`);
  });
}

interface DiffReport {
  bump: string;
  results: { base: { file: string }; revision: { file: string }; changes: { id: string; level: string }[]; error?: { file: string; line: number | null; column: number | null; message: string } }[];
}

it('diff --base over the fuzz folder reports every file, mutated or no longer a spec, cleanly', () => {
  const { root, cases } = folder();
  const before = hashes(root, cases);
  const r = run(['diff', '--base', 'HEAD', 'specs', '-f', 'json'], root, 120_000);
  assertClean(r);
  const report = parseJson(r) as DiffReport;
  // Every original was a spec: a mutant that no longer looks like one is a removed spec.
  assert.equal(
    report.results.map((x) => [x.base.file, x.revision.file]),
    cases.map((c) => [`HEAD:${c.name}`, c.name]),
  );
  for (const [i, x] of report.results.entries()) {
    const c = cases[i];
    if (!c.spec) assert.equal(x.changes.map((ch) => ch.id), ['spec-removed'], c.name);
    if (x.error) {
      assert.ok([c.name, `HEAD:${c.name}`].includes(x.error.file), `${c.name}: the error names its file (${x.error.file})`);
      assert.not.match(x.error.message, /\n/, `${c.name}: one-line error`);
    }
  }
  // An input error is exit 2 even beside breaking changes, as in validate; spec-removed is breaking.
  const breaking = report.results.some((x) => x.changes.some((ch) => ch.level === 'breaking'));
  assert.is(r.status, report.results.some((x) => x.error) ? 2 : breaking ? 1 : 0, r.stderr);
  assert.is(hashes(root, cases), before, 'diff changed no input');
});

// generate takes one document: a deterministic sample of the mutants, one run each.
it('generate on a sample of mutants ends with 0, 1 or 2 and one located line, never a stack trace', () => {
  const { root, cases } = folder();
  const r = seeded(SEED + 1);
  const mutants = cases.filter((c) => c.kind !== 'unmutated');
  const sample = [...new Set(Array.from({ length: 20 }, () => pick(r, mutants)))];
  const before = hashes(root, cases);
  const outcomes = new Set<number>();
  for (const [i, c] of sample.entries()) {
    const out = path.join(root, 'out', String(i));
    const g = run(['generate', c.name, '--out', out], root, 30_000);
    assertClean(g);
    outcomes.add(g.status!);
    const esc = c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Refused: either a report of the document (exit 1 findings, 2 an input-error diagnostic) and one line
    // saying so, or, before there is a document to report, one located line.
    const refused = g.stderr === `specgate: ${c.name} is not a valid contract; nothing generated\n`;
    if (g.status !== 0 && refused) assert.match(g.stdout, new RegExp(`^ {2}\\d+:\\d+ {2}error |^${esc}:\\d+:\\d+: `, 'm'), `${c.name}: located diagnostics (findings, or the one-line input error)`);
    else if (g.status !== 0) {
      assert.is(g.status, 2, `${c.name}: ${g.stderr}`);
      // An OpenAPI document is refused naming the file, without a line (not yet in the located form).
      const openapi = g.stderr === `specgate: code generation reads AsyncAPI documents; ${c.name} is openapi\n`;
      if (!openapi) assert.match(g.stderr, new RegExp(`^specgate: ${esc}(:\\d+:\\d+)?: [^\\n]+\\n$`), `${c.name}: one located line`);
    }
    if (g.status === 0) assert.ok(existsSync(path.join(out, 'index.ts')), `${c.name}: generated`);
    else assert.not.ok(existsSync(out) && readdirSync(out).length, `${c.name}: nothing generated`);
  }
  assert.ok(sample.length >= 15 && outcomes.has(2) && outcomes.has(1), `outcomes ${[...outcomes]} over ${sample.length} files`);
  assert.is(hashes(root, cases), before, 'generate changed no input');
});

test.after(() => {
  if (fuzz) rmSync(fuzz.root, { recursive: true, force: true });
});
test.run();
