import { avroEdit } from '../../formats/avro/examples.js';
import { directed, type ModelCheck } from '../check.js';

/** Avro unions: each writer branch must resolve to a reader branch (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    directed('avro-union-branch-removed', 'schema', 'breaking', 'non-breaking', 'An Avro union lost a branch (or stopped being a union): received data may hold the branch.'),
    directed('avro-union-branch-added', 'schema', 'non-breaking', 'breaking', 'An Avro union gained a branch (or a type became a union): readers of the old schema cannot read the branch in sent data.'),
  ],
  examples: () => [
    avroEdit('a received nullable field no longer nullable', 'receive', "    type: ['null', string]\n    default: null", '    type: string', [
      { rule: 'avro-union-branch-removed', level: 'breaking', message: 'Payload of message `User` received on `users`: `nickname` can no longer be `null`, which data written before may hold.', at: '30:17' },
    ]),
    avroEdit('a sent union gains a branch', 'send', "    type: ['null', string]", "    type: ['null', string, long]", [
      { rule: 'avro-union-branch-added', level: 'breaking', message: 'Payload of message `User` sent on `users`: `nickname` may now be `long`, which readers of the old schema cannot read.', at: '30:40' },
    ]),
    avroEdit('a received union gains a branch', 'receive', "    type: ['null', string]", "    type: ['null', string, long]", [
      { rule: 'avro-union-branch-added', level: 'non-breaking', message: 'Payload of message `User` received on `users`: `nickname` may now also be `long`.', at: '30:40' },
    ]),
    avroEdit('a sent nullable field no longer nullable (old readers read strings)', 'send', "    type: ['null', string]\n    default: null", '    type: string', [
      { rule: 'avro-union-branch-removed', level: 'non-breaking', message: 'Payload of message `User` sent on `users`: `nickname` is no longer a union with `null`.', at: '30:17' },
    ]),
    avroEdit('a union written in block style', 'receive', "    type: ['null', string]", '    type:\n      - "null"\n      - string', []),
  ],
  run() {},
};
export default check;
