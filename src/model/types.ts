import type { NodeLocation, Workspace } from '../load/workspace.js';

/**
 * The one API model. AsyncAPI 2.x, 3.x and OpenAPI 3.0/3.1 are read into it once; lint, diff and generate
 * read only this. Every node carries `source`: the file and JSON pointer where it is really written
 * (inside a `$ref`'d file when it came from one), so any finding can be located exactly.
 *
 * Direction is always the described application's point of view:
 *   - `send`    the application emits the message (AsyncAPI 3 `send`, AsyncAPI 2 `subscribe`, HTTP responses)
 *   - `receive` the application accepts the message (AsyncAPI 3 `receive`, AsyncAPI 2 `publish`, HTTP requests)
 */
export type SpecFormat = 'asyncapi' | 'openapi';
export type Action = 'send' | 'receive';

/** How a channel delivers: each message to one consumer, or to every subscriber. */
export type ChannelKind = 'point-to-point' | 'publish-subscribe' | 'unknown';

/** What a message is for, from `x-specgate-kind` or, failing that, its name. */
export type MessageKind = 'command' | 'event' | 'document' | 'unknown';

export interface Located {
  source: NodeLocation;
}

/** A JSON Schema (or other `schemaFormat`) with where it stands. `value` is as written: nested `$ref`s are
 * followed on demand through `ApiModel.workspace` (see `schema.ts`), which keeps recursion finite. */
export interface SchemaNode extends Located {
  value: unknown;
  /** `application/schema+json;version=draft-07`, `application/vnd.aai.asyncapi+json;version=3.0.0`,
   * `application/vnd.apache.avro;version=1.9.0`, OpenAPI's dialect, ... */
  format: string;
  /** Component name when the schema was a `$ref` to a named component (`Money`), for naming types. */
  name?: string;
}

export interface Info {
  title: string;
  version: string;
  description?: string;
  source: NodeLocation;
}

export interface ServerVariable {
  name: string;
  default?: string;
  enum?: string[];
  description?: string;
}

export interface Server extends Located {
  id: string;
  /** `host` (+ `pathname`) for AsyncAPI 3, `url` for AsyncAPI 2 and OpenAPI. May hold `{variables}`. */
  url: string;
  protocol: string;
  protocolVersion?: string;
  variables: ServerVariable[];
  /** Names of security schemes required (any of the listed sets; flattened). */
  security: SecurityRequirement[];
  bindings: Record<string, unknown>;
  description?: string;
}

export interface SecurityRequirement {
  scheme: string;
  scopes: string[];
  source: NodeLocation;
}

export interface Parameter extends Located {
  name: string;
  /** `path`, `query`, `header`, `cookie` for OpenAPI; `channel` for AsyncAPI address parameters. */
  in: 'path' | 'query' | 'header' | 'cookie' | 'channel';
  required: boolean;
  schema?: SchemaNode;
  description?: string;
  /** AsyncAPI: runtime expression where the value comes from. */
  location?: string;
  deprecated?: boolean;
}

export interface Channel extends Located {
  /** Key under `channels` (AsyncAPI 3 channel id, AsyncAPI 2 address) or the OpenAPI path template. */
  id: string;
  /** The address as written (`orders.{orderId}`), null when dynamic (AsyncAPI 3 `address: null`). */
  address: string | null;
  title?: string;
  summary?: string;
  description?: string;
  kind: ChannelKind;
  /** Why `kind` was decided (`amqp binding is: queue`, `x-specgate-channel`), for explanations. */
  kindReason?: string;
  parameters: Parameter[];
  /** Messages that may travel on this channel (AsyncAPI 3 `channel.messages`; 2.x: the union of its operations' messages). */
  messages: Message[];
  /** Server ids the channel is available on; empty = all. */
  servers: string[];
  bindings: Record<string, unknown>;
  /** Runtime expression naming the ordering/partition key (`$message.payload#/orderId`), and where it came from. */
  partitionKey?: { expression: string; from: 'x-specgate-partition-key' | 'kafka-key'; source: NodeLocation };
  extensions: Record<string, unknown>;
}

export interface CorrelationId extends Located {
  /** Runtime expression, e.g. `$message.header#/correlationId`. */
  location: string;
  description?: string;
}

export interface Message extends Located {
  /** Component key or a synthesised stable id (`<channel>/<operation>/message/0`, `POST /orders 201 application/json`). */
  id: string;
  name?: string;
  title?: string;
  summary?: string;
  description?: string;
  contentType?: string;
  payload?: SchemaNode;
  headers?: SchemaNode;
  /** Kafka message key (`bindings.kafka.key`): JSON Schema, or Avro (an `.avsc` file, beside an Avro payload, or `{schemaFormat, schema}`). */
  key?: SchemaNode;
  correlationId?: CorrelationId;
  kind: MessageKind;
  /** Why `kind` was decided (`x-specgate-kind`, `imperative name`, `past-tense name`). */
  kindReason?: string;
  bindings: Record<string, unknown>;
  examples: Located[];
  tags: string[];
  deprecated: boolean;
  extensions: Record<string, unknown>;
  /** OpenAPI: status code of a response message (`200`, `4XX`, `default`); media type in `contentType`. */
  status?: string;
  /** OpenAPI: whether a request body is required. */
  required?: boolean;
  /** OpenAPI: response headers, one parameter each (AsyncAPI messages use `headers`, a schema). */
  headerParameters?: Parameter[];
}

export interface Reply extends Located {
  /** Reply channel, if it is a declared channel. */
  channel?: Channel;
  /** Runtime expression of a dynamic reply address (`$message.header#/replyTo`). */
  addressLocation?: string;
  messages: Message[];
}

export interface Operation extends Located {
  /** AsyncAPI 3 operation key, AsyncAPI 2 `operationId` (or synthesised), OpenAPI `operationId` or `METHOD path`. */
  id: string;
  /** As written in the document; undefined when synthesised. */
  operationId?: string;
  action: Action;
  channel: Channel;
  /** Messages the operation carries (AsyncAPI 3 `messages`, or all of the channel's when omitted). */
  messages: Message[];
  reply?: Reply;
  title?: string;
  summary?: string;
  description?: string;
  tags: string[];
  security: SecurityRequirement[];
  bindings: Record<string, unknown>;
  deprecated: boolean;
  extensions: Record<string, unknown>;
  /** OpenAPI only. */
  http?: HttpDetails;
}

export interface HttpDetails {
  method: string;
  path: string;
  /** Path, query, header and cookie parameters (path-level and operation-level merged). */
  parameters: Parameter[];
  /** Request bodies, one message per media type (`receive`). */
  requestBodies: Message[];
  /** Responses, one message per (status, media type); a response without content is one message without payload (`send`). */
  responses: Message[];
  /** The webhook's name: the provider sends the request and receives the responses. `path` is empty. */
  webhook?: string;
}

export interface SecurityScheme extends Located {
  id: string;
  type: string;
  description?: string;
}

export interface NamedComponent extends Located {
  kind: string;
  name: string;
}

export interface ApiModel {
  format: SpecFormat;
  /** `asyncapi:` / `openapi:` value, e.g. `3.0.0`. */
  specVersion: string;
  info: Info;
  /** The root file. */
  file: string;
  defaultContentType?: string;
  servers: Server[];
  channels: Channel[];
  operations: Operation[];
  /** OpenAPI 3.1 `webhooks`: operations the API calls (`send`: it emits the request and accepts the responses). */
  webhooks?: Operation[];
  /** Every message reachable from a channel or operation, once (by `source`). */
  messages: Message[];
  /** AsyncAPI: messages under `components.messages` that no channel or operation reaches (not in `messages`). */
  unusedMessages?: Message[];
  securitySchemes: SecurityScheme[];
  /** Everything declared under `components` (by kind: `schemas`, `messages`, `parameters`, ...), for unused-component checks. */
  components: NamedComponent[];
  extensions: Record<string, unknown>;
  /** Access to the files, `$ref` resolution and locations. */
  workspace: Workspace;
  /** The root document as parsed (for checks that need the raw shape). */
  document: Record<string, unknown>;
}
