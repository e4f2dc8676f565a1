import { constraintCheck } from '../schema/keyword.js';

/** `unevaluatedProperties`/`unevaluatedItems` (2020-12): constrain what no other keyword covered; which depends on the whole schema, so changes are not compared. */
export default constraintCheck('unevaluated', ['unevaluatedProperties', 'unevaluatedItems'], 'An `unevaluatedProperties`/`unevaluatedItems` schema', 'what counts as unevaluated depends on the rest of the schema', { contextual: true });
