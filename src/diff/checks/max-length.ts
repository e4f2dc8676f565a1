import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { limitCheck } from '../schema/limits.js';

/** An order payload whose `note` string has `extra` keywords. */
const note = (extra = '') => `{ properties: { note: { type: string${extra} } } }`;

/** `maxLength`: a max limit, compared as a number. */
const check: SchemaCheck = {
  ...limitCheck('max-length', 'maxLength', 'max', 'strings'),
  examples: () => [
    payloadExample('a received order note: `maxLength` lowered from 500 to 200', 'accept', note(', maxLength: 500'), note(', maxLength: 200'), [
      { rule: 'max-length-decreased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`note\` \`maxLength\` changed from ≤ 500 to ≤ 200; values valid before are now rejected.`, at: '9:56' },
    ]),
    payloadExample('a sent order note: `maxLength` lowered from 500 to 200', 'emit', note(', maxLength: 500'), note(', maxLength: 200'), [
      { rule: 'max-length-decreased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`note\` \`maxLength\` changed from ≤ 500 to ≤ 200; fewer values are sent.`, at: '9:56' },
    ]),
    payloadExample('a received order note: `maxLength` raised from 200 to 500', 'accept', note(', maxLength: 200'), note(', maxLength: 500'), [
      { rule: 'max-length-increased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`note\` \`maxLength\` changed from ≤ 200 to ≤ 500; more values are accepted.`, at: '9:56' },
    ]),
    payloadExample('a sent order note: `maxLength` raised from 200 to 500', 'emit', note(', maxLength: 200'), note(', maxLength: 500'), [
      { rule: 'max-length-increased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`note\` \`maxLength\` changed from ≤ 200 to ≤ 500; consumers may receive values outside the old limit.`, at: '9:56' },
    ]),
    payloadExample('a received order note: `maxLength` added', 'accept', note(), note(', maxLength: 500'), [
      { rule: 'max-length-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`note\` now has \`maxLength\` ≤ 500; values valid before are now rejected.`, at: '9:56' },
    ]),
    payloadExample('a sent order note: `maxLength` added', 'emit', note(), note(', maxLength: 500'), [
      { rule: 'max-length-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`note\` now has \`maxLength\` ≤ 500; fewer values are sent.`, at: '9:56' },
    ]),
    payloadExample('a received order note: `maxLength` dropped', 'accept', note(', maxLength: 500'), note(), [
      { rule: 'max-length-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`note\` no longer has \`maxLength\` ≤ 500; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a sent order note: `maxLength` dropped', 'emit', note(', maxLength: 500'), note(), [
      { rule: 'max-length-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`note\` no longer has \`maxLength\` ≤ 500; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    payloadExample('the limit kept, the note described', 'accept', note(', maxLength: 500'), note(', maxLength: 500, description: Set by the customer'), []),
  ],
};
export default check;
