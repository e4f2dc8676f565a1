/**
 * `multipart/form-data` request bodies (RFC 7578): the client builds Node's own `FormData` (fetch writes
 * the parts and the boundary), the server stream-parses with `busboy`, bounded by the router's body
 * limit. busboy is required on first use, so a router without multipart bodies never loads it.
 *
 * The body is an object of fields, as the schema's properties: files (`format: binary`, or
 * `contentMediaType` in OpenAPI 3.1) are file parts, JSON fields (objects by default, or an `encoding`
 * with a JSON `contentType`) JSON parts, everything else text parts that the coercing validator turns
 * into the schema's types. A repeated name is an array, as in forms. Fields whose `encoding` has style
 * `deepObject` (how Stripe takes its uploads' options) are text parts with bracketed names
 * (`file_link_data[create]=true`), read with the form decoder's grammar and limits.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type BusboyType from 'busboy';
import { formDecode } from './form.js';
import type { HttpMultipartSpec } from './spec.js';

const require = createRequire(import.meta.url);
let busboy: typeof BusboyType | undefined;
const lib = () => (busboy ??= require('busboy') as typeof BusboyType);

/** What a client passes for a file field: a `File` also sends its name and type; bytes go as `application/octet-stream`. */
export type FileContent = Blob | Uint8Array;

/** A file part as a handler gets it: the bytes, the part's media type, and the file name when one was sent. */
export interface UploadedFile {
  filename?: string;
  contentType: string;
  data: Uint8Array;
}

/** How a field travels: as files, JSON or text parts; `many`: an array, one part per element (text arrays are found by repetition). */
function kindOf(spec: HttpMultipartSpec, name: string): { as: 'file' | 'json' | 'deep' | 'text'; many: boolean } {
  if (Object.hasOwn(spec.files, name)) return { as: 'file', many: spec.files[name] === 'many' };
  if (spec.deep?.includes(name)) return { as: 'deep', many: false };
  if (spec.json && Object.hasOwn(spec.json, name)) return { as: 'json', many: spec.json[name] === 'many' };
  return { as: 'text', many: false };
}

const isFileContent = (v: unknown): v is FileContent => v instanceof Blob || v instanceof Uint8Array;

/**
 * What the client validates: a copy of the fields (the validator coerces in place, and the caller's
 * object stays as given) with the files as they are (the validator only checks they are there).
 */
export function validationCopy(body: unknown, spec: HttpMultipartSpec): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || isFileContent(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Object.hasOwn(spec.files, k) ? v : structuredClone(v)]));
}

/** The body as `FormData`; `undefined` fields are left out, `null` is sent as an empty value (as forms send it). */
export function multipartEncode(body: unknown, spec: HttpMultipartSpec): FormData {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TypeError('a multipart body is an object of fields');
  const form = new FormData();
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined) continue;
    const kind = kindOf(spec, name);
    // One part per element of an array, except a JSON field that is one JSON array.
    const values = Array.isArray(value) && (kind.many || kind.as === 'text') ? value : [value];
    for (const v of values) {
      if (kind.as === 'file') {
        if (!isFileContent(v)) throw new TypeError(`${name}: a file is a Blob or a Uint8Array`);
        // A Blob keeps its own name (a File's, else fetch's `blob`); bytes get the same default name.
        if (v instanceof Blob) form.append(name, v);
        else form.append(name, new Blob([v as Uint8Array<ArrayBuffer>]));
      } else if (kind.as === 'deep') {
        for (const [k, x] of bracketed(name, v)) form.append(k, x);
      } else if (kind.as === 'json') {
        // An empty file name: fetch then writes no `filename`, so the part is a JSON field, not a file.
        form.append(name, new Blob([JSON.stringify(v)], { type: 'application/json' }), '');
      } else form.append(name, v === null ? '' : String(v));
    }
  }
  return form;
}

/** `name[key]` pairs of an object (arrays of objects by index, of scalars repeated), as formEncode writes them. */
function bracketed(name: string, value: unknown, out: [string, string][] = []): [string, string][] {
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object') out.push([name, value === null ? '' : String(value)]);
  else if (Array.isArray(value)) value.forEach((x, i) => bracketed(x !== null && typeof x === 'object' ? `${name}[${i}]` : name, x, out));
  else for (const [k, x] of Object.entries(value)) bracketed(`${name}[${k}]`, x, out);
  return out;
}

/** A refusal of a multipart body: `status` 400 or 413, and the field it concerns (a JSON pointer) when there is one. */
export class MultipartError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
    /** What is wrong, after the pointer (`is not valid JSON`). */
    readonly detail: string,
    readonly pointer = '',
  ) {
    super(message);
  }
}

const malformed = (e: Error) => new MultipartError(400, `the body is not valid multipart/form-data (${e.message})`, 'is not valid multipart/form-data');

const pointerOf = (name: string) => `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * Reads a multipart body from `source` into an object of fields (strings, parsed JSON for JSON fields,
 * {@link UploadedFile}s for files; repeated names as arrays). Rejects with a {@link MultipartError}: 413
 * once more than `maxBytes` arrived (the rest is drained), 400 for a body that is not well-formed
 * multipart (no boundary, a bad part header, cut short), a field that is not valid JSON, or two parts
 * for a field of one value (a file, a JSON value). Never leaves the promise pending: the source ending early or failing rejects.
 */
export function multipartDecode(source: Readable, headers: Record<string, string | string[] | undefined>, spec: HttpMultipartSpec, maxBytes: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let parser: BusboyType.Busboy;
    try {
      // Names up to 1,000 bytes (busboy cuts them at 100 by default), values up to the body limit.
      parser = lib()({ headers: headers as Record<string, string>, limits: { fieldNameSize: 1000, fieldSize: maxBytes } });
    } catch (e) {
      source.resume();
      return reject(malformed(e as Error));
    }
    const fields = new Map<string, unknown[]>();
    /** Parts of deepObject fields, as a form string for the form decoder. */
    const deep: string[] = [];
    let settled = false;
    const fail = (e: MultipartError) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.off('data', count);
      // Drain what is left, so the connection can still carry the answer.
      source.resume();
      parser.removeAllListeners();
      parser.on('error', () => {});
      parser.destroy();
      reject(e);
    };
    const add = (name: string, value: unknown) => {
      const list = fields.get(name);
      if (list) list.push(value);
      else fields.set(name, [value]);
    };
    const text = (name: string, value: string) => {
      const bracket = name.indexOf('[');
      if (spec.deep?.includes(bracket < 0 ? name : name.slice(0, bracket))) return void deep.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
      if (kindOf(spec, name).as !== 'json') return add(name, value);
      try {
        add(name, JSON.parse(value));
      } catch {
        fail(new MultipartError(400, `the field ${name} is not valid JSON`, 'is not valid JSON', pointerOf(name)));
      }
    };
    let size = 0;
    const count = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new MultipartError(413, `the body is larger than ${maxBytes} bytes`, 'is too large'));
    };
    parser.on('field', (name, value) => {
      if (Object.hasOwn(spec.files, name)) add(name, { contentType: 'text/plain', data: Buffer.from(value, 'utf8') } satisfies UploadedFile);
      else text(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      // A part cut short fails the file stream too; the parser's own error is the one answered.
      stream.on('error', () => {});
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        // A part with a file name or of type application/octet-stream is a file to busboy; the schema decides.
        if (!Object.hasOwn(spec.files, name)) return text(name, data.toString('utf8'));
        add(name, { ...(info.filename !== undefined ? { filename: info.filename } : {}), contentType: info.mimeType, data } satisfies UploadedFile);
      });
    });
    parser.on('error', (e: Error) => fail(malformed(e)));
    parser.on('close', () => {
      if (settled) return;
      const out: [string, unknown][] = [];
      for (const [name, values] of fields) {
        const kind = kindOf(spec, name);
        // Repeated text parts are an array (a single one for an array schema is wrapped by the coercing validator).
        const many = kind.many || (kind.as === 'text' && values.length > 1);
        if (!many && values.length > 1) return fail(new MultipartError(400, `the field ${name} takes one part, not ${values.length}`, 'must be one part', pointerOf(name)));
        out.push([name, many ? values : values[0]]);
      }
      if (deep.length) out.push(...Object.entries(formDecode(deep.join('&'))));
      settled = true;
      // Object.fromEntries, so a field named `__proto__` stays an own key.
      resolve(Object.fromEntries(out));
    });
    source.on('data', count);
    source.on('error', (e: Error) => fail(malformed(e)));
    source.on('close', () => {
      if (!source.readableEnded) fail(malformed(new Error('the request was cut off before its body ended')));
    });
    source.pipe(parser);
  });
}
