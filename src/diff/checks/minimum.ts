import { boundCheck } from '../schema/limits.js';

/** `minimum` and `exclusiveMinimum` (draft-4 boolean or draft-6 number), compared as one lower bound. */
export default boundCheck('minimum', 'minimum', 'min');
