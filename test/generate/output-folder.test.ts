// generate writes only inside --out, never through a link, never over a file it read, and replaces files
// whole: each hole through the built CLI (run `npm run build` first), in a temporary project that holds
// the order-service spec and the files an attacker could commit beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, ROOT, tempFiles } from '../helpers.js';

const SPEC = 'order.yaml';
const VICTIM = 'victim.txt';
const VICTIM_TEXT = 'not specgate output\n';
const GENERATED = 'generated 7 files for OrderService (service side) in out\n';
const LINK = (p: string) => `specgate: ${p}: is a symbolic link; generate does not write through links, remove it or choose another --out\n`;

/** A project: the spec and its $ref'd files, a victim file beside it, and `extra` files. */
function project(extra: Record<string, string> = {}) {
  const read = (p: string) => readFileSync(path.join(ROOT, 'specs', p), 'utf8');
  const t = tempFiles({
    [SPEC]: read('order-service.asyncapi.yaml'),
    'common/headers.yaml': read('common/headers.yaml'),
    'common/schemas.yaml': read('common/schemas.yaml'),
    [VICTIM]: VICTIM_TEXT,
    ...extra,
  });
  const at = (p: string) => path.join(t.dir, p);
  const spec = readFileSync(at(SPEC));
  return {
    ...t,
    at,
    run: (...args: string[]) => cli(['generate', SPEC, ...args], { cwd: t.dir, timeout: 10_000 }),
    /** Generate once into out/, as a committed folder would have been. */
    generated() {
      const r = cli(['generate', SPEC, '--out', 'out'], { cwd: t.dir });
      assert.is(r.status, 0, r.stderr);
    },
    assertUntouched() {
      assert.is(readFileSync(at(VICTIM), 'utf8'), VICTIM_TEXT, 'the victim file is unchanged');
      assert.ok(readFileSync(at(SPEC)).equals(spec), 'the input spec is byte-identical');
    },
  };
}

function assertRefused(r: { status: number; stdout: string; stderr: string }, stderr: string) {
  assert.is(r.stderr, stderr);
  assert.is(r.stdout, '');
  assert.is(r.status, 2);
}

test('a link at a generated path is not written through, even with --force', () => {
  const p = project();
  try {
    mkdirSync(p.at('out'));
    symlinkSync(`../${VICTIM}`, p.at('out/types.ts'));
    assertRefused(p.run('--out', 'out', '--force'), LINK('out/types.ts'));
    p.assertUntouched();
    assert.ok(lstatSync(p.at('out/types.ts')).isSymbolicLink(), 'the link is left as it was');
  } finally {
    p.cleanup();
  }
});

test('a link at a path a committed manifest lists is not written through', () => {
  const p = project();
  try {
    p.generated();
    execFileSync('rm', [p.at('out/types.ts')]);
    symlinkSync(`../${VICTIM}`, p.at('out/types.ts'));
    assertRefused(p.run('--out', 'out'), LINK('out/types.ts'));
    p.assertUntouched();
  } finally {
    p.cleanup();
  }
});

test('a link in place of the manifest is neither read nor written through, with no flag at all', () => {
  const p = project();
  try {
    mkdirSync(p.at('out'));
    symlinkSync(`../${VICTIM}`, p.at('out/.specgate-manifest.json'));
    assertRefused(p.run('--out', 'out'), LINK('out/.specgate-manifest.json'));
    p.assertUntouched();
    // --check reads and compares the same folder: refused the same way, not followed.
    assertRefused(p.run('--out', 'out', '--check'), LINK('out/.specgate-manifest.json'));
  } finally {
    p.cleanup();
  }
});

test('a link to the input spec at a generated path leaves the spec byte-identical', () => {
  const p = project();
  try {
    mkdirSync(p.at('out'));
    symlinkSync(`../${SPEC}`, p.at('out/index.ts'));
    assertRefused(p.run('--out', 'out', '--force'), LINK('out/index.ts'));
    p.assertUntouched();
  } finally {
    p.cleanup();
  }
});

test('a hard link to the input spec at a generated path is refused as an input of the run', () => {
  const p = project();
  try {
    mkdirSync(p.at('out'));
    linkSync(p.at(SPEC), p.at('out/index.ts'));
    assertRefused(
      p.run('--out', 'out', '--force'),
      'specgate: out/index.ts: is an input of this run; generate never overwrites or removes what it reads, choose another --out\n',
    );
    p.assertUntouched();
  } finally {
    p.cleanup();
  }
});

test('a file a $ref reads is never removed, even when a committed manifest lists it as obsolete', () => {
  // The spec is generated into its own folder's `out/`, whose manifest claims the shared schemas file.
  const p = project();
  try {
    p.generated();
    const schemas = readFileSync(p.at('common/schemas.yaml'));
    const spec = readFileSync(p.at(SPEC), 'utf8').replaceAll('./common/', './out/');
    writeFileSync(p.at('other.yaml'), spec);
    writeFileSync(p.at('out/headers.yaml'), readFileSync(p.at('common/headers.yaml')));
    writeFileSync(p.at('out/schemas.yaml'), schemas);
    const manifest = JSON.parse(readFileSync(p.at('out/.specgate-manifest.json'), 'utf8')) as { files: string[] };
    manifest.files.push('headers.yaml', 'schemas.yaml');
    writeFileSync(p.at('out/.specgate-manifest.json'), JSON.stringify(manifest));
    const r = cli(['generate', 'other.yaml', '--out', 'out'], { cwd: p.dir });
    assertRefused(r, 'specgate: out/headers.yaml: is an input of this run; generate never overwrites or removes what it reads, choose another --out\n');
    assert.ok(readFileSync(p.at('out/schemas.yaml')).equals(schemas));
  } finally {
    p.cleanup();
  }
});

test('--out that is a link, or under a linked folder of the project, is refused', () => {
  const p = project();
  try {
    mkdirSync(p.at('elsewhere'));
    symlinkSync('elsewhere', p.at('out'));
    assertRefused(p.run('--out', 'out'), LINK('out'));
    symlinkSync('elsewhere', p.at('src'));
    assertRefused(p.run('--out', 'src/generated'), LINK('src'));
    assert.equal(readdirSync(p.at('elsewhere')), [], 'nothing was written where the links point');
  } finally {
    p.cleanup();
  }
});

test('a linked folder inside --out is not entered: with --force it is left alone', () => {
  const p = project();
  try {
    mkdirSync(p.at('elsewhere'));
    mkdirSync(p.at('out'));
    symlinkSync('../elsewhere', p.at('out/sub'));
    const r = p.run('--out', 'out', '--force');
    assert.is(r.stderr, `warning: out/sub was not written by specgate; left as it is\n${GENERATED}`);
    assert.is(r.status, 0);
    assert.equal(readdirSync(p.at('elsewhere')), []);
    assert.ok(lstatSync(p.at('out/sub')).isSymbolicLink());
  } finally {
    p.cleanup();
  }
});

test('with --force, a foreign file at a generated path is reported as replaced, others as left alone', () => {
  const p = project({ 'out/types.ts': 'mine\n', 'out/notes.md': 'mine\n' });
  try {
    const r = p.run('--out', 'out', '--force');
    assert.is(
      r.stderr,
      `warning: out/notes.md was not written by specgate; left as it is\nwarning: out/types.ts was not written by specgate; replaced (--force)\n${GENERATED}`,
    );
    assert.is(r.status, 0);
    assert.is(readFileSync(p.at('out/notes.md'), 'utf8'), 'mine\n');
  } finally {
    p.cleanup();
  }
});

test('manifest entries outside --out (`../x`, an absolute path, `a/../../x`) are never removed', () => {
  const p = project();
  try {
    p.generated();
    const manifest = JSON.parse(readFileSync(p.at('out/.specgate-manifest.json'), 'utf8')) as { files: string[] };
    manifest.files.push(`../${VICTIM}`, p.at(VICTIM), `x/../../${VICTIM}`, `../${SPEC}`);
    writeFileSync(p.at('out/.specgate-manifest.json'), JSON.stringify(manifest));
    const r = p.run('--out', 'out');
    assert.is(r.stderr, GENERATED);
    assert.is(r.status, 0);
    p.assertUntouched();
    assert.is(JSON.parse(readFileSync(p.at('out/.specgate-manifest.json'), 'utf8')).files.length, 7, 'the rewritten manifest lists only generated files');
  } finally {
    p.cleanup();
  }
});

test('--out naming a file is one line, exit 2, and the file is unchanged', () => {
  const p = project();
  try {
    assertRefused(p.run('--out', SPEC), `specgate: ${SPEC}: is not a folder; --out must name a folder\n`);
    assertRefused(p.run('--out', `${SPEC}/gen`), `specgate: ${SPEC}: is not a folder; --out must name a folder\n`);
    assertRefused(p.run('--out', SPEC, '--check'), `specgate: ${SPEC}: is not a folder; --out must name a folder\n`);
    p.assertUntouched();
  } finally {
    p.cleanup();
  }
});

test('--out where no folder can be made (/proc/x) is one line, exit 2, not an endless loop', () => {
  if (!existsSync('/proc/self')) return; // only Linux has /proc
  const p = project();
  try {
    assertRefused(p.run('--out', '/proc/x'), 'specgate: /proc/x: cannot create this folder (ENOENT)\n');
  } finally {
    p.cleanup();
  }
});

test('a FIFO at a generated path is refused, not waited on, by generate and --check', () => {
  if (process.platform === 'win32') return;
  const p = project();
  try {
    p.generated();
    execFileSync('rm', [p.at('out/client.ts')]);
    execFileSync('mkfifo', [p.at('out/client.ts')]);
    const refused = 'specgate: out/client.ts: is not a regular file; remove it or choose another --out\n';
    assertRefused(p.run('--out', 'out', '--check'), refused);
    assertRefused(p.run('--out', 'out'), refused);
  } finally {
    p.cleanup();
  }
});

test('files are replaced, not written in place: a hard link to a generated file keeps its content', () => {
  const p = project();
  try {
    p.generated();
    execFileSync('rm', [p.at('out/types.ts')]);
    linkSync(p.at(VICTIM), p.at('out/types.ts'));
    const r = p.run('--out', 'out');
    assert.is(r.stderr, GENERATED);
    assert.is(r.status, 0);
    p.assertUntouched();
    assert.ok(readFileSync(p.at('out/types.ts'), 'utf8').startsWith('// DO NOT EDIT'));
    assert.is(p.run('--out', 'out', '--check').status, 0);
  } finally {
    p.cleanup();
  }
});

test('a temporary file left by a killed run is removed, not taken for a foreign file', () => {
  const p = project();
  try {
    p.generated();
    writeFileSync(p.at('out/.specgate-tmp-4242-3'), '// DO NOT EDIT: gener');
    const r = p.run('--out', 'out');
    assert.is(r.stderr, GENERATED);
    assert.is(r.status, 0);
    assert.not.ok(existsSync(p.at('out/.specgate-tmp-4242-3')));
  } finally {
    p.cleanup();
  }
});

test.run();
