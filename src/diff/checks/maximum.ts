import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { boundCheck } from '../schema/limits.js';

/** An order payload whose `quantity` integer has `extra` keywords. */
const quantity = (extra = '') => `{ properties: { quantity: { type: integer${extra} } } }`;

/** `maximum` and `exclusiveMaximum` (draft-4 boolean or draft-6 number), compared as one upper bound. */
const check: SchemaCheck = {
  ...boundCheck('maximum', 'maximum', 'max'),
  examples: () => [
    payloadExample('a received order quantity: `maximum` lowered from 1000 to 100', 'accept', quantity(', maximum: 1000'), quantity(', maximum: 100'), [
      { rule: 'maximum-decreased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` \`maximum\` changed from ≤ 1000 to ≤ 100; values valid before are now rejected.`, at: '9:61' },
    ]),
    payloadExample('a sent order quantity: `maximum` lowered from 1000 to 100', 'emit', quantity(', maximum: 1000'), quantity(', maximum: 100'), [
      { rule: 'maximum-decreased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`quantity\` \`maximum\` changed from ≤ 1000 to ≤ 100; fewer values are sent.`, at: '9:61' },
    ]),
    payloadExample('a received order quantity: `maximum` raised from 100 to 1000', 'accept', quantity(', maximum: 100'), quantity(', maximum: 1000'), [
      { rule: 'maximum-increased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` \`maximum\` changed from ≤ 100 to ≤ 1000; more values are accepted.`, at: '9:61' },
    ]),
    payloadExample('a sent order quantity: `maximum` raised from 100 to 1000', 'emit', quantity(', maximum: 100'), quantity(', maximum: 1000'), [
      { rule: 'maximum-increased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`quantity\` \`maximum\` changed from ≤ 100 to ≤ 1000; consumers may receive values outside the old limit.`, at: '9:61' },
    ]),
    payloadExample('a received order quantity: `maximum` added', 'accept', quantity(), quantity(', maximum: 1000'), [
      { rule: 'maximum-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` now has \`maximum\` ≤ 1000; values valid before are now rejected.`, at: '9:61' },
    ]),
    payloadExample('a sent order quantity: `maximum` added', 'emit', quantity(), quantity(', maximum: 1000'), [
      { rule: 'maximum-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`quantity\` now has \`maximum\` ≤ 1000; fewer values are sent.`, at: '9:61' },
    ]),
    payloadExample('a received order quantity: `maximum` dropped', 'accept', quantity(', maximum: 1000'), quantity(), [
      { rule: 'maximum-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` no longer has \`maximum\` ≤ 1000; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a sent order quantity: `maximum` dropped', 'emit', quantity(', maximum: 1000'), quantity(), [
      { rule: 'maximum-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`quantity\` no longer has \`maximum\` ≤ 1000; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    payloadExample('the limit kept, the quantity described', 'accept', quantity(', maximum: 1000'), quantity(', maximum: 1000, description: Set by the customer'), []),
    payloadExample('a received quantity: 100 itself no longer allowed (`exclusiveMaximum`)', 'accept', quantity(', maximum: 100'), quantity(', exclusiveMaximum: 100'), [
      { rule: 'maximum-decreased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: \`quantity\` \`maximum\` changed from ≤ 100 to < 100; values valid before are now rejected.`, at: '9:61' },
    ]),
    payloadExample('a sent quantity: 100 itself now allowed (`maximum` instead of `exclusiveMaximum`)', 'emit', quantity(', exclusiveMaximum: 100'), quantity(', maximum: 100'), [
      { rule: 'maximum-increased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: \`quantity\` \`maximum\` changed from < 100 to ≤ 100; consumers may receive values outside the old limit.`, at: '9:61' },
    ]),
    payloadExample('a draft-4 boolean `exclusiveMaximum` read as the same bound', 'accept', quantity(', exclusiveMaximum: 100'), quantity(', maximum: 100, exclusiveMaximum: true'), []),
  ],
};
export default check;
