import type { ApiModel } from '../../model/types.js';
import { fixed, type ModelCheck } from '../check.js';
import { isLibrary } from '../library.js';
import { pairBy } from '../match.js';
import { edited, openapi } from '../model-examples.js';

/** A shared schema library: `components` only, no paths. */
const common = openapi(`components:
  schemas:
    Money: { type: object, required: [amount], properties: { amount: { type: string, maxLength: 20 } } }
    Currency: { type: string }
`);

const schemas = (m: ApiModel) => m.components.filter((c) => c.kind === 'schemas');

/**
 * Documents that hold only `components.schemas` (see `isLibrary`). Their schemas are compared by name: in the
 * directions of the specs of the run that `$ref` them, or, when none is known, both ways at the worse level.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('library-schema-removed', 'schema', 'breaking', 'A schema is gone from a schema library: `$ref`s to it no longer resolve.'),
    fixed('library-schema-added', 'schema', 'non-breaking', 'A new schema in a schema library.'),
  ],
  examples: () => [
    edited('a library schema removed', common, '    Currency: { type: string }\n', '', [
      { rule: 'library-schema-removed', level: 'breaking', message: 'Schema `Currency` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.', at: '6:5' },
    ]),
    edited('a library schema added', common, '    Currency:', '    Country: { type: string }\n    Currency:', [
      { rule: 'library-schema-added', level: 'non-breaking', message: 'Schema `Country` was added to library `revision.yaml`.', at: '6:5' },
    ]),
    // The schema change itself is another check's; here it is checked both ways, and is breaking as emitted.
    edited('a library schema changed, with no user known', common, 'maxLength: 20', 'maxLength: 30', []),
  ],
  run(ctx) {
    if (!isLibrary(ctx.base) || !isLibrary(ctx.rev)) return;
    const lib = `library \`${ctx.rev.file}\``;
    for (const p of pairBy(schemas(ctx.base), schemas(ctx.rev), (c) => c.name)) {
      if (p.base && !p.rev) {
        ctx.report({ rule: 'library-schema-removed', message: `Schema \`${p.base.name}\` was removed from ${lib}: \`$ref\`s to it no longer resolve.`, where: { base: p.base.source }, identity: `library schema ${p.base.name}` });
        continue;
      }
      if (!p.base && p.rev) {
        ctx.report({ rule: 'library-schema-added', message: `Schema \`${p.rev.name}\` was added to ${lib}.`, where: { revision: p.rev.source }, identity: `library schema ${p.rev.name}` });
        continue;
      }
      const b = p.base!;
      const r = p.rev!;
      const use = {
        base: { value: ctx.base.workspace.get(b.source), loc: b.source },
        revision: { value: ctx.rev.workspace.get(r.source), loc: r.source },
        root: 'schema',
        identity: `library schema ${r.name}`,
      };
      const known = ctx.libraryUsers?.get(r.name);
      if (!known) {
        ctx.compareSchemas({ ...use, dir: 'accept', where: `${lib}, no user known: checked both ways`, bothWays: true });
        continue;
      }
      const names = known.users.length > 3 ? `${known.users.slice(0, 3).join(', ')} and ${known.users.length - 3} more` : known.users.join(', ');
      for (const dir of known.dirs) ctx.compareSchemas({ ...use, dir, where: `${lib}, used by ${names}` });
    }
  },
};
export default check;
