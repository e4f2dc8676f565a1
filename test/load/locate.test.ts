import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Locator, prepareLocator } from '../../src/load/locate.js';

await prepareLocator();

const YAML = `openapi: 3.1.0
info:
  title: "Orders"
  version: 1.0.0
paths:
  /orders/{id}:
    get:
      responses:
        '200':
          description: ok
  "a/b~c":
    x: [1, {deep: true}]
list:
  - first
  - name: second
    value: 2
`;

const JSON_TEXT = `{
  "openapi": "3.1.0",
  "info": { "title": "Orders", "version": "1.0.0" },
  "paths": {
    "/orders/{id}": { "get": { "responses": { "200": { "description": "ok" } } } }
  },
  "list": ["first", { "name": "second" }],
  "esc\\"aped": 1
}`;

const at = (l: Locator, p: string) => {
  const r = l.locate(p);
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
};

test('YAML: members start at their key; scalars end at the value', () => {
  const l = new Locator(YAML, 'yaml');
  assert.is(at(l, '/info/title'), '3:3-3:18');
  assert.is(at(l, '/info'), '2:1-2:5');
  assert.is(at(l, '/paths/~1orders~1{id}/get/responses/200/description'), '10:11-10:26');
  assert.is(at(l, '/paths/a~1b~0c/x/1/deep'), '12:13-12:23');
  assert.is(at(l, '/list/1/value'), '16:5-16:13');
  assert.is(at(l, '/list/0'), '14:5-14:10');
});

test('YAML: a missing pointer falls back to its nearest parent', () => {
  const l = new Locator(YAML, 'yaml');
  assert.is(at(l, '/info/contact/email'), '2:1-2:5');
  assert.is(at(l, ''), '1:1-1:2');
});

test('JSON: keys, nested values, arrays, escaped keys', () => {
  const l = new Locator(JSON_TEXT, 'json');
  assert.is(at(l, '/info/title'), '3:13-3:30');
  assert.is(at(l, '/paths/~1orders~1{id}/get/responses/200/description'), '5:56-5:75');
  assert.is(at(l, '/list/1/name'), '7:23-7:39');
  assert.is(at(l, '/esc"aped'), '8:3-8:17');
  assert.is(at(l, '/nothing/here'), '1:1-1:2');
});

test('batch lookups agree with single lookups', () => {
  const l1 = new Locator(YAML, 'yaml');
  const l2 = new Locator(YAML, 'yaml');
  const ps = ['/info/title', '/list/1/value', '/paths/~1orders~1{id}/get'];
  assert.equal(l1.locateAll(ps), ps.map((p) => l2.locate(p)));
});

test('YAML with lone carriage returns as line breaks: located by the full parse', () => {
  // `a: 1⏎b: …` with old Mac line ends; the indentation reader cuts lines at \n only.
  const text = 'a: 1\rb:\r  c: 2\r';
  const ps = ['/b/c', '/a', '/b/missing'];
  assert.equal(new Locator(text, 'yaml').locateAll(ps), new Locator(text, 'yaml', false).locateAll(ps));
});

test.run();
