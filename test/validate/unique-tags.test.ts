import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateFile } from '../../src/validate/index.js';
import { tempFiles } from '../helpers.js';

const { dir, cleanup } = tempFiles({
  'api.yaml': [
    'openapi: 3.1.0',
    'info: { title: T, version: 1.0.0 }',
    'tags: [{ name: orders }, { name: users }, { name: orders }]',
    'paths:',
    '  /a~b/{id}:',
    '    get:',
    '      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    // Not a Tag Object list: schemas are skipped, a property named `tags` is fine.
    '              schema: { type: object, properties: { tags: { type: array } }, example: { tags: [{ name: x }, { name: x }] } }',
    'x-meta: { tags: [{ name: y }, { name: y }] }',
    '',
  ].join('\n'),
  'events.yaml': [
    'asyncapi: 3.0.0',
    'info: { title: T, version: 1.0.0, tags: [{ name: a }] }',
    'channels:',
    '  c:',
    '    address: c',
    '    messages:',
    '      m: { payload: { type: string }, tags: [{ name: b }, { name: c }, { name: b }] }',
    'operations:',
    '  o: { action: send, channel: { $ref: "#/channels/c" }, tags: [{ name: d }, { name: d }] }',
    '',
  ].join('\n'),
});

const tagErrors = async (file: string) =>
  (await validateFile(`${dir}/${file}`)).diagnostics.filter((d) => d.rule === 'unique-tags').map((d) => [d.pointer, d.message, d.range?.start.line]);

test('unique-tags: the second use of a name, at its exact place; schemas and examples are not tag lists', async () => {
  assert.equal(await tagErrors('api.yaml'), [['/tags/2/name', 'tag `orders` appears twice in this `tags` list', 3]]);
  assert.equal(await tagErrors('events.yaml'), [
    ['/channels/c/messages/m/tags/2/name', 'tag `b` appears twice in this `tags` list', 7],
    ['/operations/o/tags/1/name', 'tag `d` appears twice in this `tags` list', 9],
  ]);
});

test.after(cleanup);
test.run();
