import { avroEdit } from '../../formats/avro/examples.js';
import { fixed, type ModelCheck } from '../check.js';

/** Avro fixed sizes, by schema resolution (reported by `messages.ts` through src/formats/avro). */
const check: ModelCheck = {
  kind: 'model',
  rules: [fixed('avro-fixed-size-changed', 'schema', 'breaking', 'An Avro fixed type changed its size: no data of one size reads as the other.')],
  examples: () => [
    avroEdit('a fixed hash grows', 'receive', 'size: 16', 'size: 32', [
      { rule: 'avro-fixed-size-changed', level: 'breaking', message: 'Payload of message `User` received on `users`: size of fixed `Hash` at `avatar` changed from 16 to 32 bytes.', at: '28:19' },
    ]),
    avroEdit('a fixed documented', 'receive', 'size: 16', 'size: 16\n      doc: SHA-128', []),
  ],
  run() {},
};
export default check;
