/**
 * Spec text in generated TypeScript. Every string of a spec is attacker-controlled (specgate runs on pull
 * requests; the generated code runs in production), so each one reaches the output through exactly one
 * of these functions, chosen by where it lands: a comment, a string literal, a literal type, an
 * identifier or a property key. Nothing else in src/generate writes spec text.
 *
 * Hand-written: these are a few lines each over JSON.stringify, and what they must guarantee is specific
 * to TypeScript source (checked against TypeScript's own scanner in test/generate/escape.test.ts).
 */

/**
 * Characters that are invisible or reorder text (controls, bidi overrides, zero-width marks, lone
 * surrogates): inside code under review they hide what the code does ("Trojan Source"), so they are
 * shown as `\uXXXX`. U+2028/U+2029 end a line in JavaScript.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
const hex = (c: string) => {
  const cp = c.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
};
/** Every ECMAScript line terminator. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/** One line of comment text: visible characters only, and no `*\/` to end a block comment early. */
function commentLine(line: string): string {
  return line.replace(/\t/g, ' ').replace(INVISIBLE, hex).replace(/\*\//g, '*\\/');
}

/** Text on one line inside a `//` or `/* *\/` comment: line breaks and runs of space become one space. */
export function commentText(text: string): string {
  return commentLine(text.split(LINE_BREAK).join(' ').replace(/\s+/g, ' ').trim());
}

/** A `/** ... *\/` comment of `text`, one comment line per line of text; '' for no text. */
export function docComment(text: string | undefined, indent = ''): string {
  if (!text || !text.trim()) return '';
  const lines = text.trim().split(LINE_BREAK).map((l) => commentLine(l).trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

/** A double-quoted string literal whose value is `text`, on one line, with no invisible characters. */
export function stringLiteral(text: string): string {
  // JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; the rest of INVISIBLE
  // is legal in a literal but hides or ends lines.
  return JSON.stringify(text).replace(INVISIBLE, hex);
}

/**
 * Ajv's standalone code, in which spec text stands only inside string literals (Ajv writes it with
 * JSON.stringify and escapes U+2028/U+2029): the other invisible characters of those literals as
 * escapes, which keep the value. Tabs and line breaks are JSON-escaped there, so the ones left are Ajv's.
 */
export function compiledCode(code: string): string {
  return code.replace(INVISIBLE, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : hex(c)));
}

/** The literal type of a JSON value (`const`, `enum`): `"a"`, `-1`, `true`, `null`, tuples, object types. */
export function literalType(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : 'number';
  if (typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(literalType).join(', ')}]`;
  if (typeof value === 'object') {
    const members = Object.keys(value).map((k) => `${propertyKey(k)}: ${literalType((value as Record<string, unknown>)[k])}`);
    return members.length ? `{ ${members.join('; ')} }` : 'Record<string, never>';
  }
  return 'unknown';
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Names a generated identifier must not take: reserved words, the global types a declaration would
 * shadow, and the names of Object.prototype and `then`, which change how an object holding such a member
 * behaves (`String(client)` would send a message; a `then` member makes the client a thenable).
 */
const AVOID = new Set([
  ...'await break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private protected public static yield any boolean number string symbol unknown never object undefined bigint'.split(' '),
  ...'Array Record Promise Date Error Partial Omit Pick String Number Boolean Object Symbol Function Map Set'.split(' '),
  ...Object.getOwnPropertyNames(Object.prototype),
  'then',
]);

/** Whether `name` is one a generated identifier must not take as it is. */
export function isReserved(name: string): boolean {
  return AVOID.has(name);
}

/** An identifier for `text`: other characters become `_`, a leading digit gets `_`, a reserved name `_` after. */
export function identifier(text: string): string {
  let s = text.replace(/[^A-Za-z0-9_$]/g, '_');
  if (!IDENTIFIER.test(s)) s = `_${s}`;
  return AVOID.has(s) ? `${s}_` : s;
}

/**
 * A property name in an object literal or a type: bare when it is an identifier, quoted otherwise, and
 * computed for `__proto__`, which as a plain key in an object literal sets the prototype instead.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}
