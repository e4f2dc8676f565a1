import { payloadExample } from '../examples.js';
import { constraintCheck } from '../schema/keyword.js';

/** `unevaluatedProperties`/`unevaluatedItems` (2020-12): constrain what no other keyword covered; which depends on the whole schema, so changes are not compared. */
export default {
  ...constraintCheck('unevaluated', ['unevaluatedProperties', 'unevaluatedItems'], 'An `unevaluatedProperties`/`unevaluatedItems` schema', 'what counts as unevaluated depends on the rest of the schema', { contextual: true }),
  examples: () => [
    payloadExample('a received order refuses what no keyword covers', 'accept', '{ type: object, properties: { id: { type: string } } }', '{ type: object, properties: { id: { type: string } }, unevaluatedProperties: false }', [{ rule: 'unevaluated-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload is now constrained by `unevaluatedProperties`/`unevaluatedItems`.", at: '9:72' }]),
    payloadExample('a sent order no longer refuses what no keyword covers', 'emit', '{ type: object, unevaluatedProperties: false }', '{ type: object }', [{ rule: 'unevaluated-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload is no longer constrained by `unevaluatedProperties`/`unevaluatedItems`; consumers may receive values they do not handle.", at: '9:9' }]),
    payloadExample('a received order: the same `unevaluatedProperties`, another property beside it', 'accept', '{ type: object, properties: { id: { type: string } }, unevaluatedProperties: false }', '{ type: object, properties: { id: { type: string }, note: { type: string } }, unevaluatedProperties: false }', [{ rule: 'unevaluated-changed', level: 'warning', message: "Payload of message `Order` received on `orders`: the payload `unevaluatedProperties`/`unevaluatedItems` changed; it may break: what counts as unevaluated depends on the rest of the schema.", at: '9:96' }]),
    payloadExample('a received order: `unevaluatedProperties` unchanged, the schema described', 'accept', '{ type: object, unevaluatedProperties: false }', '{ type: object, unevaluatedProperties: false, description: An order. }', []),
  ],
};
