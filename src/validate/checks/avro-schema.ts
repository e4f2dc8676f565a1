import { foreignPayloadRoots } from '../../formats/index.js';
import type { SemanticCheck } from './check.js';

const kafka = (payload: string, version = '1.9.0') => `asyncapi: 3.0.0
info: { title: Users, version: 1.0.0 }
channels:
  users:
    address: users
    messages:
      UserSignedUp:
        payload:
          schemaFormat: application/vnd.apache.avro;version=${version}
          schema:
${payload.replace(/^/gm, '            ')}
`;

/**
 * Avro payloads (`schemaFormat: application/vnd.apache.avro…`) are Avro schemas avsc accepts: the
 * official AsyncAPI schemas check little of them, and a registry rejects the rest at deploy time.
 */
export const avroSchema: SemanticCheck = {
  id: 'avro-schema',
  description: 'An Avro payload schema is valid Avro: known type names, defaults of their type, no duplicate fields, symbols or types, valid names, fixed with a size.',
  formats: ['asyncapi'],
  severity: 'error',
  examples: () => [
    {
      title: 'a field whose type names no defined type',
      doc: kafka(`type: record
name: UserSignedUp
fields:
  - name: id
    type: string
  - name: address
    type: Adress`),
      expect: [{ message: 'unknown Avro type `Adress`', range: '17:17-17:29' }],
    },
    {
      title: 'a default that is not a value of its type, a field declared twice',
      doc: kafka(`type: record
name: UserSignedUp
fields:
  - name: id
    type: string
  - name: age
    type: int
    default: unknown
  - name: id
    type: long`),
      expect: [
        { message: 'default `"unknown"` of field `age` is not a valid `int`', range: '18:17-18:33' },
        { message: 'field `id` is declared twice in record `UserSignedUp`', range: '19:17-19:25' },
      ],
    },
    {
      title: 'an enum symbol listed twice, a fixed without size, a name starting with a digit',
      doc: kafka(`type: record
name: 1User
fields:
  - name: plan
    type:
      type: enum
      name: Plan
      symbols: [FREE, PRO, FREE]
  - name: hash
    type:
      type: fixed
      name: Hash`),
      expect: [
        { message: '`1User` is not a valid Avro name', range: '12:13-12:24' },
        { message: 'symbol `FREE` is listed twice in enum `Plan`', range: '18:40-18:44' },
        { message: 'fixed `Hash` has no `size`', range: '20:17-20:21' },
      ],
    },
    {
      title: 'a valid Avro 1.11 record with a nullable field',
      doc: kafka(`type: record
name: UserSignedUp
namespace: com.example.users
fields:
  - name: id
    type: string
  - name: email
    type: ['null', string]
    default: null`, '1.11.1'),
      expect: [],
    },
  ],
  async run(model, report) {
    for (const r of foreignPayloadRoots(model))
      if (r.format.id === 'avro') for (const p of await r.format.validate(r.node, model.workspace)) report(p.at, p.message, p.help);
  },
};
