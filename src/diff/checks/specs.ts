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
  // An empty side is a document absent from it, as the folder comparison sees it.
  examples: () => [
    {
      title: 'a document gone from the folder',
      base: asyncapi('channels:\n  orders: { address: orders }\n'),
      revision: '',
      expect: [{ rule: 'spec-removed', level: 'breaking', message: 'API description `revision.yaml` (Orders) was removed.', at: '1:1' }],
    },
    {
      title: 'a new document in the folder',
      base: '',
      revision: asyncapi('channels:\n  orders: { address: orders }\n'),
      expect: [{ rule: 'spec-added', level: 'non-breaking', message: 'API description `revision.yaml` (Orders) was added.', at: '1:1' }],
    },
    edited('one document in two versions: no whole description comes or goes', asyncapi('channels:\n  orders: { address: orders }\n'), 'version: 1.0.0', 'version: 1.1.0', []),
  ],
  run() {},
};
export default check;
