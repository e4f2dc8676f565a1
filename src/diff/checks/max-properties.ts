import { limitCheck } from '../schema/limits.js';

/** `maxProperties`: a max limit, compared as a number. */
export default limitCheck('max-properties', 'maxProperties', 'max', 'objects');
