import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { orderApiExample } from '../openapi-examples.js';
import { limitCheck } from '../schema/limits.js';

/** `minLength`: a min limit, compared as a number. */
export default {
  ...limitCheck('min-length', 'minLength', 'min', 'strings'),
  examples: () => [
    payloadExample('a longer minimum for a received order code', 'accept', '{ type: string, minLength: 4 }', '{ type: string, minLength: 8 }', [
      { rule: 'min-length-increased', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minLength\` changed from ≥ 4 to ≥ 8; values valid before are now rejected.`, at: '9:34' },
    ]),
    payloadExample('a longer minimum for a sent order code', 'emit', '{ type: string, minLength: 4 }', '{ type: string, minLength: 8 }', [
      { rule: 'min-length-increased', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minLength\` changed from ≥ 4 to ≥ 8; fewer values are sent.`, at: '9:34' },
    ]),
    payloadExample('a shorter minimum for a received order code', 'accept', '{ type: string, minLength: 8 }', '{ type: string, minLength: 4 }', [
      { rule: 'min-length-decreased', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload \`minLength\` changed from ≥ 8 to ≥ 4; more values are accepted.`, at: '9:34' },
    ]),
    payloadExample('a shorter minimum for a sent order code', 'emit', '{ type: string, minLength: 8 }', '{ type: string, minLength: 4 }', [
      { rule: 'min-length-decreased', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload \`minLength\` changed from ≥ 8 to ≥ 4; consumers may receive values outside the old limit.`, at: '9:34' },
    ]),
    orderApiExample('a minimum length added to a code clients send and receive', 'both', '{ type: string }', '{ type: string, minLength: 1 }', [
      { rule: 'min-length-added', level: 'breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema now has \`minLength\` ≥ 1; values valid before are now rejected.`, at: '5:28' },
      { rule: 'min-length-added', level: 'non-breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema now has \`minLength\` ≥ 1; fewer values are sent.`, at: '5:28' },
    ]),
    orderApiExample('a minimum length dropped from a code clients send and receive', 'both', '{ type: string, minLength: 1 }', '{ type: string }', [
      { rule: 'min-length-removed', level: 'breaking', message: `Schema \`Order\` (in \`201\` response of \`POST /orders\`): the \`Order\` schema no longer has \`minLength\` ≥ 1; clients may receive values outside the old limit.`, at: '5:5' },
      { rule: 'min-length-removed', level: 'non-breaking', message: `Schema \`Order\` (in request body of \`POST /orders\`): the \`Order\` schema no longer has \`minLength\` ≥ 1; more values are accepted.`, at: '5:5' },
    ]),
    payloadExample('the order code described, its minimum unchanged', 'accept', '{ type: string, minLength: 4 }', '{ type: string, minLength: 4, description: Order code }', []),
  ],
} satisfies SchemaCheck;
