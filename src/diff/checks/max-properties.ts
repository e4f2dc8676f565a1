import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { limitCheck } from '../schema/limits.js';

/** An order payload whose `metadata` object has `extra` keywords. */
const metadata = (extra = '') => `{ properties: { metadata: { type: object${extra} } } }`;

/** `maxProperties`: a max limit, compared as a number. */
const check: SchemaCheck = {
  ...limitCheck('max-properties', 'maxProperties', 'max', 'objects'),
  examples: () => [
    payloadExample('a received order: `maxProperties` lowered from 20 to 10', 'accept', metadata(', maxProperties: 20'), metadata(', maxProperties: 10'), [
      { rule: 'max-properties-decreased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`metadata\` \`maxProperties\` changed from ≤ 20 to ≤ 10; values valid before are now rejected.`, at: '9:60' },
    ]),
    payloadExample('a sent order: `maxProperties` lowered from 20 to 10', 'emit', metadata(', maxProperties: 20'), metadata(', maxProperties: 10'), [
      { rule: 'max-properties-decreased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`metadata\` \`maxProperties\` changed from ≤ 20 to ≤ 10; fewer values are sent.`, at: '9:60' },
    ]),
    payloadExample('a received order: `maxProperties` raised from 10 to 20', 'accept', metadata(', maxProperties: 10'), metadata(', maxProperties: 20'), [
      { rule: 'max-properties-increased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`metadata\` \`maxProperties\` changed from ≤ 10 to ≤ 20; more values are accepted.`, at: '9:60' },
    ]),
    payloadExample('a sent order: `maxProperties` raised from 10 to 20', 'emit', metadata(', maxProperties: 10'), metadata(', maxProperties: 20'), [
      { rule: 'max-properties-increased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`metadata\` \`maxProperties\` changed from ≤ 10 to ≤ 20; consumers may receive values outside the old limit.`, at: '9:60' },
    ]),
    payloadExample('a received order: `maxProperties` added', 'accept', metadata(), metadata(', maxProperties: 20'), [
      { rule: 'max-properties-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`metadata\` now has \`maxProperties\` ≤ 20; values valid before are now rejected.`, at: '9:60' },
    ]),
    payloadExample('a sent order: `maxProperties` added', 'emit', metadata(), metadata(', maxProperties: 20'), [
      { rule: 'max-properties-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`metadata\` now has \`maxProperties\` ≤ 20; fewer values are sent.`, at: '9:60' },
    ]),
    payloadExample('a received order: `maxProperties` dropped', 'accept', metadata(', maxProperties: 20'), metadata(), [
      { rule: 'max-properties-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`metadata\` no longer has \`maxProperties\` ≤ 20; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a sent order: `maxProperties` dropped', 'emit', metadata(', maxProperties: 20'), metadata(), [
      { rule: 'max-properties-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`metadata\` no longer has \`maxProperties\` ≤ 20; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    payloadExample('the limit kept, the metadata described', 'accept', metadata(', maxProperties: 20'), metadata(', maxProperties: 20, description: Set by the customer'), []),
  ],
};
export default check;
