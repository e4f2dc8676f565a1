// Conformance with Spectral itself (@stoplight/spectral-core 1.24 and @stoplight/spectral-functions 1.11
// as the oracle, run in this test): the documented example of each core function, the custom-rule
// fixture (resolved rules through $refs), and twenty custom rules on the Stripe description.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compilePointer } from '../../src/load/pointer.js';
import { loadConfig, parseConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { CORPUS, needs } from '../helpers.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/spectral');
const rel = (f: string) => path.relative(process.cwd(), f);
const SEVERITY = ['error', 'warning', 'info', 'hint'];

interface Finding {
  rule: string;
  severity: string;
  pointer: string;
  line: number;
  message: string;
}

/** Spectral on a file with the custom rules of a ruleset (its functions are Spectral's own). */
async function spectral(rules: Record<string, any>, file: string): Promise<Finding[]> {
  const { Spectral, Document } = require('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers');
  const F = require('@stoplight/spectral-functions');
  const formats = require('@stoplight/spectral-formats');
  const defs: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(rules)) {
    const then = (Array.isArray(r.then) ? r.then : [r.then]).map((t: any) => ({ ...t, function: F[t.function] }));
    defs[name] = { ...r, then, ...(r.formats ? { formats: r.formats.map((f: string) => formats[f]) } : {}) };
  }
  const s = new Spectral();
  s.setRuleset({ rules: defs });
  const results = await s.run(new Document(readFileSync(file, 'utf8'), Parsers.Yaml, file));
  return results.map((x: any) => ({ rule: x.code, severity: SEVERITY[x.severity], pointer: compilePointer(x.path), line: x.range.start.line + 1, message: x.message }));
}

async function ours(configText: string, configFile: string, file: string): Promise<Finding[]> {
  const config = parseConfig(configText, configFile);
  const names = new Set(config.spectral?.rules.map((r) => r.name));
  const r = await lintFile(rel(file), { config });
  return r.report.diagnostics.filter((d) => names.has(d.rule)).map((d) => ({ rule: d.rule, severity: d.severity, pointer: d.pointer, line: d.range!.start.line, message: d.message }));
}

const key = (f: Finding) => `${f.rule} ${f.severity} ${f.pointer} ${f.message}`;
const sorted = (fs: Finding[]) => fs.map(key).sort();

// Each row: the example rule of Spectral's "Core Functions" reference (docs/reference/functions.md), on
// fixtures/spectral/functions.yaml, and what both linters report. Where the docs give no example
// (truthy, falsy, defined, undefined, or, typedEnum) the rule is the smallest one of its kind.
const ROWS: { fn: string; rule: string; expected: string[]; oracle?: false }[] = [
  { fn: 'alphabetical', rule: '{ given: "$", then: { field: tags, function: alphabetical, functionOptions: { keyedBy: name } } }', expected: ['/tags 6 properties must follow the alphabetical order'] },
  // The docs' `$.paths.*` names path items, which have no tags, and `enumeration` takes one value: one level down, first tag.
  { fn: 'enumeration', rule: '{ given: "$.paths.*.*", then: { field: "tags[0]", function: enumeration, functionOptions: { values: [users, articles, categories] } } }', expected: ['/paths/~1pets~1/get/tags/0 14 "pets" must be equal to one of the allowed values: "users", "articles", "categories"', '/paths/~1owners/get/tags/0 29 "internal" must be equal to one of the allowed values: "users", "articles", "categories"'] },
  { fn: 'falsy', rule: '{ given: "$.info", then: { field: x-internal, function: falsy } }', expected: ['/info/x-internal 5 "x-internal" property must be falsy'] },
  { fn: 'length', rule: '{ given: "$.paths.*.*", then: { field: tags, function: length, functionOptions: { max: 3, min: 1 } } }', expected: ['/paths/~1pets~1/get/tags 14 "tags" property must be shorter than 3'] },
  // Spectral prints the value at the key's path, the path item, for `~` (so `Object{}`); so do we.
  { fn: 'pattern', rule: '{ given: "$.paths[*]~", then: { function: pattern, functionOptions: { notMatch: ".+\\\\/$" } } }', expected: ['/paths/~1pets~1 11 Object{} must not match the pattern ".+\\\\/$"'] },
  { fn: 'casing', rule: '{ given: "$.paths.*.*.operationId", then: { function: casing, functionOptions: { type: camel } } }', expected: ['/paths/~1pets~1/get/operationId 13 must be camel case'] },
  { fn: 'schema', rule: '{ given: "$", then: { field: servers, function: schema, functionOptions: { schema: { type: array, items: { type: object }, minItems: 1 } } } }', expected: ['/servers 9 "servers" property must not have fewer than 1 items'] },
  { fn: 'truthy', rule: '{ given: "$.info", then: { field: description, function: truthy } }', expected: ['/info 2 "info.description" property must be truthy'] },
  { fn: 'defined', rule: '{ given: "$.paths.*.*", then: { field: operationId, function: defined } }', expected: ['/paths/~1owners/get 28 "get.operationId" property must be defined'] },
  { fn: 'undefined', rule: '{ given: "$.paths.*.get", then: { field: requestBody, function: undefined } }', expected: ['/paths/~1pets~1/get/requestBody 15 "requestBody" property must be undefined'] },
  { fn: 'unreferencedReusableObject', rule: '{ resolved: false, given: "$.components.schemas", then: { function: unreferencedReusableObject, functionOptions: { reusableObjectsLocation: "#/components/schemas" } } }', expected: ['/components/schemas/Unused 41 Potential orphaned reusable object has been detected'] },
  { fn: 'xor', rule: '{ given: "$..example", then: { function: xor, functionOptions: { properties: [externalValue, value] } } }', expected: ['/paths/~1pets~1/get/responses/200/content/application~1json/example 24 Just one of "value" and "externalValue" must be defined'] },
  { fn: 'or', rule: '{ given: "$.components.schemas.*", then: { function: or, functionOptions: { properties: [properties, enum] } } }', expected: ['/components/schemas/Unused 41 At least one of "properties" or "enum" must be defined'] },
  // typedEnum is in @stoplight/spectral-rulesets, which is not installed: its expectation stands alone.
  { fn: 'typedEnum', rule: '{ given: "$..[?(@.enum)]", then: { function: typedEnum } }', expected: ['/components/schemas/Pet/properties/status/enum/1 40 Enum value 1 must be "string".'], oracle: false },
];

for (const row of ROWS) {
  test(`core function ${row.fn}: the documented example reports what Spectral reports`, async () => {
    const text = `rules:\n  r: ${row.rule}\n`;
    const mine = await ours(text, path.join(fixtures, '.spectral.yaml'), path.join(fixtures, 'functions.yaml'));
    assert.equal(mine.map((f) => `${f.pointer} ${f.line} ${f.message}`), row.expected);
    if (row.oracle === false) return;
    const theirs = await spectral(parse(text).rules, path.join(fixtures, 'functions.yaml'));
    assert.equal(sorted(mine), sorted(theirs));
    // The same line for each finding (Spectral's range starts at the value, ours at the key: same line).
    assert.equal(mine.map((f) => f.line).sort(), theirs.map((f) => f.line).sort());
  });
}

test('custom-rule fixture: resolved rules through $refs report what Spectral reports, where it reports them', async () => {
  const file = path.join(fixtures, 'custom.spectral.yaml');
  const text = readFileSync(file, 'utf8');
  const rules = parse(text).rules;
  delete rules.typed;
  const mine = (await ours(text, file, path.join(fixtures, 'api.yaml'))).filter((f) => f.rule !== 'typed');
  const theirs = await spectral(rules, path.join(fixtures, 'api.yaml'));
  assert.is(mine.length, 5);
  assert.equal(sorted(mine), sorted(theirs));
  assert.equal(mine.map((f) => `${f.rule} ${f.line}`).sort(), theirs.map((f) => `${f.rule} ${f.line}`).sort());
});

const stripe = path.join(CORPUS, 'openapi/large/stripe-spec3-2023-09-12-63a67463.yaml');
const corpusTest = needs('corpus', existsSync(stripe), `${stripe} is absent`);

corpusTest('20 custom rules on the Stripe description: the same findings as Spectral, by rule, node, message and line', async () => {
  const file = path.join(fixtures, 'stripe.spectral.yaml');
  const text = readFileSync(file, 'utf8');
  const rules = parse(text).rules;
  assert.is(Object.keys(rules).length, 20);
  const mine = await ours(text, file, stripe);
  const theirs = await spectral(rules, stripe);
  const count = (fs: Finding[]) => {
    const by: Record<string, number> = {};
    for (const f of fs) by[f.rule] = (by[f.rule] ?? 0) + 1;
    return by;
  };
  // Counts by rule first (the figure docs/lint.md gives), then every finding, then lines.
  assert.equal(count(mine), count(theirs));
  assert.ok(theirs.length > 14000, `${theirs.length} findings`);
  assert.ok(Object.keys(count(theirs)).length >= 16);
  const theirKeys = new Set(theirs.map(key));
  const missing = mine.filter((f) => !theirKeys.has(key(f)));
  assert.equal(missing.slice(0, 5).map(key), []);
  const lines = new Map(theirs.map((f) => [key(f), f.line]));
  const moved = mine.filter((f) => lines.get(key(f)) !== f.line);
  assert.equal(moved.slice(0, 5).map((f) => `${key(f)}: ${f.line} vs ${lines.get(key(f))}`), []);
});

test.run();
