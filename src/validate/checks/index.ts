import { avroSchema } from './avro-schema.js';
import { channelAddress } from './channel-address.js';
import { channelParameters } from './channel-parameters.js';
import type { SemanticCheck } from './check.js';
import { discriminatorRequired } from './discriminator.js';
import { duplicateIds } from './duplicate-ids.js';
import { duplicatePaths } from './duplicate-paths.js';
import { operationChannel } from './operation-channel.js';
import { pathParameters } from './path-parameters.js';
import { protobufSchema } from './protobuf-schema.js';
import { replyValid } from './reply.js';
import { runtimeExpressions } from './runtime-expressions.js';
import { securityRefs } from './security-refs.js';
import { serverRefs } from './server-refs.js';
import { serverVariables } from './server-variables.js';
import { uniqueTags } from './unique-tags.js';

export type { SemanticCheck, Report } from './check.js';

/** Every semantic check, in the order they run. `specgate rules` lists these too. */
export const semanticChecks: readonly SemanticCheck[] = [
  operationChannel,
  replyValid,
  channelParameters,
  channelAddress,
  runtimeExpressions,
  securityRefs,
  serverRefs,
  serverVariables,
  duplicateIds,
  pathParameters,
  duplicatePaths,
  uniqueTags,
  discriminatorRequired,
  avroSchema,
  protobufSchema,
];

/** Rule ids of findings about `$ref`s, raised while loading. */
export const refRules = {
  'unresolved-ref': 'A `$ref` points at a file or node that does not exist.',
  'cyclic-ref': 'A chain of `$ref`s loops without ever reaching a schema.',
  'remote-ref-disabled': 'A remote (http/https) `$ref` was met while remote references are off (`--allow-remote-refs`).',
  'invalid-ref-pointer': 'The part of a `$ref` after `#` is not a JSON pointer (`#foo` instead of `#/foo`); specgate follows JSON pointers only.',
  'ref-outside-project':
    'A `$ref` reaches a file outside the project root (the nearest folder with `.git` or `specgate.config.yaml`, else the inputs\' common folder) and is not read; `--allow-ref-outside DIR` widens it.',
} as const;
