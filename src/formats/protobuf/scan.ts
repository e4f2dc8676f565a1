// Where declarations stand in a .proto source. protobufjs finds the errors but keeps no positions (its
// parse errors give a line, its semantic ones nothing), so this light pass over the same tokens finds the
// field or enum value an error names. It reads, it never decides validity: protobufjs does that.

export interface Token {
  text: string;
  /** Offset in the source. */
  start: number;
}

/** A field of a message or a value of an enum, with its tokens. */
export interface Decl {
  /** Full name of the message or enum, package included, no leading dot (`shop.Order`). */
  scope: string;
  name: Token;
  number: Token;
  /** First token of the type (fields only; `map` for a map field). */
  type?: Token;
}

const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|\.?[A-Za-z_][\w.]*|-?(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|./gy;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(src); m && m[0] !== ''; m = TOKEN.exec(src)) {
    const c = m[0].charCodeAt(0);
    if (c <= 32 || m[0].startsWith('//') || m[0].startsWith('/*')) continue;
    out.push({ text: m[0], start: m.index });
  }
  return out;
}

const NOT_FIELD = new Set(['option', 'reserved', 'extensions', 'syntax', 'edition', 'import', 'package', 'rpc', 'stream']);

/** Every field and enum value declared in `src`, in source order. */
export function declarations(src: string): Decl[] {
  const toks = tokenize(src);
  const decls: Decl[] = [];
  let pkg = '';
  // Scopes: a message or enum (by full name), a oneof (its message), or anything else in braces.
  const stack: { kind: 'message' | 'enum' | 'other'; name: string }[] = [];
  const top = () => stack[stack.length - 1];
  const prefix = () => top()?.name ?? pkg;
  for (let i = 0; i < toks.length; ) {
    const t = toks[i].text;
    if (t === '}') (stack.pop(), i++);
    else if (t === ';') i++;
    else if ((t === 'message' || t === 'enum') && toks[i + 2]?.text === '{') {
      const p = prefix();
      stack.push({ kind: t, name: p ? `${p}.${toks[i + 1].text}` : toks[i + 1].text });
      i += 3;
    } else if (t === 'oneof' && toks[i + 2]?.text === '{') {
      stack.push({ kind: 'message', name: top()?.name ?? '' });
      i += 3;
    } else {
      // One statement: up to `;` or an opening brace outside brackets (options may hold `{...}` in `[...]`).
      const start = i;
      let depth = 0;
      for (; i < toks.length; i++) {
        const x = toks[i].text;
        if (x === '[' || x === '<' || x === '(') depth++;
        else if (x === ']' || x === '>' || x === ')') depth--;
        else if (x === '{' && depth > 0) depth++;
        else if (x === '}' && depth > 0) depth--;
        else if (depth <= 0 && (x === ';' || x === '{' || x === '}')) break;
      }
      const stmt = toks.slice(start, i);
      if (toks[i]?.text === '{') (stack.push({ kind: 'other', name: prefix() }), i++);
      else if (toks[i]?.text === ';') i++;
      if (t === 'package' && stmt[1]) pkg = stmt[1].text;
      const scope = top();
      if (!scope || scope.kind === 'other' || NOT_FIELD.has(t) || stmt.length === 0) continue;
      const eq = stmt.findIndex((x) => x.text === '=');
      if (eq < 1 || !stmt[eq + 1]) continue;
      if (scope.kind === 'enum') decls.push({ scope: scope.name, name: stmt[eq - 1], number: stmt[eq + 1] });
      else {
        const first = ['optional', 'required', 'repeated'].includes(t) ? 1 : 0;
        decls.push({ scope: scope.name, name: stmt[eq - 1], number: stmt[eq + 1], type: stmt[first] });
      }
    }
  }
  return decls;
}

/** Every `import "x.proto";` of `src` (plain, `public` or `weak`): the path as written and its string token. */
export function importsOf(src: string): { path: string; token: Token; weak: boolean }[] {
  const toks = tokenize(src);
  const out: { path: string; token: Token; weak: boolean }[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text !== 'import' || (i > 0 && toks[i - 1].text !== ';' && toks[i - 1].text !== '}')) continue;
    const mod = toks[i + 1]?.text;
    const str = mod === 'weak' || mod === 'public' ? toks[i + 2] : toks[i + 1];
    if (str && /^["'].*["']$/.test(str.text) && str.text.length >= 2) out.push({ path: str.text.slice(1, -1), token: str, weak: mod === 'weak' });
  }
  return out;
}
