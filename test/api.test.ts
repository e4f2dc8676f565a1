// The library API as a user's project sees it: `specgate` installed in node_modules, imported by name,
// typed for a strict TypeScript consumer, and giving the command line's verdicts on the bundled specs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cli, tempFiles } from './helpers.js';

const consumer = () => {
  const t = tempFiles({ 'package.json': '{ "name": "consumer", "type": "module", "private": true }\n' });
  mkdirSync(path.join(t.dir, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, path.join(t.dir, 'node_modules/specgate'));
  return t;
};

const SCRIPT = `
import { validate, lint, diff, generate, InputError } from 'specgate';
const specs = ${JSON.stringify(path.join(ROOT, 'specs'))};
const order = specs + '/order-service.asyncapi.yaml';
const v = await validate([order, specs + '/bad']);
const l = await lint(order, { ruleset: 'strict' });
const d = await diff(order, specs + '/customer-service.asyncapi.yaml').catch((e) => e);
const g = await generate(order, { role: 'client' });
const broken = await validate('broken.yaml');
let refused = '';
try { await validate('no-such-file.yaml'); } catch (e) { refused = e instanceof InputError ? e.toLine() : 'other'; }
console.log(JSON.stringify({
  validate: v.map((r) => ({ file: r.file.replace(specs + '/', ''), valid: r.valid, fatal: !!r.fatal, rules: [...new Set(r.diagnostics.map((x) => x.rule))].sort() })),
  lint: l.map((r) => ({ fatal: r.fatal, findings: r.report.diagnostics.length })),
  diff: d instanceof Error ? d.message : { bump: d.bump, changes: d.changes.length },
  generate: g.files.map((f) => f.path).sort(),
  refused,
  broken: broken.map((r) => ({ valid: r.valid, fatal: r.fatal?.toLine() })),
}));
`;

test("import { validate, lint, diff, generate } from 'specgate' gives the command line's verdicts", () => {
  const t = consumer();
  try {
    writeFileSync(path.join(t.dir, 'use.mjs'), SCRIPT);
    writeFileSync(path.join(t.dir, 'broken.yaml'), 'asyncapi: 3.0.0\ninfo: [\n');
    const r = spawnSync(process.execPath, ['use.mjs'], { cwd: t.dir, encoding: 'utf8', timeout: 60_000 });
    assert.is(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as {
      validate: { file: string; valid: boolean; fatal: boolean; rules: string[] }[];
      lint: { fatal: boolean; findings: number }[];
      diff: unknown;
      generate: string[];
      refused: string;
      broken: { valid: boolean; fatal?: string }[];
    };
    // The same documents and verdicts as `specgate validate` on the same inputs.
    const viaCli = JSON.parse(cli(['validate', 'specs/order-service.asyncapi.yaml', 'specs/bad', '--format', 'json']).stdout) as {
      files: { file: string; valid: boolean; diagnostics: { rule: string }[] }[];
    };
    assert.equal(
      got.validate.map((f) => [f.file, f.valid, f.rules]),
      viaCli.files.map((f) => [f.file.replace(/^specs\//, ''), f.valid, [...new Set(f.diagnostics.map((x) => x.rule))].sort()]),
    );
    assert.is(got.validate.length, 2);
    const lintCli = JSON.parse(cli(['lint', 'specs/order-service.asyncapi.yaml', '--ruleset', 'strict', '--format', 'json']).stdout) as { files: { diagnostics: unknown[] }[] };
    assert.equal(got.lint, [{ fatal: false, findings: lintCli.files[0].diagnostics.length }]);
    assert.ok(typeof got.diff === 'object' && got.diff !== null && 'bump' in got.diff, JSON.stringify(got.diff));
    assert.ok(got.generate.includes('client.ts') && got.generate.includes('types.ts'), got.generate.join(' '));
    assert.is(got.refused, 'no-such-file.yaml: no such file or directory');
    // One input's problem is its result, not a rejection, and says what the command line says.
    const c = (JSON.parse(cli(['validate', 'broken.yaml', '--format', 'json'], { cwd: t.dir }).stdout) as {
      files: { diagnostics: { message: string; range: { start: { line: number; column: number } } }[] }[];
    }).files[0].diagnostics[0];
    assert.equal(got.broken, [{ valid: false, fatal: `broken.yaml:${c.range.start.line}:${c.range.start.column}: ${c.message}` }]);
  } finally {
    t.cleanup();
  }
});

test('a strict TypeScript consumer type-checks against the published declarations', () => {
  const t = consumer();
  try {
    writeFileSync(
      path.join(t.dir, 'use.ts'),
      `import { validate, lint, diff, generate, type FileResult, type DiffResult, type LintResult } from 'specgate';
const v: FileResult[] = await validate(['a.yaml'], { allowRefOutside: ['../shared'] });
const l: LintResult[] = await lint('a.yaml', { ruleset: 'minimal' });
const d: DiffResult = await diff('origin/main:a.yaml', 'a.yaml', { mode: 'backward' });
const g = await generate('a.yaml', { role: 'service', transport: 'amqp', out: 'gen' });
const bump: 'major' | 'minor' | 'patch' | 'none' = d.bump;
export const used = [v[0]?.valid, l[0]?.fatal, g.files.length, g.written?.written.length, bump];
// @ts-expect-error: a role that does not exist
await generate('a.yaml', { role: 'broker' });
`,
    );
    writeFileSync(
      path.join(t.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: [] }, files: ['use.ts'] }),
    );
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: t.dir, encoding: 'utf8', timeout: 60_000 });
    assert.is(r.stdout + r.stderr, '');
    assert.is(r.status, 0);
  } finally {
    t.cleanup();
  }
});

test('each optional peer (broker and database clients) is a bounded range that the tested version satisfies', async () => {
  const { default: semver } = await import('semver');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const [name, range] of Object.entries(pkg.peerDependencies as Record<string, string>)) {
    const tested = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    assert.ok(semver.satisfies(tested, range), `${name}@${tested} (what the tests run) is outside ${range}`);
    // An open range claims versions nobody ran: the next major of a client may change its API.
    const next = semver.major(tested) > 0 ? `${semver.major(tested) + 1}.0.0` : `0.${semver.minor(tested) + 1}.0`;
    assert.not.ok(semver.satisfies(next, range), `${name}: ${range} is open above (takes ${next})`);
    assert.is(pkg.peerDependenciesMeta[name]?.optional, true, `${name} is optional`);
  }
});

test.run();
