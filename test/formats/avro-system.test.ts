// Across services (`lint` of several documents), a consumer's Avro schema is checked against its
// producer's by Avro's resolution rules: the producer's schema writes, the consumer's reads.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openDocument } from '../../src/model/open.js';
import { oneWay } from '../../src/system/rules/examples.js';
import { checkSystem } from '../../src/system/index.js';

const avro = (fields: unknown[]) => `{ schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: ${JSON.stringify({ type: 'record', name: 'UserSignedUp', fields })} }`;

async function findings(sender: string, receiver: string) {
  const docs = {
    'accounts.yaml': oneWay('Accounts Service', 'send', 'users.signed-up', 'UserSignedUp', sender),
    'profiles.yaml': oneWay('Profile Service', 'receive', 'users.signed-up', 'UserSignedUp', receiver),
  };
  const models = [];
  for (const [file, text] of Object.entries(docs)) models.push((await openDocument(file, { text })).model!);
  const { diagnostics } = await checkSystem(models, (d) => (d.rule === 'system-consumer-incompatible' ? 'warning' : 'off'));
  return diagnostics.map((d) => `${d.file}:${d.range?.start.line}:${d.range?.start.column} ${d.message}`);
}

const id = { name: 'id', type: 'string' };

test('a consumer that reads a field its producer never writes, without a default', async () => {
  assert.equal(await findings(avro([id]), avro([id, { name: 'email', type: 'string' }])), [
    "profiles.yaml:8:166 profile-service rejects some `UserSignedUp` that accounts-service (accounts.yaml:8:79) may send: compared with the sender's schema, field `email` was added without a default: data written before has no value for it",
  ]);
});

test('a consumer with a default for it, or one that reads fewer fields, is compatible', async () => {
  assert.equal(await findings(avro([id]), avro([id, { name: 'email', type: 'string', default: '' }])), []);
  assert.equal(await findings(avro([id, { name: 'email', type: 'string' }]), avro([id])), []);
});

test('a consumer of JSON Schema whose producer sends Avro', async () => {
  assert.equal(await findings(avro([id]), '{ type: object }'), [
    "profiles.yaml:8:9 profile-service rejects some `UserSignedUp` that accounts-service (accounts.yaml:8:79) may send: compared with the sender's schema, the schema formats differ (`application/vnd.apache.avro;version=1.9.0` and `application/vnd.aai.asyncapi+json;version=3.0.0`): the data is encoded differently",
  ]);
});

test.run();
