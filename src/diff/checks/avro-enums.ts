import { avroEdit } from '../../formats/avro/examples.js';
import { directed, type ModelCheck } from '../check.js';

/** Avro enum symbols, by schema resolution (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    directed('avro-enum-symbol-removed', 'schema', 'breaking', 'non-breaking', 'An Avro enum lost a symbol: received data may hold it.', 'non-breaking when the new enum has a `default`: Avro reads unknown symbols as it.'),
    directed('avro-enum-symbol-added', 'schema', 'non-breaking', 'breaking', 'An Avro enum gained a symbol: readers of the old schema may get it in sent data.', 'non-breaking when the old enum has a `default`.'),
  ],
  examples: () => [
    avroEdit('a received enum loses a symbol', 'receive', 'symbols: [FREE, PRO]', 'symbols: [FREE]', [
      { rule: 'avro-enum-symbol-removed', level: 'breaking', message: 'Payload of message `User` received on `users`: symbol `PRO` of enum `Plan` at `plan` was removed; old data holding it cannot be read (no enum default).', at: '20:17' },
    ]),
    avroEdit('a received enum loses a symbol, with an enum default', 'receive', 'symbols: [FREE, PRO]', 'symbols: [FREE]\n      default: FREE', [
      { rule: 'avro-enum-symbol-removed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: symbol `PRO` of enum `Plan` at `plan` was removed; the new reader reads it as its default `FREE`.', at: '20:17' },
    ]),
    avroEdit('a sent enum gains a symbol', 'send', 'symbols: [FREE, PRO]', 'symbols: [FREE, PRO, TEAM]', [
      { rule: 'avro-enum-symbol-added', level: 'breaking', message: 'Payload of message `User` sent on `users`: symbol `TEAM` of enum `Plan` at `plan` was added; readers of the old schema cannot read it (no enum default).', at: '23:40' },
    ]),
    avroEdit('a received enum gains a symbol', 'receive', 'symbols: [FREE, PRO]', 'symbols: [FREE, PRO, TEAM]', [
      { rule: 'avro-enum-symbol-added', level: 'non-breaking', message: 'Payload of message `User` received on `users`: symbol `TEAM` of enum `Plan` at `plan` was added.', at: '23:40' },
    ]),
    avroEdit('a sent enum loses a symbol (old readers still know the rest)', 'send', 'symbols: [FREE, PRO]', 'symbols: [FREE]', [
      { rule: 'avro-enum-symbol-removed', level: 'non-breaking', message: 'Payload of message `User` sent on `users`: symbol `PRO` of enum `Plan` at `plan` was removed.', at: '20:17' },
    ]),
    avroEdit('an enum documented', 'receive', 'symbols: [FREE, PRO]', 'symbols: [FREE, PRO]\n      doc: The plan', []),
  ],
  run() {},
};
export default check;
