import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { orderApiExample } from '../openapi-examples.js';
import { limitCheck } from '../schema/limits.js';

/** `minItems`: a min limit, compared as a number. */
export default {
  ...limitCheck('min-items', 'minItems', 'min', 'arrays'),
  examples: () => [
    payloadExample('received order lines: at least two instead of one', 'accept', '{ type: array, minItems: 1 }', '{ type: array, minItems: 2 }', [
      { rule: 'min-items-increased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minItems\` changed from ≥ 1 to ≥ 2; values valid before are now rejected.`, at: '9:33' },
    ]),
    payloadExample('sent order lines: at least two instead of one', 'emit', '{ type: array, minItems: 1 }', '{ type: array, minItems: 2 }', [
      { rule: 'min-items-increased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minItems\` changed from ≥ 1 to ≥ 2; fewer values are sent.`, at: '9:33' },
    ]),
    payloadExample('received order lines: at least one instead of two', 'accept', '{ type: array, minItems: 2 }', '{ type: array, minItems: 1 }', [
      { rule: 'min-items-decreased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minItems\` changed from ≥ 2 to ≥ 1; more values are accepted.`, at: '9:33' },
    ]),
    payloadExample('sent order lines: at least one instead of two', 'emit', '{ type: array, minItems: 2 }', '{ type: array, minItems: 1 }', [
      { rule: 'min-items-decreased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minItems\` changed from ≥ 2 to ≥ 1; consumers may receive values outside the old limit.`, at: '9:33' },
    ]),
    orderApiExample('order lines clients send and receive may no longer be empty', 'both', '{ type: array }', '{ type: array, minItems: 1 }', [
      { rule: 'min-items-added', level: 'breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema now has \`minItems\` ≥ 1; values valid before are now rejected.`, at: '5:27' },
      { rule: 'min-items-added', level: 'non-breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema now has \`minItems\` ≥ 1; fewer values are sent.`, at: '5:27' },
    ]),
    orderApiExample('order lines clients send and receive may now be empty', 'both', '{ type: array, minItems: 1 }', '{ type: array }', [
      { rule: 'min-items-removed', level: 'breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema no longer has \`minItems\` ≥ 1; clients may receive values outside the old limit.`, at: '5:5' },
      { rule: 'min-items-removed', level: 'non-breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema no longer has \`minItems\` ≥ 1; more values are accepted.`, at: '5:5' },
    ]),
    payloadExample('the same minimum written as an integer-valued float', 'accept', '{ type: array, minItems: 1 }', '{ type: array, minItems: 1.0 }', []),
  ],
} satisfies SchemaCheck;
