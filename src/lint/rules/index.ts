import type { LintRule } from '../types.js';
import { bindingProtocol } from './binding-protocol.js';
import { correlationIdField } from './correlation-id-field.js';
import { discriminatorPropertyRequired } from './discriminator-property-required.js';
import { exampleCheckable } from './example-checkable.js';
import { exampleValid } from './example-valid.js';
import { infoContact } from './info-contact.js';
import { infoDescription } from './info-description.js';
import { infoLicense } from './info-license.js';
import { infoVersionSemver } from './info-version-semver.js';
import { messageChannelKind } from './message-channel-kind.js';
import { messageContentType } from './message-content-type.js';
import { messageDescription } from './message-description.js';
import { messageIdHeader } from './message-id-header.js';
import { messageKindName } from './message-kind-name.js';
import { messagePayload } from './message-payload.js';
import { noUnusedComponents } from './no-unused-components.js';
import { operation4xxResponse } from './operation-4xx-response.js';
import { operationDescription } from './operation-description.js';
import { operationOperationId } from './operation-operationId.js';
import { operationSuccessResponse } from './operation-success-response.js';
import { operationTags } from './operation-tags.js';
import { partitionKeyField } from './partition-key-field.js';
import { propertyDescription } from './property-description.js';
import { putIdempotent } from './put-idempotent.js';
import { replyChannelDistinct } from './reply-channel-distinct.js';
import { replyCorrelationId } from './reply-correlation-id.js';
import { replyMessages } from './reply-messages.js';
import { requestBodyGetDelete } from './request-body-get-delete.js';
import { serversDeclared } from './servers-declared.js';
import { serversParameterised } from './servers-parameterised.js';
import { serverVariables } from './server-variables.js';
import { tagDescription } from './tag-description.js';
import { versionInAddress } from './version-in-address.js';

/** Every lint rule, messaging rules first. `specgate rules` and docs/rules.md are made from this list. */
export const lintRules: readonly LintRule[] = [
  replyCorrelationId,
  correlationIdField,
  messageIdHeader,
  messageChannelKind,
  messageKindName,
  replyChannelDistinct,
  replyMessages,
  partitionKeyField,
  bindingProtocol,
  messagePayload,
  messageContentType,
  messageDescription,
  infoVersionSemver,
  versionInAddress,
  noUnusedComponents,
  operationDescription,
  operationOperationId,
  serversDeclared,
  serversParameterised,
  serverVariables,
  operationSuccessResponse,
  operation4xxResponse,
  requestBodyGetDelete,
  putIdempotent,
  discriminatorPropertyRequired,
  exampleValid,
  exampleCheckable,
  infoContact,
  infoLicense,
  infoDescription,
  tagDescription,
  operationTags,
  propertyDescription,
];
