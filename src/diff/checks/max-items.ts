import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { limitCheck } from '../schema/limits.js';

/** An order payload whose `lines` array has `extra` keywords. */
const lines = (extra = '') => `{ properties: { lines: { type: array${extra} } } }`;

/** `maxItems`: a max limit, compared as a number. */
const check: SchemaCheck = {
  ...limitCheck('max-items', 'maxItems', 'max', 'arrays'),
  examples: () => [
    payloadExample('a received order: `maxItems` lowered from 50 to 10', 'accept', lines(', maxItems: 50'), lines(', maxItems: 10'), [
      { rule: 'max-items-decreased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` \`maxItems\` changed from ≤ 50 to ≤ 10; values valid before are now rejected.`, at: '9:56' },
    ]),
    payloadExample('a sent order: `maxItems` lowered from 50 to 10', 'emit', lines(', maxItems: 50'), lines(', maxItems: 10'), [
      { rule: 'max-items-decreased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` \`maxItems\` changed from ≤ 50 to ≤ 10; fewer values are sent.`, at: '9:56' },
    ]),
    payloadExample('a received order: `maxItems` raised from 10 to 50', 'accept', lines(', maxItems: 10'), lines(', maxItems: 50'), [
      { rule: 'max-items-increased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` \`maxItems\` changed from ≤ 10 to ≤ 50; more values are accepted.`, at: '9:56' },
    ]),
    payloadExample('a sent order: `maxItems` raised from 10 to 50', 'emit', lines(', maxItems: 10'), lines(', maxItems: 50'), [
      { rule: 'max-items-increased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` \`maxItems\` changed from ≤ 10 to ≤ 50; consumers may receive values outside the old limit.`, at: '9:56' },
    ]),
    payloadExample('a received order: `maxItems` added', 'accept', lines(), lines(', maxItems: 50'), [
      { rule: 'max-items-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` now has \`maxItems\` ≤ 50; values valid before are now rejected.`, at: '9:56' },
    ]),
    payloadExample('a sent order: `maxItems` added', 'emit', lines(), lines(', maxItems: 50'), [
      { rule: 'max-items-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` now has \`maxItems\` ≤ 50; fewer values are sent.`, at: '9:56' },
    ]),
    payloadExample('a received order: `maxItems` dropped', 'accept', lines(', maxItems: 50'), lines(), [
      { rule: 'max-items-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`lines\` no longer has \`maxItems\` ≤ 50; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a sent order: `maxItems` dropped', 'emit', lines(', maxItems: 50'), lines(), [
      { rule: 'max-items-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`lines\` no longer has \`maxItems\` ≤ 50; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    payloadExample('the limit kept, the lines described', 'accept', lines(', maxItems: 50'), lines(', maxItems: 50, description: Set by the customer'), []),
  ],
};
export default check;
