import { constraintCheck } from '../schema/keyword.js';

/** `if`/`then`/`else`: a condition only adds constraints (a property required inside `then` narrows); two conditions are not compared. */
export default constraintCheck('conditional', ['if', 'then', 'else'], 'A condition (`if`/`then`/`else`)', 'conditions are not compared for inclusion');
