import { isObj } from '../../model/common.js';
import { appendPointer } from '../../load/pointer.js';
import type { SemanticCheck } from './check.js';

/** Subtrees that hold schemas or sample data, never Tag Objects (and make up most of a large document). */
const SKIP = new Set(['examples', 'example', 'schemas', 'schema', 'payload', 'headers', 'properties', 'default', 'enum', 'const']);

/** "Each tag name in the list MUST be unique" (AsyncAPI and OpenAPI Tag Objects). */
export const uniqueTags: SemanticCheck = {
  id: 'unique-tags',
  description: 'Tag names are unique within each `tags` list.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  run(model, report) {
    // Tag lists sit in many places (root, operations, messages, traits, paths); walk each loaded file once.
    for (const f of model.workspace.files.values()) {
      const stack: [unknown, string][] = [[f.value, '']];
      while (stack.length) {
        const [v, p] = stack.pop()!;
        if (!isObj(v) && !Array.isArray(v)) continue;
        if (isObj(v) && Array.isArray(v.tags)) {
          const seen = new Set<string>();
          v.tags.forEach((t, i) => {
            const name = isObj(t) && typeof t.name === 'string' ? t.name : undefined;
            if (name === undefined) return;
            if (seen.has(name)) report({ file: f.file, pointer: `${p}/tags/${i}/name` }, `tag \`${name}\` appears twice in this \`tags\` list`);
            seen.add(name);
          });
        }
        if (Array.isArray(v)) v.forEach((c, i) => c && typeof c === 'object' && stack.push([c, `${p}/${i}`]));
        else for (const [k, c] of Object.entries(v)) if (c && typeof c === 'object' && !SKIP.has(k) && !k.startsWith('x-')) stack.push([c, appendPointer(p, k)]);
      }
    }
  },
};
