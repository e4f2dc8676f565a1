import { limitCheck } from '../schema/limits.js';

/** `minProperties`: a min limit, compared as a number. */
export default limitCheck('min-properties', 'minProperties', 'min', 'objects');
