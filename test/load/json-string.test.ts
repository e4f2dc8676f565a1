import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringEnd } from '../../src/load/json-string.js';
import { parseText } from '../../src/load/parse.js';

test('stringEnd: the offset after the closing quote, escapes respected', () => {
  const cases: [string, number][] = [
    ['"abc", 1', 5],
    ['"a\\"b" x', 6],
    ['"a\\\\" x', 5],
    ['"a\\\\\\"b" x', 8],
    ['"" x', 2],
    ['"never closed', 13],
  ];
  for (const [text, end] of cases) {
    assert.is(stringEnd(text, 0), end, text);
    // The same end as JSON.parse finds: the string as JSON is exactly that slice.
    if (end < text.length || text.endsWith('"')) assert.type(JSON.parse(text.slice(0, end)), 'string');
  }
});

test('the nesting check before JSON.parse skips brackets inside strings, escaped quotes included', () => {
  const inString = '{"a": "[[[[ \\" {{{{ \\\\", "b": [1]}';
  assert.equal(parseText(inString, 'x.json').value, { a: '[[[[ " {{{{ \\', b: [1] });
  const deep = '['.repeat(600) + ']'.repeat(600);
  assert.throws(() => parseText(deep, 'deep.json'), /nested deeper than 512 levels/);
  const hidden = `{"s": "${'['.repeat(600)}"}`;
  assert.equal(parseText(hidden, 'x.json').value, { s: '['.repeat(600) });
});

test.run();
