import { avroEdit, keyedService } from '../../formats/avro/examples.js';
import { fixed, type ModelCheck } from '../check.js';

/**
 * Avro record fields, by schema resolution: matched by name and the reader's aliases; a reader field the
 * writer lacks needs a default. Reported by `messages.ts` through src/formats/avro (one walk per payload
 * pair); this file holds the rules and their examples.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('avro-field-no-default', 'schema', 'breaking', 'An Avro reader field the writer does not write has no default: a field added without a default (received data), or removed while old readers have no default for it (sent data).'),
    fixed('avro-field-added', 'schema', 'non-breaking', 'An Avro record field was added: with a default for received data, any for sent data (old readers skip it).'),
    fixed('avro-field-removed', 'schema', 'non-breaking', 'An Avro record field was removed: received data with it is read without it; sent data only if old readers have a default.'),
    fixed('avro-field-renamed', 'schema', 'non-breaking', "An Avro record field was renamed and the reader's aliases list the old name."),
  ],
  examples: () => [
    avroEdit('a received field added without a default', 'receive', "    type: ['null', string]\n    default: null", "    type: ['null', string]\n    default: null\n  - name: email\n    type: string", [
      { rule: 'avro-field-no-default', level: 'breaking', message: 'Payload of message `User` received on `users`: field `email` was added without a default: data written before has no value for it.', at: '32:17' },
    ]),
    avroEdit('a received field added with a default', 'receive', "    type: ['null', string]\n    default: null", "    type: ['null', string]\n    default: null\n  - name: email\n    type: string\n    default: ''", [
      { rule: 'avro-field-added', level: 'non-breaking', message: 'Payload of message `User` received on `users`: field `email` was added; data written before is read with its default `""`.', at: '32:17' },
    ]),
    avroEdit('a sent field removed that old readers have no default for', 'send', '  - name: age\n    type: int\n', '', [
      { rule: 'avro-field-no-default', level: 'breaking', message: 'Payload of message `User` sent on `users`: field `age` was removed, and readers of the old schema have no default for it.', at: '10:11' },
    ]),
    avroEdit('a received field renamed, the old name kept as an alias', 'receive', '  - name: age\n', '  - name: years\n    aliases: [age]\n', [
      { rule: 'avro-field-renamed', level: 'non-breaking', message: 'Payload of message `User` received on `users`: field `years` was renamed: `age` became `years`, and the reader\'s aliases match the old name.', at: '17:17' },
    ]),
    avroEdit('a sent field removed that has a default', 'send', "  - name: nickname\n    type: ['null', string]\n    default: null", '  - name: id2\n    type: string\n    default: x', [
      { rule: 'avro-field-removed', level: 'non-breaking', message: 'Payload of message `User` sent on `users`: field `nickname` was removed; what the new schema writes is read with its default `null`.', at: '10:11' },
      { rule: 'avro-field-added', level: 'non-breaking', message: 'Payload of message `User` sent on `users`: field `id2` was added; readers of the old schema skip it.', at: '29:17' },
    ]),
    {
      title: 'a field added to the Kafka key of received messages without a default',
      base: keyedService('receive', '- { name: id, type: string }'),
      revision: keyedService('receive', '- { name: id, type: string }\n- { name: region, type: string }'),
      expect: [
        { rule: 'avro-field-no-default', level: 'breaking', message: 'Kafka key of message `User` received on `users`: field `region` was added without a default: data written before has no value for it.', at: '40:19' },
      ],
    },
    {
      title: 'a field removed from the Kafka key of sent messages, old readers without a default',
      base: keyedService('send', '- { name: id, type: string }\n- { name: region, type: string }'),
      revision: keyedService('send', '- { name: id, type: string }'),
      expect: [
        { rule: 'avro-field-no-default', level: 'breaking', message: 'Kafka key of message `User` sent on `users`: field `region` was removed, and readers of the old schema have no default for it.', at: '35:13' },
      ],
    },
    {
      title: 'a field added to the Kafka key of sent messages (old readers skip it)',
      base: keyedService('send', '- { name: id, type: string }'),
      revision: keyedService('send', '- { name: id, type: string }\n- { name: region, type: string }'),
      expect: [
        { rule: 'avro-field-added', level: 'non-breaking', message: 'Kafka key of message `User` sent on `users`: field `region` was added; readers of the old schema skip it.', at: '40:19' },
      ],
    },
    avroEdit('a field documented', 'receive', '  - name: age\n', '  - name: age\n    doc: Age in years\n', []),
  ],
  run() {},
};
export default check;
