// Every diff rule of the registry is shown by its check's examples: one pair where it fires, and, for a rule
// whose level depends on the direction of the data (accepted or emitted), a firing pair in each direction,
// so both of its levels are tested and documented. A rule at one level either way is direction-free.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded, wholeSpec } from '../../src/diff/index.js';
import { checks, rules } from '../../src/diff/registry.js';
import type { DiffExample } from '../../src/model/rule-example.js';
import { sideFromText } from './helpers.js';

async function changesOf(ex: DiffExample) {
  const result =
    ex.base === '' || ex.revision === ''
      ? wholeSpec(ex.base === '' ? 'spec-added' : 'spec-removed', 'base.yaml', 'revision.yaml', (await sideFromText('doc.yaml', ex.base || ex.revision)).model)
      : await diffLoaded(await sideFromText('base.yaml', ex.base), await sideFromText('revision.yaml', ex.revision), ex.mode ? { mode: ex.mode } : {});
  return result.changes;
}

test('every diff rule fires in an example of its check, in each direction its level depends on', async () => {
  /** rule → directions it fired in (`-` for a change with none). */
  const fired = new Map<string, Set<string>>();
  let clean = 0;
  for (const check of checks) {
    const own = new Set(check.rules.map((r) => r.id));
    let quiet = false;
    for (const ex of check.examples?.() ?? []) {
      const mine = (await changesOf(ex)).filter((c) => own.has(c.id));
      if (!mine.length) quiet = true;
      for (const c of mine) {
        const s = fired.get(c.id) ?? new Set();
        s.add(c.direction ?? '-');
        fired.set(c.id, s);
      }
    }
    if (quiet) clean++;
    else assert.unreachable(`the check of ${[...own].join(', ')} has no example where none of its rules fires`);
  }
  const missing: string[] = [];
  for (const r of rules) {
    const dirs = fired.get(r.id);
    if (!dirs) missing.push(`${r.id} never fires`);
    else if (r.levels.accept !== r.levels.emit)
      for (const d of ['accept', 'emit']) if (!dirs.has(d)) missing.push(`${r.id} ${d}`);
  }
  // Each entry reads `rule direction` (a direction its examples never show it in) or `rule never fires`.
  assert.equal(missing, []);
  assert.is(clean, checks.length);
});

test.run();
