import { avroEdit } from '../../formats/avro/examples.js';
import { fixed, type ModelCheck } from '../check.js';

/** Avro named types (record, enum, fixed) and their names (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('avro-name-changed', 'schema', 'breaking', "An Avro record, enum or fixed was renamed: readers match named types by full name.", "non-breaking when the reader's `aliases` list the writer's name."),
  ],
  examples: () => [
    avroEdit('a received enum renamed', 'receive', 'name: Plan', 'name: Tier', [
      { rule: 'avro-name-changed', level: 'breaking', message: 'Payload of message `User` received on `users`: enum `com.example.Plan` at `plan` was renamed to `com.example.Tier`; without the old name among the new reader\'s aliases, Avro does not resolve it.', at: '20:17' },
    ]),
    avroEdit('a received enum renamed with the old name as alias', 'receive', 'name: Plan', 'name: Tier\n      aliases: [Plan]', [
      { rule: 'avro-name-changed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: enum `com.example.Plan` at `plan` was renamed to `com.example.Tier` (the reader lists `com.example.Plan` among its aliases).', at: '20:17' },
    ]),
    avroEdit('a record documented', 'receive', 'name: User\n', 'name: User\ndoc: A user\n', []),
  ],
  run() {},
};
export default check;
