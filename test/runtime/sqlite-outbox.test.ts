// The SQLite outbox inside better-sqlite3's synchronous db.transaction(fn), on a database file: a client's
// send through outbox.transport(db) validates and inserts before it returns and throws on failure, so an
// invalid event (or a failed insert) rolls the business change back, and a valid one commits with it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import Sqlite from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientCore } from '../../src/runtime/client.js';
import { ValidationError } from '../../src/runtime/errors.js';
import type { OperationSpec } from '../../src/runtime/spec.js';
import { SqlOutbox } from '../../src/runtime/sql/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'specgate-sqlite-outbox-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const validatePayload = new Ajv({ allErrors: true }).compile({
  type: 'object',
  required: ['orderId'],
  properties: { orderId: { type: 'string' } },
  additionalProperties: false,
});
const orderCancelled: OperationSpec = {
  id: 'publishOrderCancelled',
  address: 'orders.cancelled',
  parameters: [],
  mode: 'publish-subscribe',
  messages: [{ name: 'OrderCancelled', contentType: 'application/json', validatePayload }],
  partitionKey: '$message.payload#/orderId',
};

async function open(name: string) {
  const file = path.join(tmp, `${name}.db`);
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.exec("CREATE TABLE orders (id TEXT PRIMARY KEY, status TEXT NOT NULL); INSERT INTO orders VALUES ('o1', 'open')");
  const outbox = new SqlOutbox();
  await outbox.createTable(db);
  const client = new ClientCore({ transport: outbox.transport(db) }, { publishOrderCancelled: orderCancelled });
  // The documented pattern: the business change and the event in one synchronous transaction.
  const cancel = db.transaction((id: string, event: unknown, headers?: Record<string, string>) => {
    db.prepare("UPDATE orders SET status = 'cancelled' WHERE id = ?").run(id);
    // An async send would leave a rejected promise here that the transaction never sees; keep it so that
    // the test fails on the assertions below rather than on an unhandled rejection.
    late.push(client.send('publishOrderCancelled', event, headers ? { headers } : {}).catch((e: unknown) => e));
  });
  const late: Promise<unknown>[] = [];
  // Read back through a second connection to the file: what was committed, not what one connection sees.
  const read = () => {
    const other = new Sqlite(file, { readonly: true });
    try {
      return {
        status: (other.prepare("SELECT status FROM orders WHERE id = 'o1'").get() as { status: string }).status,
        events: other.prepare('SELECT id, aggregatetype, aggregateid, type, mode, CAST(payload AS TEXT) AS payload FROM specgate_outbox ORDER BY seq').all(),
      };
    } finally {
      other.close();
    }
  };
  return { db, cancel, read, late };
}

test('sqlite outbox: an invalid event throws inside db.transaction and rolls back the business row', async () => {
  const { db, cancel, read, late } = await open('invalid');
  let thrown: unknown;
  try {
    cancel('o1', { orderId: 42 });
  } catch (e) {
    thrown = e;
  }
  assert.equal(await Promise.all(late), [], 'send threw rather than returning a rejected promise');
  assert.instance(thrown, ValidationError);
  assert.is((thrown as ValidationError).message, 'publishOrderCancelled: outgoing payload /orderId must be string');
  assert.equal(read(), { status: 'open', events: [] });
  db.close();
});

test('sqlite outbox: a failed insert throws inside db.transaction and rolls back the business row', async () => {
  const { db, cancel, read, late } = await open('insert-fails');
  cancel('o1', { orderId: 'o1' }, { messageId: 'm1' });
  db.prepare("UPDATE orders SET status = 'open'").run();
  assert.throws(() => cancel('o1', { orderId: 'o1' }, { messageId: 'm1' }), /^UNIQUE constraint failed: specgate_outbox\.id$/);
  assert.is(late.length, 1, 'only the first send returned');
  const r = read();
  assert.is(r.status, 'open', 'the second cancellation rolled back');
  assert.is(r.events.length, 1);
  db.close();
});

test('sqlite outbox: a valid event commits with the business row', async () => {
  const { db, cancel, read, late } = await open('valid');
  cancel('o1', { orderId: 'o1' });
  const [sent] = (await Promise.all(late)) as { messageId: string; address: string }[];
  assert.is(sent.address, 'orders.cancelled');
  assert.equal(read(), {
    status: 'cancelled',
    events: [{ id: sent.messageId, aggregatetype: 'orders.cancelled', aggregateid: 'o1', type: 'orders.cancelled', mode: 'publish-subscribe', payload: '{"orderId":"o1"}' }],
  });
  db.close();
});

test('sqlite outbox: addSync throws inside db.transaction; add on SQLite still rejects', async () => {
  const { db, read } = await open('add-sync');
  const outbox = new SqlOutbox();
  const noId = { address: 'orders.cancelled', headers: {}, body: new Uint8Array() };
  assert.throws(
    () =>
      db.transaction(() => {
        db.prepare("UPDATE orders SET status = 'cancelled'").run();
        outbox.addSync(db, noId, { mode: 'publish-subscribe' });
      })(),
    /^outbox: message to orders\.cancelled has no messageId header$/,
  );
  assert.equal(read(), { status: 'open', events: [] });
  const rejected = await outbox.add(db, noId, { mode: 'publish-subscribe' }).catch((e: Error) => e.message);
  assert.is(rejected, 'outbox: message to orders.cancelled has no messageId header');
  db.close();
});

test.run();
