/**
 * What generated code tells the runtime about each operation: plain data, no broker or schema details
 * beyond compiled validators. The generator writes one `OperationSpec` per operation.
 */
import type { CompiledValidator } from './ajv.js';
import type { PayloadCodec } from './codecs/types.js';
import type { ChannelMode } from './port.js';

export interface MessageSpec {
  /** Message name from the spec (`CreateOrder`), given to handlers as `message`. */
  name: string;
  contentType: string;
  /** Absent when the spec has no (JSON) schema for it. */
  validatePayload?: CompiledValidator;
  /** Avro or Protobuf payloads: their binary encoding and schema check (no `validatePayload` then). */
  codec?: PayloadCodec;
  /** Validates and coerces header values (strings on the wire) to the schema's types. */
  validateHeaders?: CompiledValidator;
  /** Runtime expression of the correlation id (`$message.header#/correlationId`). */
  correlationId?: string;
}

export interface ParameterSpec {
  name: string;
  /** Runtime expression the value can be taken from (AsyncAPI 2 parameter `location`). */
  location?: string;
}

export interface ReplySpec {
  /** Static reply address; absent when it is dynamic (named by the request). */
  address?: string;
  /** Runtime expression where the request carries the reply address (`$message.header#/replyTo`). */
  addressLocation?: string;
  messages: MessageSpec[];
}

export interface OperationSpec {
  id: string;
  /** Channel address with `{parameter}` placeholders. */
  address: string;
  parameters: ParameterSpec[];
  mode: ChannelMode;
  messages: MessageSpec[];
  /** Runtime expression of the partition/ordering key (`$message.payload#/orderId`). */
  partitionKey?: string;
  reply?: ReplySpec;
}
