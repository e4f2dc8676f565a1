import { limitCheck } from '../schema/limits.js';

/** `maxItems`: a max limit, compared as a number. */
export default limitCheck('max-items', 'maxItems', 'max', 'arrays');
