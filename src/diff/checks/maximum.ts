import { boundCheck } from '../schema/limits.js';

/** `maximum` and `exclusiveMaximum` (draft-4 boolean or draft-6 number), compared as one upper bound. */
export default boundCheck('maximum', 'maximum', 'max');
