// Every escape function of src/generate/escape.ts, on hostile strings (a fixed list, then 200 seeded
// random ones), checked with TypeScript's own scanner and parser: a comment stays one comment, a literal
// stays one token and keeps its value, an identifier is one identifier TypeScript does not reserve, a
// property key names exactly that own property. Deterministic: the seed is fixed.
import vm from 'node:vm';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { commentText, compiledCode, docComment, identifier, literalType, propertyKey, stringLiteral } from '../../src/generate/escape.js';
import { seeded } from '../hostile.js';

const FRAGMENTS = [
  '*/', '/*', '//', '/**', '*', '/', '`', '${', '}', '{', '"', "'", '\\', '\\u0041', '\n', '\r', '\r\n', '\u2028', '\u2029', '\t', ' ',
  '</script>', '<!--', '-->', '#!', '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u202e', '\u2066', '\ufeff',
  '\ud800', '\udfff', '😀', '\u{e0041}', 'é', '__proto__', 'constructor', 'toString', 'then', 'await', 'delete', 'class', 'type', '0', '9', '$', '_', 'a', 'Z', '-', '@param',
];
const FIXED = [
  '',
  ' ',
  "Orders */ import { execSync as __x } from 'node:child_process'; __x('touch /tmp/pwned'); /*",
  'a\u2028b\u2029c',
  '`${process.exit(1)}`',
  '"; process.exit(1); "',
  '</script><script>alert(1)</script>',
  '\u0000',
  '*\\/',
  '**/',
  '__proto__',
  'constructor',
  '1abc',
  '\u202eevil\u202c',
];

const rnd = seeded(0x5eed);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const hostile = () => Array.from({ length: Math.floor(rnd() * 10) }, () => pick(FRAGMENTS)).join('');
function json(depth: number): unknown {
  const r = rnd();
  if (depth > 2 || r < 0.4) return hostile();
  if (r < 0.5) return pick([0, -1, 1.5, -0, 1e21, 12345678901234567890]);
  if (r < 0.6) return pick([true, false, null]);
  if (r < 0.8) return Array.from({ length: Math.floor(rnd() * 4) }, () => json(depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [hostile(), json(depth + 1)]));
}
const CASES = [...FIXED, ...Array.from({ length: 200 }, hostile)];
const VALUES: unknown[] = [...FIXED, ...Array.from({ length: 200 }, () => json(0))];

/** One context for every evaluation, so prototypes compare. */
const context = vm.createContext();
const run = (code: string): unknown => vm.runInContext(code, context);
const OBJECT_PROTOTYPE = run('Object.prototype');

/** Hides or ends a line; no escape output may hold one. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/u;
const show = (s: unknown) => JSON.stringify(s);

/** Kinds and token values of `text`, comments and whitespace included. */
function tokens(text: string): { kind: ts.SyntaxKind; value: string; unterminated: boolean }[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan())
    out.push({ kind, value: scanner.getTokenValue(), unterminated: scanner.isUnterminated() });
  return out;
}

function parse(text: string): ts.SourceFile {
  const sf = ts.createSourceFile('t.ts', text, ts.ScriptTarget.Latest, true);
  // Not in the public typings, but where the parser keeps what it reported.
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  assert.equal(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], text);
  return sf;
}

/** The name a property name node stands for. */
function nameOf(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) return name.expression.text;
  throw new Error(`unexpected property name ${ts.SyntaxKind[name.kind]}`);
}

/** The JSON value a literal type (as literalType writes it) stands for. */
function valueOf(node: ts.TypeNode): unknown {
  if (ts.isLiteralTypeNode(node)) {
    const l = node.literal;
    if (ts.isStringLiteral(l)) return l.text;
    if (ts.isNumericLiteral(l)) return Number(l.text);
    if (ts.isPrefixUnaryExpression(l) && l.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(l.operand)) return -Number(l.operand.text);
    if (l.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (l.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (l.kind === ts.SyntaxKind.NullKeyword) return null;
  }
  if (ts.isTupleTypeNode(node)) return node.elements.map((e) => valueOf(e as ts.TypeNode));
  if (ts.isTypeLiteralNode(node))
    return Object.fromEntries(node.members.map((m) => {
      if (!ts.isPropertySignature(m) || !m.type || m.questionToken) throw new Error('unexpected member');
      return [nameOf(m.name), valueOf(m.type)];
    }));
  if (ts.isTypeReferenceNode(node) && node.getText() === 'Record<string, never>') return {};
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  throw new Error(`unexpected type ${ts.SyntaxKind[node.kind]}: ${node.getText()}`);
}

const RESERVED = (kind: ts.SyntaxKind) =>
  (kind >= ts.SyntaxKind.FirstReservedWord && kind <= ts.SyntaxKind.LastReservedWord) || (kind >= ts.SyntaxKind.FirstFutureReservedWord && kind <= ts.SyntaxKind.LastFutureReservedWord) || kind === ts.SyntaxKind.AwaitKeyword;

test('stringLiteral: one string token on one line, with the value it was given', () => {
  for (const s of CASES) {
    const lit = stringLiteral(s);
    assert.not.match(lit, INVISIBLE, show(s));
    const t = tokens(lit);
    assert.equal(t.map((x) => [x.kind, x.unterminated]), [[ts.SyntaxKind.StringLiteral, false]], show(s));
    assert.is(t[0].value, s, show(s));
    assert.is(run(lit), s, show(s));
  }
});

test('commentText: one `//` comment and one `/* */` comment, on one line', () => {
  for (const s of CASES) {
    const c = commentText(s);
    assert.not.match(c, INVISIBLE, show(s));
    assert.equal(tokens(`// ${c}`).map((x) => x.kind), [ts.SyntaxKind.SingleLineCommentTrivia], show(s));
    assert.equal(tokens(`/* ${c} */`).map((x) => [x.kind, x.unterminated]), [[ts.SyntaxKind.MultiLineCommentTrivia, false]], show(s));
  }
});

test('docComment: one `/** */` comment and its line break, or nothing for blank text', () => {
  for (const s of CASES) {
    const d = docComment(s, '  ');
    if (!s.trim()) {
      assert.is(d, '', show(s));
      continue;
    }
    assert.not.match(d.replace(/\n/g, ''), INVISIBLE, show(s));
    assert.equal(tokens(d).map((x) => [x.kind, x.unterminated]), [[ts.SyntaxKind.WhitespaceTrivia, false], [ts.SyntaxKind.MultiLineCommentTrivia, false], [ts.SyntaxKind.NewLineTrivia, false]], show(s));
    // `/** line */`, or `/**`, one ` * line` per line of text, ` */`.
    const lines = s.trim().split(/\r\n|[\r\n\u2028\u2029]/).length;
    assert.is(d.split('\n').length - 1, lines === 1 ? 1 : lines + 2, `one comment line per text line: ${show(s)}`);
  }
});

test('literalType: one type that stands for exactly the given JSON value', () => {
  for (const v of VALUES) {
    const t = literalType(v);
    assert.not.match(t, INVISIBLE, show(v));
    const sf = parse(`type T = ${t};`);
    assert.is(sf.statements.length, 1, t);
    const decl = sf.statements[0];
    assert.ok(ts.isTypeAliasDeclaration(decl), t);
    // -0 has no literal type: it is 0, as JSON writes it.
    assert.equal(valueOf(decl.type), JSON.parse(JSON.stringify(v)), t);
  }
});

test('identifier: one identifier TypeScript does not reserve, never an Object.prototype name or `then`', () => {
  const avoided = new Set([...Object.getOwnPropertyNames(Object.prototype), 'then']);
  for (const s of CASES) {
    const id = identifier(s);
    assert.ok(ts.isIdentifierText(id, ts.ScriptTarget.Latest), `${show(s)} → ${id}`);
    const kind = ts.stringToToken(id);
    assert.ok(kind === undefined || !RESERVED(kind), `${show(s)} → ${id} is reserved`);
    assert.not.ok(avoided.has(id), `${show(s)} → ${id}`);
    assert.is(identifier(id), id, 'stable');
    const sf = parse(`interface I { ${id}(): void }\nconst o = { ${id}: 1 };`);
    assert.is(sf.statements.length, 2, id);
    const o = run(`({ ${id}: 1 })`) as object;
    assert.equal(Object.keys(o), [id]);
    assert.is(Object.getPrototypeOf(o), OBJECT_PROTOTYPE);
  }
  assert.is(identifier('valid_Name$1'), 'valid_Name$1', 'a valid identifier stays as written');
});

test('propertyKey: in an object literal and in a type, exactly one own property of that name', () => {
  for (const s of CASES) {
    const k = propertyKey(s);
    assert.not.match(k, INVISIBLE, show(s));
    const sf = parse(`interface I { ${k}: 1 }\nconst o = { ${k}: 1 };`);
    const i = sf.statements[0] as ts.InterfaceDeclaration;
    assert.equal(i.members.map((m) => nameOf(m.name!)), [s], show(s));
    const o = run(`({ ${k}: 1 })`) as object;
    assert.equal(Object.getOwnPropertyNames(o), [s], show(s));
    assert.is(Object.getPrototypeOf(o), OBJECT_PROTOTYPE, `${show(s)}: the prototype is untouched`);
  }
});

test('compiledCode: string literals of Ajv code keep their value, without invisible characters', () => {
  for (const s of CASES) {
    // Ajv writes spec text the way JSON.stringify does, escaping U+2028/U+2029 only.
    const ajv = `(() => {\n  const x = ${JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')};\n  return x;\n})()`;
    const code = compiledCode(ajv);
    assert.not.match(code.replace(/\n/g, ''), INVISIBLE, show(s));
    assert.is(run(code), s, show(s));
  }
});

test.run();
