import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { constraintCheck } from '../schema/keyword.js';

/** An order payload whose `receipt` is a JSON document in a string, with `extra` keywords. */
const receipt = (extra = '') => `{ properties: { receipt: { type: string, contentMediaType: application/json${extra} } } }`;
const TOTAL = ', contentSchema: { required: [total] }';

/** `contentSchema`: the schema of a string's decoded content. */
const check: SchemaCheck = {
  ...constraintCheck('content-schema', ['contentSchema'], 'A `contentSchema`', 'content schemas are not compared for inclusion'),
  examples: () => [
    payloadExample('a received receipt must now hold a total', 'accept', receipt(), receipt(TOTAL), [
      { rule: 'content-schema-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`receipt\` is now constrained by \`contentSchema\`.`, at: '9:95' },
    ]),
    payloadExample('a sent receipt must now hold a total', 'emit', receipt(), receipt(TOTAL), [
      { rule: 'content-schema-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`receipt\` is now constrained by \`contentSchema\`.`, at: '9:95' },
    ]),
    payloadExample('a received receipt no longer has to hold a total', 'accept', receipt(TOTAL), receipt(), [
      { rule: 'content-schema-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`receipt\` is no longer constrained by \`contentSchema\`.`, at: '9:34' },
    ]),
    payloadExample('a sent receipt no longer has to hold a total', 'emit', receipt(TOTAL), receipt(), [
      { rule: 'content-schema-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`receipt\` is no longer constrained by \`contentSchema\`; consumers may receive values they do not handle.`, at: '9:34' },
    ]),
    payloadExample('a receipt must now also hold a currency', 'accept', receipt(TOTAL), receipt(', contentSchema: { required: [total, currency] }'), [
      { rule: 'content-schema-changed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: \`receipt\` \`contentSchema\` changed; it may break: content schemas are not compared for inclusion.`, at: '9:95' },
    ]),
    payloadExample('the content schema kept, the receipt described', 'accept', receipt(TOTAL), receipt(`${TOTAL}, description: The receipt as issued`), []),
  ],
};
export default check;
