import { limitCheck } from '../schema/limits.js';

/** `minLength`: a min limit, compared as a number. */
export default limitCheck('min-length', 'minLength', 'min', 'strings');
