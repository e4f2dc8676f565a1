import { code, directed, type SchemaCheck } from '../check.js';
import { presence } from '../schema/keyword.js';
import { payloadExample } from '../examples.js';

/** An order payload whose `receipt` string has `extra` keywords. */
const receipt = (extra = '') => `{ properties: { receipt: { type: string${extra} } } }`;

/**
 * `contentEncoding`/`contentMediaType`: how a string is to be decoded. Validators ignore them, but writers
 * and readers do not: a string written under one encoding is misread under another, so any change
 * (added, removed or different) breaks both directions.
 */
const check: SchemaCheck = {
  kind: 'schema',
  rules: [directed('content-encoding-changed', 'schema', 'breaking', 'breaking', 'The `contentEncoding` or `contentMediaType` of a string changed: old data decodes wrongly.')],
  examples: () => [
    payloadExample('a received receipt now base64-encoded', 'accept', receipt(), receipt(', contentEncoding: base64'), [
      { rule: 'content-encoding-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`receipt\` \`contentEncoding\` changed from none to \`base64\`.`, at: '9:59' },
    ]),
    payloadExample('a sent receipt no longer base64-encoded', 'emit', receipt(', contentEncoding: base64'), receipt(), [
      { rule: 'content-encoding-changed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`receipt\` \`contentEncoding\` changed from \`base64\` to none.`, at: '9:34' },
    ]),
    payloadExample('a sent receipt now base32 instead of base64', 'emit', receipt(', contentEncoding: base64'), receipt(', contentEncoding: base32'), [
      { rule: 'content-encoding-changed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`receipt\` \`contentEncoding\` changed from \`base64\` to \`base32\`.`, at: '9:59' },
    ]),
    payloadExample('a received receipt now XML instead of JSON', 'accept', receipt(', contentMediaType: application/json'), receipt(', contentMediaType: application/xml'), [
      { rule: 'content-encoding-changed', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`receipt\` \`contentMediaType\` changed from \`application/json\` to \`application/xml\`.`, at: '9:59' },
    ]),
    payloadExample('the receipt encoding kept, its size limited', 'accept', receipt(', contentEncoding: base64'), receipt(', contentEncoding: base64, maxLength: 65536'), []),
  ],
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
