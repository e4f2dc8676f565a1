import type { Workspace } from '../../load/workspace.js';
import type { SchemaNode } from '../../model/types.js';
import type { PayloadFormat } from '../index.js';
import { avroFieldAt, checkAvroExample } from './fields.js';
import { diffAvro } from './resolve.js';
import { validateAvro } from './validate.js';

/**
 * `application/vnd.apache.avro`, `+json` or `+yaml`, with any `version=` (1.8 to 1.12 are the same
 * schema language for what is checked here) or none.
 */
export const AVRO_FORMAT = /^application\/vnd\.apache\.avro(\+json|\+yaml)?\s*(;\s*version\s*=\s*[^;]*)?$/;

export const avro: PayloadFormat = {
  id: 'avro',
  // validate.ts requires avsc only when it is called: a document with an Avro payload.
  validate: validateAvro,
  diff: diffAvro,
  checkExample: (node, ws, value) => {
    const root = rootOf(node, ws);
    return root ? checkAvroExample(root, value) : [];
  },
  fieldAt: (node, ws, pointer) => {
    const root = rootOf(node, ws);
    return root ? avroFieldAt(root, pointer) : null;
  },
};

/** The schema after a `$ref` to its file; undefined when the `$ref` does not resolve (the loader reports it). */
function rootOf(node: SchemaNode, ws: Workspace) {
  const d = ws.deref(node.value, node.source);
  return d ? { value: d.value, loc: d.location, ns: '' } : undefined;
}
