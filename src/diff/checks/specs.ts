import { fixed, type ModelCheck } from '../check.js';
import { asyncapi, edited } from '../model-examples.js';

/**
 * Whole documents added to or removed from a folder, when `specgate diff --base <ref> <dir>` compares a
 * folder with a git revision. Reported by the folder comparison itself; nothing to run per model pair.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('spec-removed', 'operation', 'breaking', 'A whole API description is gone from the folder: everything it described is removed.'),
    fixed('spec-added', 'operation', 'non-breaking', 'A new API description in the folder.'),
  ],
  // Both rules need a folder compared with a git revision, which a pair of documents cannot show.
  examples: [edited('one document in two versions: no whole description comes or goes', asyncapi('channels:\n  orders: { address: orders }\n'), 'version: 1.0.0', 'version: 1.1.0', [])],
  run() {},
};
export default check;
