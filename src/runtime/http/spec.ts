/** The HTTP operations table generated code hands to the runtime (`operations.ts` of an OpenAPI spec). */
import type { CompiledValidator } from '../ajv.js';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface HttpParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** The schema is an array: query values repeat (`explode`) or are comma-separated, header and path values comma-separated. */
  array?: boolean;
  /** OpenAPI `explode`; the default is true for query (style form) and false elsewhere. */
  explode?: boolean;
}

export interface HttpMediaSpec {
  contentType: string;
  /** `application/x-www-form-urlencoded` with a schema: encoded and decoded by {@link formEncode}/{@link formDecode}. */
  form?: boolean;
  /** Form fields whose arrays are one comma-separated value (`encoding.<name>.explode: false`), not repeated names. */
  commaSeparated?: string[];
  /** `multipart/form-data` with a schema: sent as `FormData`, read with busboy (`multipart.ts`). */
  multipart?: HttpMultipartSpec;
  /** Validates the parsed body (JSON, form and multipart bodies; a form or multipart body's validator coerces its strings, in place). */
  validate?: CompiledValidator;
}

/** The parts of a multipart body by field: which are files and which JSON (the rest are text, coerced by the schema). */
export interface HttpMultipartSpec {
  /** Fields holding a file (`one`) or an array of files (`many`, one part each). The validator sees them only as present. */
  files: Record<string, 'one' | 'many'>;
  /** Fields sent as JSON parts: `one` JSON value, or `many` (an array, one JSON part per element). */
  json?: Record<string, 'one' | 'many'>;
  /** Fields of style `deepObject`: text parts named with brackets (`meta[plan]`), as form bodies write objects. */
  deep?: string[];
}

export interface HttpResponseSpec {
  /** `200`, `4XX` or `default`, as in the spec. */
  status: string;
  /** Absent: the response has no content. */
  contentType?: string;
  validate?: CompiledValidator;
}

export interface HttpOperationSpec {
  id: string;
  method: string;
  /** Path template, `/v1/orders/{orderId}`; empty for a webhook, sent to the URL its subscriber registered. */
  path: string;
  /** The webhook's name (OpenAPI 3.1 `webhooks`): the API sends this request instead of serving it. */
  webhook?: string;
  parameters: HttpParameterSpec[];
  /**
   * Validators of the parameters of each location, as one object keyed by parameter name. They coerce
   * (the values arrive as strings) and change the object in place: the server gives handlers its result.
   */
  validatePath?: CompiledValidator;
  validateQuery?: CompiledValidator;
  validateHeaders?: CompiledValidator;
  validateCookies?: CompiledValidator;
  requestBody?: { required: boolean; media: HttpMediaSpec[] };
  responses: HttpResponseSpec[];
}

/** GET, HEAD, PUT, DELETE and OPTIONS may be repeated with the same effect (RFC 9110 9.2.2): only they are retried. */
export const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** JSON and `+json` media types: bodies are parsed and validated. */
export const isJsonMedia = (contentType: string): boolean => /^application\/(?:[\w.+-]*\+)?json(?:\s*;|$)/i.test(contentType.trim());

/** The declared responses for a status, most specific first: `404`, then `4XX`, then `default`. */
export function responsesFor(op: HttpOperationSpec, status: number): HttpResponseSpec[] {
  const code = String(status);
  const range = `${code[0]}XX`;
  for (const key of [code, range, 'default']) {
    const found = op.responses.filter((r) => r.status.toUpperCase() === key);
    if (found.length) return found;
  }
  return [];
}

/** The response spec for a status and media type (parameters such as `; charset=utf-8` ignored). */
export function findResponse(op: HttpOperationSpec, status: number, contentType: string | undefined): { spec?: HttpResponseSpec; declared: HttpResponseSpec[] } {
  const declared = responsesFor(op, status);
  const media = contentType?.split(';')[0].trim().toLowerCase();
  const spec = declared.find((r) => (r.contentType === undefined ? !media : r.contentType.toLowerCase() === media)) ?? (declared.length === 1 && declared[0].contentType === undefined ? declared[0] : undefined);
  return { spec, declared };
}
