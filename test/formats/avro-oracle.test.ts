import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REASONS, runOracle } from './avro-oracle-lib.js';

const verdicts = runOracle();

test('at least 200 mutated schema pairs, each judged both ways by avsc', () => {
  assert.ok(new Set(verdicts.map((v) => v.pair.id)).size >= 200);
  assert.equal(verdicts.filter((v) => v.avsc === undefined).map((v) => `${v.pair.id} ${v.pair.what}`), [], 'every mutated schema is valid Avro');
  // Both verdicts occur in every family but `same`, so agreement is not one-sided.
  for (const kind of ['field', 'type', 'enum', 'union', 'fixed', 'rename'])
    assert.equal(new Set(verdicts.filter((v) => v.pair.kind === kind).map((v) => v.avsc)).size, 2, kind);
});

test("specgate's breaking / compatible verdict is avsc's, or the difference is explained", () => {
  const unexplained = verdicts
    .filter((v) => v.avsc !== undefined && v.avsc !== v.ours && !REASONS[`${v.pair.id} ${v.dir}`])
    .map((v) => `${v.pair.id} ${v.dir} ${v.pair.what}: avsc ${v.avsc ? 'compatible' : 'incompatible'}, specgate ${v.ours ? 'compatible' : 'breaking'}`);
  assert.equal(unexplained, []);
});

test.run();
