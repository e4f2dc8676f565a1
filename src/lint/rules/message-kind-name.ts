import { kindFromName } from '../../model/kinds.js';
import type { LintRule } from '../types.js';
import { at, msgName } from './util.js';

export const messageKindName: LintRule = {
  id: 'message-kind-name',
  description: 'A message marked `x-specgate-kind: command|event` has a name that reads like one (imperative vs past tense).',
  docs:
    'Names are how people tell commands from events: `CreateOrder` asks, `OrderCreated` tells. A message marked ' +
    '`x-specgate-kind: event` but named like a command (or the other way round) misleads every reader and ' +
    'generated handler name. Rename the message or fix the marker.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  examples: () => [
    {
      title: 'an event named like a command',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders:
    address: orders
    messages:
      CreateOrder:
        x-specgate-kind: event
        payload:
          type: object
`,
      expect: [{ message: 'message `CreateOrder` is marked `x-specgate-kind: event` but its name reads like a command (imperative name ("create"))', range: '10:9-10:31' }],
    },
    {
      title: 'a command named like an event',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders:
    address: orders
    messages:
      OrderShipped:
        x-specgate-kind: command
        payload:
          type: object
`,
      expect: [{ message: 'message `OrderShipped` is marked `x-specgate-kind: command` but its name reads like an event (past-tense name ("shipped"))', range: '10:9-10:33' }],
    },
    {
      title: 'an event named in the past tense',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders:
    address: orders
    messages:
      OrderCreated:
        x-specgate-kind: event
        payload:
          type: object
`,
      expect: [],
    },
    {
      title: 'a marked message whose name reads like neither',
      doc: `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
channels:
  orders:
    address: orders
    messages:
      OrderLifecycle:
        x-specgate-kind: event
        payload:
          type: object
`,
      expect: [],
    },
  ],
  run({ model }, report) {
    for (const m of model.messages) {
      if (m.kindReason !== 'x-specgate-kind' || (m.kind !== 'command' && m.kind !== 'event')) continue;
      const byName = kindFromName(m.name ?? m.id);
      if ((byName.kind === 'command' || byName.kind === 'event') && byName.kind !== m.kind)
        report(
          at(m.source, 'x-specgate-kind'),
          `${msgName(m)} is marked \`x-specgate-kind: ${m.kind}\` but its name reads like ${byName.kind === 'command' ? 'a command' : 'an event'} (${byName.reason})`,
          m.kind === 'event' ? 'name events in the past tense (`OrderCreated`)' : 'name commands in the imperative (`CreateOrder`)',
        );
    }
  },
};
