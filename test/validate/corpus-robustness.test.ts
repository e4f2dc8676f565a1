import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateFile } from '../../src/validate/index.js';
import { CORPUS, skipped } from '../helpers.js';

// Every real-world document (and every historical version of it) and both large OpenAPI descriptions
// load and validate without an exception; a verdict of any kind is fine, a crash is not.

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ya?ml|json)$/.test(name) && name !== 'history.json') out.push(p);
  }
  return out;
}

const realWorld = path.join(CORPUS, 'asyncapi/real-world');
const large = path.join(CORPUS, 'openapi/large');

if (!existsSync(realWorld)) {
  skipped('corpus', 'real-world robustness (every test of this file)', `${realWorld} is absent`);
} else {
  test('real-world AsyncAPI documents and their history load without a crash', async () => {
    const files = walk(realWorld);
    assert.ok(files.length > 150, `found ${files.length} files`);
    let specs = 0;
    for (const f of files) {
      const r = await validateFile(f).catch((e: Error) => assert.unreachable(`${f}: ${e.stack}`));
      if (r && r.format) specs++;
    }
    assert.ok(specs > 150, `${specs} documents recognised as specs`);
  });

  test('the largest real-world 3.0 document validates with no errors', async () => {
    const r = await validateFile(path.join(realWorld, 'deepgram/history/057_2025-10-08_eedf9ac8f0.yml'));
    assert.is(r.version, '3.0.0');
    assert.equal(r.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  test('Stripe and GitHub descriptions load and validate without a crash', async () => {
    for (const name of readdirSync(large).filter((n) => /\.(ya?ml|json)$/.test(n))) {
      const r = await validateFile(path.join(large, name));
      assert.is(r.fatal, undefined, `${name}: ${r.fatal?.message}`);
      assert.is(r.format, 'openapi');
      // Structurally valid; GitHub has ambiguous path templates, a real (semantic) finding.
      assert.equal(r.diagnostics.filter((d) => d.rule === 'openapi-schema'), [], name);
    }
  });
}

test.run();
