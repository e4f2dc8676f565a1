import type { PayloadFormat } from '../index.js';
import { diffAvro } from './resolve.js';

/**
 * `application/vnd.apache.avro`, `+json` or `+yaml`, with any `version=` (1.8 to 1.12 are the same
 * schema language for what is checked here) or none.
 */
export const AVRO_FORMAT = /^application\/vnd\.apache\.avro(\+json|\+yaml)?\s*(;\s*version\s*=\s*[^;]*)?$/;

export const avro: PayloadFormat = {
  id: 'avro',
  // validate.ts imports avsc: it is loaded only when a document has an Avro payload.
  validate: async (node, ws) => (await import('./validate.js')).validateAvro(node, ws),
  diff: diffAvro,
};
