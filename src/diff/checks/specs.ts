import { fixed, type ModelCheck } from '../check.js';

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
  run() {},
};
export default check;
