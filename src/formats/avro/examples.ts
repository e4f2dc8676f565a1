// Documents for the examples of the Avro diff checks (src/diff/checks/avro-*.ts): a Kafka-style user
// service whose `User` payload is an Avro record, received on one topic and sent on another.
import type { DiffExample } from '../../model/rule-example.js';

/** The user record; its first line is line 11 of the document. */
export const USER = `type: record
name: User
namespace: com.example
fields:
  - name: id
    type: string
  - name: age
    type: int
  - name: plan
    type:
      type: enum
      name: Plan
      symbols: [FREE, PRO]
  - name: avatar
    type:
      type: fixed
      name: Hash
      size: 16
  - name: nickname
    type: ['null', string]
    default: null`;

/** A service that receives (`receive`) or sends (`send`) `User` messages whose payload is `record`. */
export function userService(action: 'receive' | 'send', record = USER): string {
  return `asyncapi: 3.0.0
info: { title: Users, version: 1.0.0 }
channels:
  users:
    address: users
    messages:
      User:
        payload:
          schemaFormat: application/vnd.apache.avro;version=1.9.0
          schema:
${record.replace(/^/gm, '            ')}
operations:
  ${action === 'receive' ? 'onUser' : 'publishUser'}:
    action: ${action}
    channel: { $ref: '#/channels/users' }
`;
}

/** The service, and the service with `from` (once in the record, indented as there) replaced by `to`. */
export function avroEdit(title: string, action: 'receive' | 'send', from: string, to: string, expect: DiffExample['expect']): DiffExample {
  const at = USER.indexOf(from);
  if (at < 0 || USER.indexOf(from, at + 1) >= 0) throw new Error(`example "${title}": \`${from}\` must occur exactly once`);
  return { title, base: userService(action), revision: userService(action, USER.slice(0, at) + to + USER.slice(at + from.length)), expect };
}

/** The service with a Kafka key beside its payload: an Avro record whose fields are `fields` (indented list items). */
export function keyedService(action: 'receive' | 'send', fields: string): string {
  return userService(action).replace(
    'operations:',
    `        bindings:
          kafka:
            bindingVersion: 0.5.0
            key:
              type: record
              name: UserKey
              fields:
${fields.replace(/^/gm, '                ')}
operations:`,
  );
}
