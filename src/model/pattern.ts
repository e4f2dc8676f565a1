import { createRequire } from 'node:module';
import type { RE2JS as RE2JSType } from 're2js';

/**
 * The one place that runs a spec's regular expressions (`pattern`, `patternProperties`).
 *
 * Specs are untrusted and a backtracking engine (RegExp) takes exponential time on patterns like
 * `^(a+)+$`, so patterns run on RE2 (re2js, pure JavaScript), which matches in time linear in the text.
 * JSON Schema patterns are ECMA-262 syntax, and RE2's syntax differs in details (`.`, `\s`, `[]`, `[[:`),
 * so each pattern is first checked by RegExp's parser (parsing is linear; nothing is executed) and then
 * translated piece by piece into RE2 syntax with ECMA-262's meaning. re2js's own `translateRegExp` keeps
 * RE2's meaning of `.` and `\s` and turns `\k<name>` into a literal, hence the translation here.
 * What RE2 cannot run (lookahead, backreferences, repetition counts over 1000) is `unsupported`, with a
 * reason, never handed to RegExp.
 */
export type SpecPattern =
  | {
      kind: 'ok';
      /** Undefined only for a pattern without the `u` reading on a text with astral characters (see `compile`). */
      test(text: string): boolean | undefined;
      /** RE2's program size: one test costs about this times the text's length. */
      size: number;
    }
  /** Not an ECMA-262 regular expression: the schema's problem, which validation reports. */
  | { kind: 'invalid'; reason: string }
  /** A valid pattern that needs backtracking: no verdict is given on it. */
  | { kind: 'unsupported'; reason: string };

const cache = new Map<string, SpecPattern>();
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const MATCHES_A_HALF = /[.\-]|\[\^|\\[SWDBu]|[\u{10000}-\u{10FFFF}]/u;

/** The pattern `source`, compiled once per process. */
export function specPattern(source: string): SpecPattern {
  let p = cache.get(source);
  if (!p) {
    p = compile(source);
    cache.set(source, p);
  }
  return p;
}

/** Whether `text` matches `source` (anywhere, as JSON Schema's `pattern`); undefined when no verdict can be had. */
export function testPattern(source: string, text: string): boolean | undefined {
  const p = specPattern(source);
  return p.kind === 'ok' ? p.test(text) : undefined;
}

let engine: typeof RE2JSType | undefined;

/**
 * re2js, loaded on first use: it is 260 KB of code that most runs (validate, generate, `--help`) never
 * need, and callers are synchronous. In the CLI bundle esbuild turns `require` into its lazily
 * initialised copy of the module; running from src/ or dist/ (ES modules) Node's require loads it.
 */
function re2(): typeof RE2JSType {
  if (!engine) {
    // `require('re2js')` literally, or esbuild would not see it.
    const m = (typeof require === 'function' ? require('re2js') : createRequire(import.meta.url)('re2js')) as typeof import('re2js');
    engine = m.RE2JS;
  }
  return engine;
}

function compile(source: string): SpecPattern {
  let unicode = true;
  try {
    new RegExp(source, 'u');
  } catch {
    try {
      new RegExp(source);
      unicode = false; // without the `u` flag, as many JSON Schema validators (and Ajv's option) accept
    } catch (e) {
      return { kind: 'invalid', reason: (e as Error).message };
    }
  }
  const t = translate(source, unicode);
  if (typeof t === 'string') return { kind: 'unsupported', reason: t };
  const RE2JS = re2();
  try {
    const re = RE2JS.compile(t.re2, t.lookbehind ? RE2JS.LOOKBEHINDS : 0);
    // Without `u`, RegExp reads an astral character as two halves that `.`, `[^…]`, `\S` or a range can
    // each match alone; RE2 reads code points. Where the pattern has such a piece (found by a cautious
    // look at its text) and the text an astral character, the two may disagree: no verdict.
    const halves = !unicode && MATCHES_A_HALF.test(source);
    const test = halves ? (text: string) => (ASTRAL.test(text) ? undefined : re.test(text)) : (text: string) => re.test(text);
    return { kind: 'ok', test, size: re.programSize() };
  } catch (e) {
    return { kind: 'unsupported', reason: (e as Error).message.replace(/^error parsing regexp: /, '') };
  }
}

// ECMA-262's WhiteSpace and LineTerminator code points (`\s`), and their complement (`\S`), as class ranges.
const WS = '\\x{9}-\\x{D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
const NOT_WS =
  '\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{FEFE}\\x{FF00}-\\x{10FFFF}';
const CONTROL: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
const QUANTIFIER = /\{\d+(?:,\d*)?\}/y;
/** Unicode property names are RE2's when the value is a script or a short general category. */
const PROPERTY_PREFIX = /^(?:General_Category|gc|Script|sc)=/;

/** One escape or character: a code point, or a set given as class contents and as a pattern of its own. */
type Atom = { cp: number } | { set: string; alone: string };
const set = (body: string, alone = `[${body}]`): Atom => ({ set: body, alone });

/**
 * ECMA-262 pattern (already accepted by RegExp) → RE2 pattern with the same matches, or why there is
 * none. Literals are written as `\x{…}`, so nothing that RE2 reads differently (`[[:alpha:]]`, `[]a]`)
 * survives. Without `u`, astral characters count as one character here (RegExp sees two halves).
 */
function translate(src: string, unicode: boolean): { re2: string; lookbehind: boolean } | string {
  let i = 0;
  let out = '';
  let lookbehind = false;
  const hex = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;
  const namedGroups = /\(\?<[^=!]/.test(src);

  // Without `u`, an astral character is two characters to RegExp: in a class either half matches, and a
  // quantifier after it repeats only the second. RE2 cannot match halves, so those are refused.
  const literal = (inClass: boolean): Atom | string => {
    const cp = src.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (!unicode && cp > 0xffff && (inClass || /^[*+?{]/.test(src.slice(i))))
      return 'an astral character in a class or before a quantifier, without the u flag, means its halves';
    return { cp };
  };

  // The escape after a backslash; a string is the reason it cannot be translated.
  const escape = (inClass: boolean): Atom | string => {
    const c = src[i++];
    const next = src[i] ?? '';
    if (c === 'd' || c === 'D' || c === 'w' || c === 'W') return set(`\\${c}`, `\\${c}`);
    if (c === 's') return set(WS);
    if (c === 'S') return set(NOT_WS);
    if (Object.hasOwn(CONTROL, c)) return { cp: CONTROL[c] };
    if (c === 'b' || c === 'B') return inClass ? { cp: c === 'b' ? 8 : 66 } : set('', `\\${c}`); // word boundaries are ASCII in both
    if (c === '0' && !/[0-9]/.test(next)) return { cp: 0 };
    if (/[0-9]/.test(c)) return inClass || c === '0' ? 'legacy octal escapes are not supported' : 'backreferences need backtracking';
    if (c === 'k' && (unicode || namedGroups)) return 'backreferences need backtracking';
    if (c === 'c') return /[A-Za-z]/.test(next) ? { cp: src.charCodeAt(i++) % 32 } : 'a `\\c` without a letter is not supported';
    if (c === 'x' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i, i + 2))) return { cp: parseInt(src.slice(i, (i += 2)), 16) };
    if (c === 'u' && unicode && next === '{') {
      const end = src.indexOf('}', i);
      const cp = parseInt(src.slice(i + 1, end), 16);
      i = end + 1;
      return { cp };
    }
    if (c === 'u' && /^[0-9A-Fa-f]{4}$/.test(src.slice(i, i + 4))) {
      let cp = parseInt(src.slice(i, (i += 4)), 16);
      const low = /^\\u([Dd][C-Fc-f][0-9A-Fa-f]{2})$/.exec(src.slice(i, i + 6));
      if (unicode && cp >= 0xd800 && cp <= 0xdbff && low) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1], 16) - 0xdc00);
        i += 6;
      }
      return cp >= 0xd800 && cp <= 0xdfff ? 'lone surrogates are not supported' : { cp };
    }
    if ((c === 'p' || c === 'P') && unicode) {
      const end = src.indexOf('}', i);
      const name = src.slice(i + 1, end).replace(PROPERTY_PREFIX, '');
      i = end + 1;
      return set(`\\${c}{${name}}`, `\\${c}{${name}}`);
    }
    i--;
    return literal(inClass); // an identity escape: `\.`, `\/`, and without `u` also `\q`
  };

  const atom = (inClass: boolean): Atom | string => (src[i] === '\\' ? (i++, escape(inClass)) : literal(inClass));

  // After `[`: the class, in RE2 syntax.
  const cls = (): { text: string } | string => {
    const negated = src[i] === '^';
    if (negated) i++;
    if (src[i] === ']') {
      i++;
      return { text: negated ? '[\\x{0}-\\x{10FFFF}]' : '[^\\x{0}-\\x{10FFFF}]' }; // `[^]` is any character, `[]` none
    }
    let body = '';
    while (src[i] !== ']') {
      const a = atom(true);
      if (typeof a === 'string') return a;
      if ('cp' in a && src[i] === '-' && src[i + 1] !== ']') {
        i++;
        const b = atom(true);
        if (typeof b === 'string') return b;
        body += 'cp' in b ? `${hex(a.cp)}-${hex(b.cp)}` : `${hex(a.cp)}\\x{2D}${b.set}`; // without `u`, `[a-\d]` is `a`, `-` or a digit
      } else body += 'cp' in a ? hex(a.cp) : a.set;
    }
    i++;
    return { text: `[${negated ? '^' : ''}${body}]` };
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '[') {
      i++;
      const r = cls();
      if (typeof r === 'string') return r;
      out += r.text;
    } else if (c === '.') {
      i++;
      out += '[^\\x{A}\\x{D}\\x{2028}\\x{2029}]';
    } else if (c === '(' && src[i + 1] === '?') {
      const kind = src.slice(i + 2, i + 4);
      if (kind[0] === '=' || kind[0] === '!') return 'lookahead needs backtracking';
      if (kind === '<=' || kind === '<!') {
        lookbehind = true;
        out += `(?${kind}`;
        i += 4;
      } else if (kind[0] === '<') {
        const end = src.indexOf('>', i) + 1;
        out += `(?P${src.slice(i + 2, end)}`;
        i = end;
      } else if (kind[0] === ':') {
        out += '(?:';
        i += 3;
      } else return 'modifier groups `(?i:` are not supported';
    } else if (c === '{' && ((QUANTIFIER.lastIndex = i), QUANTIFIER.test(src))) {
      out += src.slice(i, QUANTIFIER.lastIndex); // without `u`, a `{` that starts no quantifier is a literal
      i = QUANTIFIER.lastIndex;
    } else if ('^$|*+?()'.includes(c)) {
      out += c;
      i++;
    } else {
      const a = atom(false);
      if (typeof a === 'string') return a;
      out += 'cp' in a ? hex(a.cp) : a.alone;
    }
  }
  return { re2: out, lookbehind };
}
