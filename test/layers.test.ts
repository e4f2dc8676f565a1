// The import graph of src/ follows the data flow: commands and cli sit on top; nothing below imports
// them, and the runtime that generated code imports stands alone. Read from the sources with
// TypeScript's own scanner, so an import in a comment or a string does not count and none is missed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'compiled' ? [] : sources(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module a file imports or re-exports, statically or with `import()`, resolved to a path under src/. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

const graph = sources(SRC).map((f) => ({ file: path.relative(SRC, f), imports: importsOf(f) }));
const top = (p: string) => p.split(path.sep)[0];

test('the graph is read: commands import cli, cli imports validate', () => {
  const edges = graph.flatMap((g) => g.imports.map((i) => `${top(g.file)} -> ${top(i)}`));
  assert.ok(edges.includes('commands -> cli'));
  assert.ok(edges.includes('cli -> validate'));
  assert.ok(graph.length > 100, `${graph.length} files`);
});

test('nothing below cli/ and commands/ imports them', () => {
  const bad = graph.flatMap((g) =>
    ['cli', 'commands'].includes(top(g.file)) ? [] : g.imports.filter((i) => ['cli', 'commands'].includes(top(i))).map((i) => `${g.file} -> ${i}`),
  );
  assert.equal(bad, []);
});

test('the runtime imports nothing of the tool, and the tool reaches it only through its entry points', () => {
  const out = graph.flatMap((g) => (top(g.file) === 'runtime' ? g.imports.filter((i) => top(i) !== 'runtime').map((i) => `${g.file} -> ${i}`) : []));
  assert.equal(out, []);
});

test.run();
