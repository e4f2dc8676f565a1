// The example checker interprets schemas instead of compiling them (see example-validator.ts); here it must
// give Ajv's verdict on every media-type example of GitHub's description (OpenAPI 3.0, 1,400+ examples).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ExampleValidator } from '../../src/lint/example-validator.js';
import { validateFile } from '../../src/validate/index.js';
import { needs } from '../helpers.js';

const GITHUB = path.resolve('../shared/corpus/openapi/large/github-api.github.com-octokit-openapi-23.0.2.json');

needs('corpus', existsSync(GITHUB), `${GITHUB} is absent`)('same verdict as Ajv on every GitHub example Ajv can compile', async () => {
  const model = (await validateFile(GITHUB, { keepModel: true })).model!;
  const ws = model.workspace;
  const ajv = new Ajv({ strict: false, validateSchema: false, logger: false, unicodeRegExp: false, inlineRefs: false, code: { optimize: false } });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  for (const f of ws.files.values()) ajv.addSchema(f.value as object, pathToFileURL(path.resolve(f.file)).href);
  const mine = new ExampleValidator(model);
  let checked = 0;
  let invalid = 0;
  const disagree: string[] = [];
  for (const m of model.messages)
    for (const ex of m.examples) {
      if (!m.payload) continue;
      const d = ws.deref<{ value?: unknown }>(ws.get(ex.source), ex.source);
      const value = ex.source.pointer.endsWith('/example') ? d?.value : d?.value?.value;
      if (value === undefined) continue;
      const ref = `${pathToFileURL(path.resolve(m.payload.source.file)).href}#${m.payload.source.pointer.split('/').map((t) => encodeURIComponent(t).replace(/%7E/gi, '~')).join('/')}`;
      let theirs: boolean;
      try {
        theirs = ajv.getSchema(ref)!(value) as boolean;
      } catch {
        continue; // Ajv refuses some schemas (`nullable` without `type`)
      }
      checked++;
      const ours = mine.validate(m.payload.source, value);
      if (ours.length) invalid++;
      if (theirs !== (ours.length === 0)) disagree.push(`${ex.source.pointer}: ajv ${theirs}, ours ${JSON.stringify(ours)}`);
    }
  assert.ok(checked > 1000, `only ${checked} examples`);
  assert.ok(invalid > 100, `only ${invalid} invalid examples`);
  assert.equal(disagree.slice(0, 5), []);
});

test.run();
