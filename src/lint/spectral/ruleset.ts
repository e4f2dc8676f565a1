// Reading a Spectral ruleset (`.spectral.yaml`, `.spectral.yml`, `.spectral.json`) as a lint config: its
// `extends` of Spectral's own rulesets picks our built-in ruleset, Spectral rule names set our rules with
// that equivalent, and custom rules (`given` + `then`) run as they do in Spectral (src/lint/spectral/run.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RuleSeverity, RulesetName } from '../types.js';
import { checkOptions, coreFunctions } from './functions.js';

export const SPECTRAL_NAMES = ['.spectral.yaml', '.spectral.yml', '.spectral.json'];

/** Whether a ruleset file is Spectral's, by its name (`.spectral.yaml`, `api.spectral.yml`, ...). */
export function isSpectralFile(file: string): boolean {
  return /(^|[./-])spectral\.(ya?ml|json)$/.test(path.basename(file));
}

export const FORMATS = ['oas2', 'oas3', 'oas3_0', 'oas3_1', 'asyncapi2', 'asyncapi3'];

export interface Then {
  field?: string;
  function: string;
  functionOptions?: unknown;
}

export interface CustomRule {
  name: string;
  given: string[];
  then: Then[];
  severity: RuleSeverity;
  message?: string;
  description?: string;
  formats?: string[];
  resolved: boolean;
}

export interface SpectralRules {
  rules: CustomRule[];
  /** Custom function name → its module file. */
  functions: Map<string, string>;
}

type Fail = (p: (string | number)[], message: string, atKey?: boolean) => never;

/** What a Spectral ruleset says, in the terms of a specgate config. */
export interface ReadRuleset {
  ruleset: RulesetName;
  /** Built-in (our or Spectral-named) rules to set: name → severity; `*` is every design rule. */
  severities: Map<string, RuleSeverity>;
  spectral: SpectralRules;
  overrides: { files: (rel: string) => boolean; pointers?: (p: string) => boolean; dir: string; severities: Map<string, RuleSeverity> }[];
  /** Files named in `extends` (other Spectral rulesets), to be read and merged under this one. */
  extendsFiles: { file: string; at: (string | number)[] }[];
}

const SEVERITY: Record<string, RuleSeverity> = { error: 'error', warn: 'warning', warning: 'warning', info: 'info', information: 'info', hint: 'hint', off: 'off', '0': 'error', '1': 'warning', '2': 'info', '3': 'hint', '-1': 'off', true: 'warning', false: 'off' };
const TOP = ['extends', 'rules', 'overrides', 'functions', 'functionsDir', 'formats', 'aliases', 'documentationUrl', 'description', 'parserOptions'];
const RULE_KEYS = ['given', 'then', 'severity', 'message', 'description', 'formats', 'resolved', 'recommended', 'documentationUrl', 'type', 'tags', 'extensions'];

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function severityOf(v: unknown, at: (string | number)[], fail: Fail): RuleSeverity {
  const s = SEVERITY[String(v)];
  if (s === undefined || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) fail(at, `invalid severity \`${String(v)}\`; Spectral rulesets use \`error\`, \`warn\`, \`info\`, \`hint\`, \`off\` or 0-3`);
  return s;
}

export function readSpectralRuleset(doc: Record<string, unknown>, dir: string, fail: Fail): ReadRuleset {
  for (const k of Object.keys(doc)) if (!TOP.includes(k)) fail([k], `unknown key \`${k}\` in a Spectral ruleset; it has ${TOP.slice(0, 6).map((x) => `\`${x}\``).join(', ')}`, true);
  const out: ReadRuleset = { ruleset: 'recommended', severities: new Map(), spectral: { rules: [], functions: new Map() }, overrides: [], extendsFiles: [] };

  // `extends: spectral:oas`, `[spectral:oas, spectral:asyncapi]`, `[[spectral:oas, all]]`, `./other.spectral.yaml`.
  const ext = doc.extends;
  if (ext !== undefined) {
    const list = Array.isArray(ext) ? ext : [ext];
    // `[spectral:oas, off]` at the top is one entry with its mode, not two rulesets.
    const entries = Array.isArray(ext) && ext.length === 2 && typeof ext[1] === 'string' && ['all', 'recommended', 'off'].includes(ext[1]) ? [ext] : list;
    entries.forEach((e, i) => {
      const at = entries === list ? (Array.isArray(ext) ? ['extends', i] : ['extends']) : ['extends'];
      const [name, mode] = Array.isArray(e) ? [e[0], e[1] ?? 'recommended'] : [e, 'recommended'];
      if (typeof name !== 'string' || !['all', 'recommended', 'off'].includes(String(mode))) fail(at, '`extends` names a ruleset (`spectral:oas`, `spectral:asyncapi` or a file), optionally as `[name, all|recommended|off]`');
      if (name === 'spectral:oas' || name === 'spectral:asyncapi') {
        if (mode === 'off') out.severities.set('*', 'off');
        else {
          out.severities.delete('*');
          out.ruleset = mode === 'all' ? 'strict' : 'recommended';
        }
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) fail(at, `\`extends\`: \`${name}\` is a URL; remote rulesets are not fetched (copy it into the repository and extend the copy)`);
      else if (name.startsWith('spectral:')) fail(at, `unknown Spectral ruleset \`${name}\`; use \`spectral:oas\` or \`spectral:asyncapi\``);
      else out.extendsFiles.push({ file: path.resolve(dir, name), at });
    });
  }

  const formatsOf = (v: unknown, at: (string | number)[]): string[] => {
    if (!Array.isArray(v) || v.some((f) => !FORMATS.includes(f))) fail(at, `\`formats\` is a list of ${FORMATS.map((f) => `\`${f}\``).join(', ')}`);
    return v as string[];
  };
  const topFormats = doc.formats === undefined ? undefined : formatsOf(doc.formats, ['formats']);

  // Custom functions: `functions: [name]`, each `<functionsDir>/<name>.js` (functionsDir defaults to `functions`).
  if (doc.functions !== undefined) {
    if (!Array.isArray(doc.functions) || doc.functions.some((f) => typeof f !== 'string')) fail(['functions'], '`functions` is a list of function names, each a file `<functionsDir>/<name>.js`');
    if (doc.functionsDir !== undefined && typeof doc.functionsDir !== 'string') fail(['functionsDir'], '`functionsDir` is a folder, relative to the ruleset');
    const fdir = path.resolve(dir, (doc.functionsDir as string | undefined) ?? 'functions');
    (doc.functions as string[]).forEach((f, i) => {
      const file = path.join(fdir, /\.[cm]?js$/.test(f) ? f : `${f}.js`);
      if (!existsSync(file)) fail(['functions', i], `function \`${f}\`: no file ${path.relative(process.cwd(), file) || file}`);
      out.spectral.functions.set(f, file);
    });
  }

  const aliases = new Map<string, string[]>();
  if (doc.aliases !== undefined) {
    if (!isObj(doc.aliases)) fail(['aliases'], '`aliases` maps names to JSONPath expressions');
    for (const [k, v] of Object.entries(doc.aliases)) {
      const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : isObj(v) && Array.isArray(v.targets) ? v.targets.flatMap((t: any) => t?.given ?? []) : undefined;
      if (!list || list.some((x: unknown) => typeof x !== 'string')) fail(['aliases', k], `alias \`${k}\` is a JSONPath expression or a list of them`);
      aliases.set(k, list as string[]);
    }
  }
  const expandGiven = (g: string, at: (string | number)[], depth = 0): string[] => {
    if (!g.startsWith('#')) return [g];
    const m = /^#([A-Za-z0-9_-]+)(.*)$/.exec(g);
    const target = m && aliases.get(m[1]);
    if (!m || !target || depth > 10) fail(at, `\`given\` \`${g}\` names an alias that the ruleset does not define`);
    return target.flatMap((t) => expandGiven(t + m[2], at, depth + 1));
  };

  const rules = doc.rules;
  if (rules !== undefined && rules !== null) {
    if (!isObj(rules)) fail(['rules'], '`rules` maps rule names to a severity or to a rule definition `{ given, then, ... }`');
    for (const [name, v] of Object.entries(rules)) {
      const at = ['rules', name];
      if (isObj(v) && (v.given !== undefined || v.then !== undefined)) {
        out.spectral.rules.push(readRule(name, v, at, fail, { topFormats, formatsOf, expandGiven, functions: out.spectral.functions }));
      } else if (isObj(v)) {
        if (v.severity === undefined) fail(at, `rule \`${name}\` needs \`given\` and \`then\`, or a severity`);
        out.severities.set(name, severityOf(v.severity, [...at, 'severity'], fail));
      } else out.severities.set(name, severityOf(v, at, fail));
    }
  }

  if (doc.overrides !== undefined) {
    if (!Array.isArray(doc.overrides)) fail(['overrides'], '`overrides` is a list of `{ files, rules }`');
    doc.overrides.forEach((o, i) => {
      const at = ['overrides', i];
      if (!isObj(o) || !Array.isArray(o.files) || o.files.length === 0 || o.files.some((f) => typeof f !== 'string')) fail(at, 'an override has `files` (a list of globs, relative to the ruleset, optionally with `#/json/pointer`) and `rules`');
      if (!isObj(o.rules)) fail([...at, 'rules'], "an override's `rules` maps rule names to a severity");
      const severities = new Map<string, RuleSeverity>();
      for (const [name, s] of Object.entries(o.rules)) severities.set(name, severityOf(isObj(s) ? s.severity : s, [...at, 'rules', name], fail));
      for (const f of o.files as string[]) {
        const [glob, fragment] = f.includes('#') ? [f.slice(0, f.indexOf('#')), f.slice(f.indexOf('#') + 1)] : [f, undefined];
        const pointer = fragment === undefined ? undefined : fragment.replace(/^\/?/, '/').replace(/\/$/, '');
        const match = picomatch(glob, { dot: true });
        out.overrides.push({
          files: match,
          pointers: pointer === undefined || pointer === '/' ? undefined : (p: string) => p === pointer || p.startsWith(`${pointer}/`),
          dir,
          severities,
        });
      }
    });
  }
  return out;
}

function readRule(
  name: string,
  v: Record<string, unknown>,
  at: (string | number)[],
  fail: Fail,
  ctx: { topFormats?: string[]; formatsOf: (v: unknown, at: (string | number)[]) => string[]; expandGiven: (g: string, at: (string | number)[]) => string[]; functions: Map<string, string> },
): CustomRule {
  for (const k of Object.keys(v)) if (!RULE_KEYS.includes(k)) fail([...at, k], `unknown key \`${k}\` in rule \`${name}\`; a rule has \`given\`, \`then\`, \`severity\`, \`message\`, \`description\`, \`formats\`, \`resolved\``, true);
  const givenList = typeof v.given === 'string' ? [v.given] : v.given;
  if (!Array.isArray(givenList) || givenList.length === 0 || givenList.some((g) => typeof g !== 'string')) fail([...at, 'given'], `rule \`${name}\`: \`given\` is a JSONPath expression (\`$.paths[*]\`) or a list of them`);
  const given = (givenList as string[]).flatMap((g, i) => ctx.expandGiven(g, [...at, 'given', ...(Array.isArray(v.given) ? [i] : [])]));
  for (const g of given) if (!g.startsWith('$')) fail([...at, 'given'], `rule \`${name}\`: \`given\` \`${g}\` is not a JSONPath expression; it starts with \`$\``);
  const thenList = Array.isArray(v.then) ? v.then : [v.then];
  const then = thenList.map((t, i): Then => {
    const tat = Array.isArray(v.then) ? [...at, 'then', i] : [...at, 'then'];
    if (!isObj(t)) fail(tat, `rule \`${name}\`: \`then\` is \`{ field, function, functionOptions }\` or a list of them`);
    for (const k of Object.keys(t)) if (!['field', 'function', 'functionOptions'].includes(k)) fail([...tat, k], `unknown key \`${k}\` in \`then\` of rule \`${name}\`; use \`field\`, \`function\`, \`functionOptions\``, true);
    if (t.field !== undefined && typeof t.field !== 'string') fail([...tat, 'field'], '`field` is a property name, a dotted path, `@key` or a JSONPath expression');
    const fn = t.function;
    if (typeof fn !== 'string' || !(fn in coreFunctions || ctx.functions.has(fn))) {
      fail([...tat, 'function'], `rule \`${name}\`: unknown function \`${String(fn)}\`; use a core function (${Object.keys(coreFunctions).join(', ')}) or one listed in \`functions\``);
    }
    if (fn in coreFunctions) {
      const problem = checkOptions(fn, t.functionOptions);
      if (problem) fail([...tat, t.functionOptions === undefined ? 'function' : 'functionOptions'], `rule \`${name}\`: ${problem}`);
    }
    return { field: t.field as string | undefined, function: fn, functionOptions: t.functionOptions };
  });
  if (v.message !== undefined && typeof v.message !== 'string') fail([...at, 'message'], '`message` is a string');
  if (v.resolved !== undefined && typeof v.resolved !== 'boolean') fail([...at, 'resolved'], '`resolved` is true or false');
  return {
    name,
    given,
    then,
    severity: v.severity === undefined ? 'warning' : severityOf(v.severity, [...at, 'severity'], fail),
    message: v.message as string | undefined,
    description: typeof v.description === 'string' ? v.description : undefined,
    formats: v.formats === undefined ? ctx.topFormats : ctx.formatsOf(v.formats, [...at, 'formats']),
    resolved: v.resolved !== false,
  };
}
