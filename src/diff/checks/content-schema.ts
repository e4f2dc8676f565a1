import { constraintCheck } from '../schema/keyword.js';

/** `contentSchema`: the schema of a string's decoded content. */
export default constraintCheck('content-schema', ['contentSchema'], 'A `contentSchema`', 'content schemas are not compared for inclusion');
