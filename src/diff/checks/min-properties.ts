import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { orderApiExample } from '../openapi-examples.js';
import { limitCheck } from '../schema/limits.js';

/** `minProperties`: a min limit, compared as a number. */
export default {
  ...limitCheck('min-properties', 'minProperties', 'min', 'objects'),
  examples: () => [
    payloadExample('received order metadata: at least two entries instead of one', 'accept', '{ type: object, minProperties: 1 }', '{ type: object, minProperties: 2 }', [
      { rule: 'min-properties-increased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minProperties\` changed from ≥ 1 to ≥ 2; values valid before are now rejected.`, at: '9:34' },
    ]),
    payloadExample('sent order metadata: at least two entries instead of one', 'emit', '{ type: object, minProperties: 1 }', '{ type: object, minProperties: 2 }', [
      { rule: 'min-properties-increased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minProperties\` changed from ≥ 1 to ≥ 2; fewer values are sent.`, at: '9:34' },
    ]),
    payloadExample('received order metadata: at least one entry instead of two', 'accept', '{ type: object, minProperties: 2 }', '{ type: object, minProperties: 1 }', [
      { rule: 'min-properties-decreased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minProperties\` changed from ≥ 2 to ≥ 1; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('sent order metadata: at least one entry instead of two', 'emit', '{ type: object, minProperties: 2 }', '{ type: object, minProperties: 1 }', [
      { rule: 'min-properties-decreased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minProperties\` changed from ≥ 2 to ≥ 1; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    orderApiExample('order metadata clients send and receive may no longer be empty', 'both', '{ type: object }', '{ type: object, minProperties: 1 }', [
      { rule: 'min-properties-added', level: 'breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema now has \`minProperties\` ≥ 1; values valid before are now rejected.`, at: '5:28' },
      { rule: 'min-properties-added', level: 'non-breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema now has \`minProperties\` ≥ 1; fewer values are sent.`, at: '5:28' },
    ]),
    orderApiExample('order metadata clients send and receive may now be empty', 'both', '{ type: object, minProperties: 1 }', '{ type: object }', [
      { rule: 'min-properties-removed', level: 'breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema no longer has \`minProperties\` ≥ 1; clients may receive values outside the old limit.`, at: '5:5' },
      { rule: 'min-properties-removed', level: 'non-breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema no longer has \`minProperties\` ≥ 1; more values are accepted.`, at: '5:5' },
    ]),
    payloadExample('the metadata titled, its minimum unchanged', 'emit', '{ type: object, minProperties: 1 }', '{ type: object, minProperties: 1, title: Metadata }', []),
  ],
} satisfies SchemaCheck;
