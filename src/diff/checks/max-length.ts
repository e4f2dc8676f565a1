import { limitCheck } from '../schema/limits.js';

/** `maxLength`: a max limit, compared as a number. */
export default limitCheck('max-length', 'maxLength', 'max', 'strings');
