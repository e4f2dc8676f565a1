import { limitCheck } from '../schema/limits.js';

/** `minItems`: a min limit, compared as a number. */
export default limitCheck('min-items', 'minItems', 'min', 'arrays');
