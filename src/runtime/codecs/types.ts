import type { ValidationIssue } from '../errors.js';

/**
 * How a message whose schema is not JSON Schema (Avro, Protobuf) travels: its binary encoding, and the
 * check of a payload against the schema. Generated code builds one per message with the schema inlined.
 */
export interface PayloadCodec {
  /** `Avro shop.OrderPlaced`, for messages about bytes that do not decode. */
  readonly label: string;
  /** Issues of a payload, or undefined when it matches the schema. */
  check(payload: unknown): ValidationIssue[] | undefined;
  encode(payload: unknown): Uint8Array;
  /** Throws when the bytes are not this schema's encoding. */
  decode(body: Uint8Array): unknown;
}

/** A JSON pointer from path segments. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
