import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { orderApiExample } from '../openapi-examples.js';
import { boundCheck } from '../schema/limits.js';

/** `minimum` and `exclusiveMinimum` (draft-4 boolean or draft-6 number), compared as one lower bound. */
export default {
  ...boundCheck('minimum', 'minimum', 'min'),
  examples: () => [
    payloadExample('a received quantity must now be at least 5', 'accept', '{ type: integer, minimum: 1 }', '{ type: integer, minimum: 5 }', [
      { rule: 'minimum-increased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minimum\` changed from ≥ 1 to ≥ 5; values valid before are now rejected.`, at: '9:35' },
    ]),
    payloadExample('a sent quantity must now be at least 5', 'emit', '{ type: integer, minimum: 1 }', '{ type: integer, minimum: 5 }', [
      { rule: 'minimum-increased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minimum\` changed from ≥ 1 to ≥ 5; fewer values are sent.`, at: '9:35' },
    ]),
    payloadExample('a received amount may now be zero: `exclusiveMinimum: 0` became `minimum: 0`', 'accept', '{ type: number, exclusiveMinimum: 0 }', '{ type: number, minimum: 0 }', [
      { rule: 'minimum-decreased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minimum\` changed from > 0 to ≥ 0; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a sent amount may now be zero: `exclusiveMinimum: 0` became `minimum: 0`', 'emit', '{ type: number, exclusiveMinimum: 0 }', '{ type: number, minimum: 0 }', [
      { rule: 'minimum-decreased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minimum\` changed from > 0 to ≥ 0; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    orderApiExample('a lower bound added to an amount clients send and receive', 'both', '{ type: number }', '{ type: number, minimum: 0 }', [
      { rule: 'minimum-added', level: 'breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema now has \`minimum\` ≥ 0; values valid before are now rejected.`, at: '5:28' },
      { rule: 'minimum-added', level: 'non-breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema now has \`minimum\` ≥ 0; fewer values are sent.`, at: '5:28' },
    ]),
    orderApiExample('the lower bound dropped from an amount clients send and receive', 'both', '{ type: number, exclusiveMinimum: 0 }', '{ type: number }', [
      { rule: 'minimum-removed', level: 'breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema no longer has \`minimum\` > 0; clients may receive values outside the old limit.`, at: '5:5' },
      { rule: 'minimum-removed', level: 'non-breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema no longer has \`minimum\` > 0; more values are accepted.`, at: '5:5' },
    ]),
    payloadExample('a looser `minimum` beside `exclusiveMinimum: 0`: the bound stays > 0', 'accept', '{ type: number, exclusiveMinimum: 0 }', '{ type: number, exclusiveMinimum: 0, minimum: -10 }', []),
  ],
} satisfies SchemaCheck;
