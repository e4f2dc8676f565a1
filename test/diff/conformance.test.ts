import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusPresent, runConformance } from './conformance-lib.js';
import { needs } from '../helpers.js';

// The placeholder that passed with no assert when the corpus was absent is now a counted skip.
{
  needs('corpus', corpusPresent(), '../shared/corpus is absent')('diff conformance: at least 95% agreement where the peer verdict maps onto ours, every disagreement explained', async () => {
    const c = await runConformance();
    assert.ok(c.bySuite['openapi-diff'].mapped >= 139, 'openapi-diff cases read');
    assert.ok(c.bySuite['asyncapi-diff'].mapped >= 20, '@asyncapi/diff and CLI cases read');
    assert.is(c.bySuite['schema-compat'].mapped, 45);
    const ratio = c.total.agree / c.total.mapped;
    assert.ok(ratio >= 0.95, `agreement ${(100 * ratio).toFixed(1)}% (${c.total.agree}/${c.total.mapped})`);
    const unexplained = c.rows.filter((r) => r.agree === false && !r.note);
    assert.equal(unexplained.map((r) => `${r.id}: ${r.what} peer=${r.peer} ours=${r.ours}`), []);
    const unmapped = c.rows.filter((r) => r.agree === null && !r.note);
    assert.equal(unmapped.map((r) => r.id), []);
  });
}

test.run();
