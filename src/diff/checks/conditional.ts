import type { SchemaCheck } from '../check.js';
import { payloadExample } from '../examples.js';
import { constraintCheck } from '../schema/keyword.js';

const IF_CARD = 'if: { properties: { method: { const: card } } }';

/** `if`/`then`/`else`: a condition only adds constraints (a property required inside `then` narrows); two conditions are not compared. */
const check: SchemaCheck = {
  ...constraintCheck('conditional', ['if', 'then', 'else'], 'A condition (`if`/`then`/`else`)', 'conditions are not compared for inclusion'),
  examples: () => [
    payloadExample('a received order paid by card must now carry a card id', 'accept', '{ type: object }', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, [
      { rule: 'conditional-added', level: 'breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload is now constrained by \`if\`/\`then\`/\`else\`.`, at: '9:34' },
    ]),
    payloadExample('a sent order paid by card must now carry a card id', 'emit', '{ type: object }', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, [
      { rule: 'conditional-added', level: 'non-breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload is now constrained by \`if\`/\`then\`/\`else\`.`, at: '9:34' },
    ]),
    payloadExample('the card condition dropped from a received order', 'accept', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, '{ type: object }', [
      { rule: 'conditional-removed', level: 'non-breaking', message: `Payload of message \`Order\` received on \`orders\`: the payload is no longer constrained by \`if\`/\`then\`/\`else\`.`, at: '9:9' },
    ]),
    payloadExample('the card condition dropped from a sent order', 'emit', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, '{ type: object }', [
      { rule: 'conditional-removed', level: 'breaking', message: `Payload of message \`Order\` sent on \`orders\`: the payload is no longer constrained by \`if\`/\`then\`/\`else\`; consumers may receive values they do not handle.`, at: '9:9' },
    ]),
    payloadExample('a card payment requires a token instead of a card id', 'accept', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, `{ type: object, ${IF_CARD}, then: { required: [cardToken] } }`, [
      { rule: 'conditional-changed', level: 'warning', message: `Payload of message \`Order\` received on \`orders\`: the payload \`if\`/\`then\`/\`else\` changed; it may break: conditions are not compared for inclusion.`, at: '9:34' },
    ]),
    payloadExample('the condition kept, the order described', 'emit', `{ type: object, ${IF_CARD}, then: { required: [cardId] } }`, `{ type: object, description: An order, ${IF_CARD}, then: { required: [cardId] } }`, []),
  ],
};
export default check;
