import type { LoadedFile, Workspace } from '../load/workspace.js';
import { buildAsyncApi } from './asyncapi.js';
import { isObj } from './common.js';
import { buildOpenApi } from './openapi.js';
import type { ApiModel } from './types.js';

export type * from './types.js';

/** Build the API model of a loaded root document (already known to be AsyncAPI or OpenAPI). */
export function buildModel(ws: Workspace, root: LoadedFile): ApiModel {
  const doc = root.value;
  if (!isObj(doc)) throw new TypeError('document root is not an object');
  if ('asyncapi' in doc) return buildAsyncApi(ws, root.file, doc);
  if ('openapi' in doc) return buildOpenApi(ws, root.file, doc);
  throw new TypeError('not an AsyncAPI or OpenAPI document');
}
