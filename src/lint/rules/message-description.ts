import type { LintRule } from '../types.js';
import { msgName } from './util.js';

export const messageDescription: LintRule = {
  id: 'message-description',
  description: 'Every message has a `summary`, `title` or `description`.',
  docs:
    'A message’s name says what it is called; a summary says what it means and when it is sent (an event: what ' +
    'happened; a command: what it asks for). It is the first thing a consumer reads.',
  formats: ['asyncapi'],
  severity: { minimal: 'off', recommended: 'warning', strict: 'error' },
  run({ model }, report) {
    for (const m of model.messages)
      if (!m.summary?.trim() && !m.description?.trim() && !m.title?.trim())
        report(m.source, `${msgName(m)} has neither a summary nor a description`, 'add `summary:` with one line on what the message means');
  },
};
