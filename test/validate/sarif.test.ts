import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli, tempFiles } from '../helpers.js';

// GitHub code scanning shows a rule's level from `defaultConfiguration` when a result has none of its
// own, and lists rules by it; validate's rules are all errors (the document breaks its specification).
const { dir, cleanup } = tempFiles({
  'undeclared.yaml': 'openapi: 3.0.3\ninfo: { title: T, version: "1" }\npaths:\n  /a/{b}:\n    get:\n      responses: { "200": { description: ok } }\n',
  'broken.yaml': 'openapi: 3.0.3\ninfo: [\n',
});

test('validate sarif: every rule used carries its default level', () => {
  const r = cli(['validate', '-f', 'sarif', 'undeclared.yaml', 'broken.yaml'], { cwd: dir });
  assert.is(r.status, 2, r.stderr);
  const run = JSON.parse(r.stdout).runs[0];
  const rules = run.tool.driver.rules as { id: string; defaultConfiguration?: { level: string; enabled: boolean } }[];
  assert.equal(
    rules.map((x) => [x.id, x.defaultConfiguration]),
    [
      ['input-error', { level: 'error', enabled: true }],
      ['path-parameters', { level: 'error', enabled: true }],
    ],
  );
  assert.equal(
    run.results.map((x: { ruleId: string; ruleIndex: number; level: string }) => [x.ruleId, x.ruleIndex, x.level]),
    [
      ['path-parameters', 1, 'error'],
      ['input-error', 0, 'error'],
    ],
  );
});

test.after(cleanup);
test.run();
