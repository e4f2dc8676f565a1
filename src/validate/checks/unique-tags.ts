import { isObj } from '../../model/common.js';
import { pathEntryPointer, type PathEntry } from '../../load/pointer.js';
import type { SemanticCheck } from './check.js';

/** Subtrees that hold schemas or sample data, never Tag Objects (and make up most of a large document). */
const SKIP = new Set(['examples', 'example', 'schemas', 'schema', 'payload', 'headers', 'properties', 'default', 'enum', 'const']);

/** "Each tag name in the list MUST be unique" (AsyncAPI and OpenAPI Tag Objects). */
export const uniqueTags: SemanticCheck = {
  id: 'unique-tags',
  description: 'Tag names are unique within each `tags` list.',
  formats: ['asyncapi', 'openapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a tag listed twice on an operation',
      doc: `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders: { address: orders }
operations:
  publish:
    action: send
    channel: { $ref: '#/channels/orders' }
    tags: [{ name: orders }, { name: orders }]
`,
      expect: [{ message: 'tag `orders` appears twice in this `tags` list', range: '9:32-9:44' }],
    },
    { title: 'distinct tags', doc: 'openapi: 3.1.0\ninfo: { title: T, version: 1.0.0 }\npaths: {}\ntags: [{ name: a }, { name: b }]\n', expect: [] },
  ],
  run(model, report) {
    const check = (file: string, tags: unknown[], at: () => string): void => {
      const seen = new Set<string>();
      tags.forEach((t, i) => {
        const name = isObj(t) && typeof t.name === 'string' ? t.name : undefined;
        if (name === undefined) return;
        if (seen.has(name)) report({ file, pointer: `${at()}/tags/${i}/name` }, `tag \`${name}\` appears twice in this \`tags\` list`);
        seen.add(name);
      });
    };
    // OpenAPI holds Tag Objects only in the root's `tags`; operations list tag names. The walk below would
    // visit every path, parameter and response of a large description for nothing.
    if (model.format === 'openapi') {
      if (Array.isArray(model.document.tags)) check(model.file, model.document.tags, () => '');
      return;
    }
    // AsyncAPI tag lists sit in many places (root, operations, messages, traits, servers, channels); walk
    // each loaded file once, building a pointer only for what is reported.
    for (const f of model.workspace.files.values()) {
      const stack: PathEntry[] = [{ value: f.value }];
      while (stack.length) {
        const e = stack.pop()!;
        const v = e.value;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (v[i] && typeof v[i] === 'object') stack.push({ value: v[i], parent: e, key: i });
          continue;
        }
        const o = v as Record<string, unknown>;
        if (Array.isArray(o.tags)) check(f.file, o.tags, () => pathEntryPointer(e));
        for (const k in o) {
          const c = o[k];
          if (c && typeof c === 'object' && !SKIP.has(k) && !k.startsWith('x-')) stack.push({ value: c, parent: e, key: k });
        }
      }
    }
  },
};
