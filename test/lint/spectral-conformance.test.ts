// Conformance with Spectral itself (@stoplight/spectral-core 1.24 and @stoplight/spectral-functions 1.11
// as the oracle, scripts/spectral-oracle.mjs): the documented example of each core function and the
// custom-rule fixture (resolved rules through $refs), with Spectral run here; twenty custom rules on the
// Stripe description against Spectral's findings recorded by that script (Spectral needs more than a
// minute there), which must have been recorded from the current ruleset, document and Spectral.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { needs } from '../helpers.js';
// @ts-expect-error: a plain ESM script without types
import { readFindings, runSpectral, stamp, STRIPE_FINDINGS, STRIPE_RULESET, STRIPE_SPEC } from '../../scripts/spectral-oracle.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures/spectral');
const rel = (f: string) => path.relative(process.cwd(), f);

interface Finding {
  rule: string;
  severity: string;
  pointer: string;
  line: number;
  message: string;
}

/** Spectral on a file with the custom rules of a ruleset (its functions are Spectral's own). */
const spectral = (rules: Record<string, any>, file: string): Promise<Finding[]> => runSpectral(rules, file);

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

const corpusTest = needs('corpus', existsSync(STRIPE_SPEC), `${STRIPE_SPEC} is absent`);

corpusTest('the recorded Spectral findings on Stripe are for the current ruleset, document and Spectral', () => {
  const recorded = readFindings().stamp;
  assert.equal(recorded, stamp(STRIPE_RULESET, STRIPE_SPEC), `${path.relative(process.cwd(), STRIPE_FINDINGS)} is stale: run \`node scripts/spectral-oracle.mjs\``);
});

corpusTest('20 custom rules on the Stripe description: the same findings as Spectral, by rule, node, message and line', async () => {
  const text = readFileSync(STRIPE_RULESET, 'utf8');
  assert.is(Object.keys(parse(text).rules).length, 20);
  const mine = await ours(text, STRIPE_RULESET, STRIPE_SPEC);
  const theirs: Finding[] = readFindings().findings;
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
