import { code, directed, type SchemaCheck } from '../check.js';
import { presence } from '../schema/keyword.js';

/**
 * `contentEncoding`/`contentMediaType`: how a string is to be decoded. Validators ignore them, but writers
 * and readers do not: a string written under one encoding is misread under another, so any change
 * (added, removed or different) breaks both directions.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [directed('content-encoding-changed', 'schema', 'breaking', 'breaking', 'The `contentEncoding` or `contentMediaType` of a string changed: old data decodes wrongly.')],
  run(ctx) {
    for (const key of ['contentEncoding', 'contentMediaType']) {
      const p = presence(ctx, key);
      if (!p.base && !p.rev) continue;
      if (p.base && p.rev && !p.changed) continue;
      const show = (a?: { value: unknown }) => (a ? code(a.value) : 'none');
      ctx.report('content-encoding-changed', `{path} \`${key}\` changed from ${show(p.base)} to ${show(p.rev)}`, p.where, { data: { key } });
    }
  },
};
export default check;
