import { constraintCheck } from '../schema/keyword.js';

/** `propertyNames`: restricts which property names an object may have. */
export default constraintCheck('property-names', ['propertyNames'], 'A `propertyNames` schema', 'name schemas are not compared for inclusion');
