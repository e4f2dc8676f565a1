// src/lint/spectral/jsonpath.ts answers Spectral `given`s as jsonpath-plus does, without its evaluator:
// every path here is asked of both, alone and all at once (the shared walk of `$..` paths), on a document
// with the corners of jsonpath-plus's semantics (keys that look like steps, strings, nulls, arrays).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSONPath } from 'jsonpath-plus';
import { parse } from 'yaml';
import { select, selectAll } from '../../src/lint/spectral/jsonpath.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = parse(readFileSync(path.join(here, 'fixtures/spectral/api.yaml'), 'utf8'));

const corners = {
  info: { title: 'Corners', version: '1', contact: null, tags: ['b', 'a'] },
  paths: {
    '/a_b/': { get: { operationId: 'x', parameters: [{ name: 'p', in: 'query', required: true }, null, 3] }, 'get,post': { odd: true } },
    '/c': { post: { requestBody: { content: { 'application/json': { schema: { type: 'string', enum: ['z', 'y'] } } } } }, '~': { tilde: 1 }, '*': { star: 1 } },
  },
  components: {
    schemas: {
      A: { type: 'object', nullable: true, properties: { id: { type: 'integer' }, 'x.y': { type: 'string', enum: [1] }, list: { type: 'array', items: [{ type: 'string' }, { type: ['null'] }] } } },
      B: { type: ['object', 'null'], properties: { 'nested~key': { type: 'boolean', description: '' } } },
      C: { allOf: [{ $ref: '#/components/schemas/A' }], 'x-expandableFields': ['a', 'b', 'c', 'd', 'e'] },
    },
  },
  '..': { weird: true },
};

const PATHS = [
  '$',
  '$.info',
  '$.info.title',
  '$.info.title.length',
  '$.info.title[0]',
  '$.info.contact',
  '$.info.contact.email',
  '$.info.tags[*]',
  '$.info.tags[1]',
  '$.paths[*]',
  '$.paths[*]~',
  '$.paths[*][*]',
  '$.paths[*][*]~',
  '$.paths[*][get,post,delete]',
  '$.paths[*].get',
  '$.paths[*][*].parameters[*]',
  '$.paths[*][*].parameters[*].name',
  "$.paths['/a_b/']",
  "$.paths['/a_b/'].get.parameters[0]",
  '$.paths[*][~]',
  '$.paths[*].*',
  '$.components.schemas',
  '$.components.schemas[*]',
  '$.components.schemas[*]~',
  "$.components.schemas.A.properties['x.y']",
  '$.components.schemas.*.properties.*',
  '$..properties',
  '$..properties[*]',
  '$..properties[*]~',
  '$..properties.*.type',
  '$..enum',
  '$..enum[*]',
  '$..type',
  '$..description',
  '$..[?(@.type)]',
  "$..[?(@.type === 'string' && @.enum)]",
  "$..[?(@['x-expandableFields'])]",
  '$..[?(@.nullable === true)]',
  "$..[?(@.type === 'object')]",
  '$..[?(@ && @.type)]',
  "$..[?(typeof @.type === 'string')]",
  '$..[?(!@.type)]',
  "$..[?(@property === 'schema')]",
  "$..[?(@property.startsWith('x-'))]",
  "$..[?(@parentProperty === 'properties')]",
  "$..[?(@.type == 'string' || @.type == 'integer')]",
  '$..[?(@.length > 1)]',
  "$..[?(@ === 'z')]",
  '$..[?(@.enum && @.enum.length > 1)]',
  "$.components.schemas[?(@.type === 'object')]",
  "$.components.schemas[?(@.type === 'object')].properties",
  '$.paths..parameters',
  '$.paths..parameters[*].in',
  '$..parameters[?(@.required)]',
  '$..*',
  '$..',
  '$...weird',
  '$..items[*]',
  '$..allOf[*].$ref',
  '$.info..*',
  '$.components.schemas[A,B]',
  '$.components.schemas[A,B].type',
  '$.info.tags[0:1]',
  '$..[?(@path)]',
  'paths[*]',
];

const withJsonPathPlus = (p: string, json: unknown) =>
  (JSONPath({ path: p, json: json as object, resultType: 'all', eval: 'safe' }) as { pointer: string; value: unknown }[]).map((r) => ({
    path: r.pointer === '' ? [] : r.pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
    value: r.value,
  }));

/** The matches, or the error when the path throws on this document. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// Without its nulls (where a filter reading `@.type` throws in jsonpath-plus), and with them.
const dropNulls = (v: unknown): unknown =>
  Array.isArray(v) ? v.filter((x) => x !== null).map(dropNulls) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)])) : v;
const noNulls = dropNulls(corners);

for (const [name, doc] of [
  ['corners', noNulls],
  ['corners with nulls', corners],
  ['api.yaml', api],
] as const) {
  test(`${name}: each path selects what jsonpath-plus selects, in its order, or fails as it does`, () => {
    for (const p of PATHS) assert.equal(outcome(() => select(p, doc)), outcome(() => withJsonPathPlus(p, doc)), p);
  });

  test(`${name}: all paths at once (one shared walk for the \`$..\` ones) select the same`, () => {
    const paths = PATHS.filter((p) => !('error' in (outcome(() => withJsonPathPlus(p, doc)) as object)));
    const all = selectAll(paths, doc);
    for (const p of paths) assert.equal(all.get(p), withJsonPathPlus(p, doc), p);
  });
}

test('a filter that fails throws what jsonpath-plus throws', () => {
  for (const p of ['$..[?(@.type.length > 1)]', '$..[?(nope)]', '$..[?(@.x.y)]', "$..[?(@property.startsWith('x-'))]"]) {
    let theirs = '';
    try {
      withJsonPathPlus(p, corners);
    } catch (e) {
      theirs = (e as Error).message;
    }
    assert.ok(theirs, p);
    assert.throws(() => select(p, corners), (e: Error) => e.message === theirs, p);
  }
});

test('the path counts are real: the corners document is walked, not skipped', () => {
  assert.is(select('$..[?(@.type)]', noNulls).length, 9);
  // After `*`, a key spelled like the next step is followed literally: '/c' has a key `~`.
  assert.equal(select('$.paths[*]~', corners).map((m) => m.value), ['/a_b/', { tilde: 1 }]);
  // …and '/c' has a key `*`, so `[*][*]` there is that one key, not every operation.
  assert.equal(select('$.paths[*][*]~', corners).map((m) => m.path), [['paths', '/a_b/', 'get'], ['paths', '/a_b/', 'get,post'], ['paths', '/c', '*']]);
});

test.run();
