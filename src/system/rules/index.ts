import { competingCommandHandlers } from './competing-command-handlers.js';
import { consumerIncompatible } from './consumer-incompatible.js';
import { eventNoConsumer } from './event-no-consumer.js';
import { noProducer } from './no-producer.js';
import { producersDisagree } from './producers-disagree.js';
import { requestNoReplier } from './request-no-replier.js';
import type { SystemRule } from './types.js';
import { unknownMessage } from './unknown-message.js';

export type { SystemRule, SystemContext, SystemReport } from './types.js';

/** Every system rule, in the order they run. */
export const systemRules: readonly SystemRule[] = [
  consumerIncompatible,
  unknownMessage,
  noProducer,
  requestNoReplier,
  competingCommandHandlers,
  producersDisagree,
  eventNoConsumer,
];
