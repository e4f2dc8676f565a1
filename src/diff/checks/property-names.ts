import { payloadExample } from '../examples.js';
import { constraintCheck } from '../schema/keyword.js';

/** `propertyNames`: restricts which property names an object may have. */
export default {
  ...constraintCheck('property-names', ['propertyNames'], 'A `propertyNames` schema', 'name schemas are not compared for inclusion'),
  examples: () => [
    payloadExample('received labels must now have short names', 'accept', '{ type: object }', '{ type: object, propertyNames: { maxLength: 8 } }', [{ rule: 'property-names-added', level: 'breaking', message: "Payload of message `Order` received on `orders`: the payload is now constrained by `propertyNames`.", at: '9:34' }]),
    payloadExample('sent labels may now have any name', 'emit', '{ type: object, propertyNames: { pattern: "^[a-z]+$" } }', '{ type: object }', [{ rule: 'property-names-removed', level: 'breaking', message: "Payload of message `Order` sent on `orders`: the payload is no longer constrained by `propertyNames`; consumers may receive values they do not handle.", at: '9:9' }]),
    payloadExample('received labels: another name schema', 'accept', '{ type: object, propertyNames: { maxLength: 8 } }', '{ type: object, propertyNames: { pattern: "^[a-z]+$" } }', [{ rule: 'property-names-changed', level: 'warning', message: "Payload of message `Order` received on `orders`: the payload `propertyNames` changed; it may break: name schemas are not compared for inclusion.", at: '9:34' }]),
    payloadExample('received labels: the same name schema, keys reordered', 'accept', '{ type: object, propertyNames: { maxLength: 8, minLength: 1 } }', '{ type: object, propertyNames: { minLength: 1, maxLength: 8 } }', []),
    payloadExample('sent labels must now have short names (fewer shapes reach consumers)', 'emit', '{ type: object }', '{ type: object, propertyNames: { maxLength: 8 } }', [{ rule: 'property-names-added', level: 'non-breaking', message: "Payload of message `Order` sent on `orders`: the payload is now constrained by `propertyNames`.", at: '9:34' }]),
    payloadExample('received labels may now have any name', 'accept', '{ type: object, propertyNames: { pattern: "^[a-z]+$" } }', '{ type: object }', [{ rule: 'property-names-removed', level: 'non-breaking', message: "Payload of message `Order` received on `orders`: the payload is no longer constrained by `propertyNames`.", at: '9:9' }]),
  ],
};
