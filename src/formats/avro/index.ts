import type { PayloadFormat } from '../index.js';
import { avroFieldAt, checkAvroExample } from './fields.js';
import { diffAvro } from './resolve.js';
import { inlined, refTargets, rootOf } from './schema.js';
import { locateProblems, validateAvro } from './validate.js';

/**
 * `application/vnd.apache.avro`, `+json` or `+yaml`, with any `version=` (1.8 to 1.12 are the same
 * schema language for what is checked here) or none.
 */
export const AVRO_FORMAT = /^application\/vnd\.apache\.avro(\+json|\+yaml)?\s*(;\s*version\s*=\s*[^;]*)?$/;

export const avro: PayloadFormat = {
  id: 'avro',
  // validate.ts requires avsc only when it is called: a document with an Avro payload.
  validate: validateAvro,
  // Only what keeps the schema from being inlined; avsc's own checks are validate's (and cost 4 ms a schema).
  unreadable: (node, ws) => {
    const root = rootOf(node, ws);
    return !root || inlined(root) !== undefined ? [] : locateProblems(root);
  },
  diff: diffAvro,
  checkExample: (node, ws, value) => {
    const root = rootOf(node, ws);
    return root ? checkAvroExample(root, value) : [];
  },
  fieldAt: (node, ws, pointer) => {
    const root = rootOf(node, ws);
    return root ? avroFieldAt(root, pointer) : null;
  },
  parts: (node, ws) => {
    const root = rootOf(node, ws);
    return root ? refTargets(root) : [];
  },
};
