import { existsSync } from 'node:fs';
import { decodeText, readRegularFileSync } from '../load/read.js';
import { markedRoot, ReadScope } from '../load/scope.js';
import path from 'node:path';
import { distance as levenshtein } from 'fastest-levenshtein';
import picomatch from 'picomatch';
import { createRequire } from 'node:module';
import { InputError } from '../load/errors.js';
import { STDIN } from '../load/read.js';
import type { Severity } from '../model/diagnostic.js';
import { aliases, lintRuleById, ruleInfos } from './registry.js';
import { RULESETS, type RuleSeverity, type RulesetName } from './types.js';
import { isSpectralFile, readSpectralRuleset, SPECTRAL_NAMES, type CustomRule, type SpectralRules } from './spectral/ruleset.js';

/** Config file names, looked for from each spec's folder upward. */
export const CONFIG_NAMES = ['specgate.config.yaml', 'specgate.config.yml', '.specgaterc.yaml', '.specgaterc.yml'];

export interface RuleSetting {
  severity?: RuleSeverity;
  options: Record<string, unknown>;
}

interface Override {
  files?: (rel: string) => boolean;
  pointers?: (pointer: string) => boolean;
  dir: string;
  rules: Map<string, RuleSetting>;
}

/** A loaded configuration: a built-in ruleset, then rule settings, per-file/per-pointer overrides, ignores. */
export interface LintConfig {
  /** The config file, when there is one. */
  file?: string;
  ruleset: RulesetName;
  rules: Map<string, RuleSetting>;
  overrides: Override[];
  ignore: { dir: string; match: (rel: string) => boolean }[];
  /** Custom rules of a Spectral ruleset (src/lint/spectral/). */
  spectral?: SpectralRules;
}

/** How the rules apply to one spec file. */
export interface FileRules {
  /** Severity of a rule at a node, after config and overrides; `off` drops the finding. */
  severityAt(rule: string, pointer: string, reported: Severity): RuleSeverity;
  /** Whether a lint rule needs to run at all for this file. */
  runs(rule: string): boolean;
  options(rule: string): Record<string, unknown>;
}

export class ConfigError extends InputError {}

/** A config is a few rules; anything this large is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

const SEVERITIES: Record<string, RuleSeverity> = { error: 'error', warning: 'warning', warn: 'warning', info: 'info', hint: 'hint', off: 'off' };
const TOP_KEYS = ['extends', 'ruleset', 'rules', 'overrides', 'ignore'];

/** The built-in ruleset without a config file. */
export function builtinConfig(ruleset: RulesetName = 'recommended'): LintConfig {
  return { ruleset, rules: new Map(), overrides: [], ignore: [] };
}

/** Read and check a config file; every problem is a ConfigError naming file:line:col. */
export function loadConfig(file: string, seen: string[] = []): LintConfig {
  const abs = path.resolve(file);
  const display = path.relative(process.cwd(), abs) || abs;
  if (seen.includes(abs)) throw new ConfigError(`\`extends\` loops back to this file`, display);
  let text: string;
  try {
    text = decodeText(readRegularFileSync(abs, MAX_CONFIG_BYTES), display);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new ConfigError(`cannot read config: ${e.message}`, display);
  }
  return parseConfig(text, display, [...seen, abs]);
}

/** Parse config text (`display` names it in errors and is the base of relative paths and globs). */
export function parseConfig(text: string, display: string, seen: string[] = [path.resolve(display)]): LintConfig {
  const parsed = positioned(text, display);
  const fail: Fail = parsed.fail;
  const where = parsed.where;
  const dir = path.dirname(path.resolve(display));
  const doc = parsed.doc ?? {};
  if (!isObj(doc)) fail([], 'a config is a mapping with `extends`, `rules`, `overrides` and `ignore`');
  const root = doc as Record<string, unknown>;
  if (isSpectralFile(display) || looksSpectral(root)) return fromSpectral(root, display, dir, fail, where, seen);
  for (const k of Object.keys(root)) if (!TOP_KEYS.includes(k)) fail([k], `unknown key \`${k}\`${hint(k, TOP_KEYS)}; a config has ${TOP_KEYS.map((x) => `\`${x}\``).join(', ')}`, true);

  let config = builtinConfig('recommended');
  // `ruleset: .spectral.yaml`: a Spectral ruleset under this config, as an `extends` read first.
  if (root.ruleset !== undefined) {
    if (typeof root.ruleset !== 'string') fail(['ruleset'], '`ruleset` is the path of a Spectral ruleset (`.spectral.yaml`), relative to this file');
    config = loadNested(path.resolve(dir, root.ruleset as string), seen, () => where(['ruleset']));
  }
  const ext = root.extends;
  if (ext !== undefined) {
    const list = Array.isArray(ext) ? ext : [ext];
    list.forEach((e, i) => {
      const p = Array.isArray(ext) ? ['extends', i] : ['extends'];
      if (typeof e !== 'string') fail(p, '`extends` names a built-in ruleset (`minimal`, `recommended`, `strict`) or a config file');
      // path.resolve would read `https://host/x.yaml` as the local path `https:/host/x.yaml`.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(e)) fail(p, `\`extends\`: \`${e}\` is a URL; remote configs are not fetched (copy it into the repository and extend the copy)`);
      const base = (RULESETS as readonly string[]).includes(e as string)
        ? builtinConfig(e as RulesetName)
        : /\.(ya?ml)$/.test(e as string) || isSpectralFile(e as string)
          ? loadNested(path.resolve(dir, e as string), seen, () => where(p))
          : fail(p, `unknown ruleset \`${String(e)}\`${hint(String(e), [...RULESETS])}; use \`minimal\`, \`recommended\`, \`strict\` or a path to a .yaml config`);
      config = i === 0 && root.ruleset === undefined ? base : merge(config, base);
    });
  }
  const own: LintConfig = { file: display, ruleset: config.ruleset, rules: readRules(root.rules, ['rules'], fail), overrides: [], ignore: [] };
  if (root.ignore !== undefined) {
    if (!Array.isArray(root.ignore) || root.ignore.some((g) => typeof g !== 'string')) fail(['ignore'], '`ignore` is a list of glob patterns, relative to the config file');
    if ((root.ignore as string[]).length) own.ignore.push({ dir, match: picomatch(root.ignore as string[], { dot: true }) });
  }
  if (root.overrides !== undefined) {
    if (!Array.isArray(root.overrides)) fail(['overrides'], '`overrides` is a list of `{ files, pointers, rules }`');
    (root.overrides as unknown[]).forEach((o, i) => {
      const p = ['overrides', i];
      if (!isObj(o)) return fail(p, 'an override is a mapping with `files` and/or `pointers`, and `rules`');
      for (const k of Object.keys(o)) if (!['files', 'pointers', 'rules'].includes(k)) fail([...p, k], `unknown key \`${k}\` in an override; use \`files\`, \`pointers\`, \`rules\``, true);
      const globs = (k: 'files' | 'pointers') => {
        const v = o[k];
        if (v === undefined) return undefined;
        const list = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(list) || list.length === 0 || list.some((g) => typeof g !== 'string')) fail([...p, k], `\`${k}\` is a glob pattern or a list of them`);
        return picomatch(list as string[], { dot: true });
      };
      const files = globs('files');
      const pm = globs('pointers');
      if (!files && !pm) fail(p, 'an override needs `files` or `pointers` to say where it applies');
      if (o.rules === undefined) fail(p, 'an override needs `rules`');
      const pointers = pm && ((ptr: string) => {
        for (let q = ptr; ; q = q.slice(0, q.lastIndexOf('/'))) {
          if (pm(q)) return true;
          if (q === '') return false;
        }
      });
      own.overrides.push({ files, pointers, dir, rules: readRules(o.rules, [...p, 'rules'], fail) });
    });
  }
  return merge(config, own);
}

function loadNested(file: string, seen: string[], where: () => [number, number]): LintConfig {
  // A config comes with the pull request like the specs: `extends` stays inside the top config's
  // repository (its nearest `.git`, else its folder), as `$ref`s stay inside the project.
  const top = path.dirname(seen[0]);
  const scope = new ReadScope([markedRoot(top, ['.git']) ?? top]);
  const outside = scope.outside(file);
  if (outside !== undefined) {
    const [line, col] = where();
    throw new ConfigError(`\`extends\`: ${outside} is outside the project (${scope.describe()}); not read`, path.relative(process.cwd(), seen[seen.length - 1]), line, col);
  }
  try {
    return loadConfig(file, seen);
  } catch (e) {
    if (e instanceof ConfigError && e.message.startsWith('cannot read config')) {
      const [line, col] = where();
      throw new ConfigError(`\`extends\`: ${e.message} (${e.file})`, seen[seen.length - 1] ? path.relative(process.cwd(), seen[seen.length - 1]) : undefined, line, col);
    }
    throw e;
  }
}

/** `b` on top of `a`. */
function merge(a: LintConfig, b: LintConfig): LintConfig {
  const rules = new Map(a.rules);
  for (const [id, s] of b.rules) {
    const prev = rules.get(id);
    rules.set(id, { severity: s.severity ?? prev?.severity, options: { ...prev?.options, ...s.options } });
  }
  const spectral = a.spectral && b.spectral ? mergeSpectral(a.spectral, b.spectral) : (b.spectral ?? a.spectral);
  return { file: b.file ?? a.file, ruleset: b.ruleset, rules, overrides: [...a.overrides, ...b.overrides], ignore: [...a.ignore, ...b.ignore], ...(spectral ? { spectral } : {}) };
}

function mergeSpectral(a: SpectralRules, b: SpectralRules): SpectralRules {
  const byName = new Map<string, CustomRule>(a.rules.map((r) => [r.name, r]));
  for (const r of b.rules) byName.set(r.name, r);
  return { rules: [...byName.values()], functions: new Map([...a.functions, ...b.functions]) };
}

/** A Spectral ruleset under another name: it extends Spectral's rulesets or has keys only Spectral has. */
function looksSpectral(root: Record<string, unknown>): boolean {
  const ext = root.extends;
  const names = (Array.isArray(ext) ? ext.flat() : [ext]).filter((e) => typeof e === 'string') as string[];
  return names.some((e) => e.startsWith('spectral:')) || ['functions', 'functionsDir', 'aliases', 'formats'].some((k) => k in root);
}

/**
 * A Spectral ruleset as a config. Spectral rule names that specgate has no rule for (and no equivalent
 * of) are skipped: a ruleset written for Spectral still runs, with the rules specgate has.
 */
function fromSpectral(root: Record<string, unknown>, display: string, dir: string, fail: Fail, where: (p: (string | number)[]) => [number, number], seen: string[]): LintConfig {
  const read = readSpectralRuleset(root, dir, fail);
  let config = builtinConfig(read.ruleset);
  for (const e of read.extendsFiles) config = merge(config, loadNested(e.file, seen, () => where(e.at)));
  const known = new Map(ruleInfos().map((r) => [r.id, r]));
  const alias = aliases();
  const custom = new Set([...(config.spectral?.rules ?? []), ...read.spectral.rules].map((r) => r.name));
  const idOf = (name: string) => (custom.has(name) ? name : known.has(name) ? name : alias.get(name));
  const toRules = (severities: Map<string, RuleSeverity>) => {
    const out = new Map<string, RuleSetting>();
    for (const [name, severity] of severities) {
      if (name === '*') for (const r of known.values()) r.source === 'lint' && out.set(r.id, { severity, options: {} });
      const id = idOf(name);
      if (id) out.set(id, { severity, options: {} });
    }
    return out;
  };
  const rules = toRules(read.severities);
  for (const r of read.spectral.rules) if (!read.severities.has(r.name)) rules.set(r.name, { severity: r.severity, options: {} });
  const own: LintConfig = {
    file: display,
    ruleset: read.ruleset,
    rules,
    overrides: read.overrides.map((o) => ({ files: o.files, pointers: o.pointers, dir: o.dir, rules: toRules(o.severities) })),
    ignore: [],
    spectral: read.spectral,
  };
  return merge(config, own);
}

type Fail = (p: (string | number)[], message: string, atKey?: boolean) => never;

function readRules(value: unknown, p: (string | number)[], fail: Fail): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  if (value === undefined || value === null) return out;
  if (!isObj(value)) fail(p, '`rules` maps rule ids to a severity (`error`, `warning`, `info`, `off`) or to `{ severity, ...options }`');
  const known = new Map(ruleInfos().map((r) => [r.id, r]));
  const alias = aliases();
  for (const [name, v] of Object.entries(value)) {
    const id = known.has(name) ? name : alias.get(name);
    if (!id) fail([...p, name], `unknown rule \`${name}\`${hint(name, [...known.keys()])}; \`specgate rules\` lists them`, true);
    const setting: RuleSetting = { options: {} };
    const sev = (x: unknown, at: (string | number)[]) => {
      const s = typeof x === 'string' ? SEVERITIES[x] : undefined;
      if (!s) fail(at, `invalid severity \`${String(x)}\` for rule \`${name}\`; use \`error\`, \`warning\`, \`info\`, \`hint\` or \`off\``);
      return s;
    };
    if (Array.isArray(v)) {
      // Spectral and ESLint write `[severity, options]`; ours is a severity or a mapping, so say which to write.
      const fix = typeof v[0] === 'string' && SEVERITIES[v[0]] ? `: write \`${name}: ${v[0]}\`${v.length > 1 ? ' and put options in a mapping' : ''}` : '';
      fail([...p, name], `rule \`${name}\` is set to a list; a rule takes a severity (\`error\`, \`warning\`, \`info\`, \`hint\`, \`off\`) or a mapping \`{ severity, ...options }\`${fix}`);
    }
    if (isObj(v)) {
      const rule = lintRuleById(id);
      for (const [k, o] of Object.entries(v)) {
        if (k === 'severity') setting.severity = sev(o, [...p, name, k]);
        else if (!rule?.options?.[k]) {
          const opts = Object.keys(rule?.options ?? {});
          fail([...p, name, k], `rule \`${id}\` has no option \`${k}\`${opts.length ? `; its options: ${opts.map((x) => `\`${x}\``).join(', ')}` : ''}`, true);
        } else {
          const problem = rule.options[k].check(o);
          if (problem) fail([...p, name, k], `option \`${k}\` of rule \`${id}\` ${problem}`);
          setting.options[k] = o;
        }
      }
    } else setting.severity = sev(v, [...p, name]);
    out.set(id, setting);
  }
  return out;
}

/** The rules of one spec file under a config. */
export function rulesForFile(config: LintConfig, specFile: string): FileRules {
  const abs = specFile === STDIN ? path.resolve('stdin') : path.resolve(specFile);
  const infos = new Map(ruleInfos().map((r) => [r.id, r]));
  // Overrides for this file, in the order written: a later one wins over an earlier one.
  const applicable = config.overrides.filter((o) => !o.files || o.files(toPosix(path.relative(o.dir, abs))));
  const base = (rule: string): RuleSeverity | undefined => {
    const info = infos.get(rule);
    return config.rules.get(rule)?.severity ?? (info && info.source !== 'validate' ? info.severity[config.ruleset] : undefined);
  };
  return {
    severityAt(rule, pointer, reported) {
      let s = base(rule) ?? reported;
      for (const o of applicable) {
        const x = o.rules.get(rule)?.severity;
        if (x !== undefined && (!o.pointers || o.pointers(pointer))) s = x;
      }
      return s;
    },
    runs(rule) {
      let s = base(rule);
      let somewhere = false;
      for (const o of applicable) {
        const x = o.rules.get(rule)?.severity;
        if (x === undefined) continue;
        if (!o.pointers) s = x;
        else if (x !== 'off') somewhere = true;
      }
      return somewhere || (s !== undefined && s !== 'off');
    },
    options(rule) {
      const defaults = Object.fromEntries(Object.entries(lintRuleById(rule)?.options ?? {}).map(([k, o]) => [k, o.default]));
      const out = { ...defaults, ...config.rules.get(rule)?.options };
      for (const o of applicable) Object.assign(out, o.rules.get(rule)?.options);
      return out;
    },
  };
}

export function isIgnored(config: LintConfig, specFile: string): boolean {
  if (specFile === STDIN) return false;
  const abs = path.resolve(specFile);
  return config.ignore.some((i) => i.match(toPosix(path.relative(i.dir, abs))));
}

/** Finds the config of each spec, upward from its folder; one lookup per folder. */
export class ConfigFinder {
  private byDir = new Map<string, string | null>();
  private loaded = new Map<string, LintConfig>();

  /** Path of the config that applies to a spec, or undefined for the built-in default. */
  find(specFile: string): string | undefined {
    const start = specFile === STDIN ? process.cwd() : path.dirname(path.resolve(specFile));
    const visited: string[] = [];
    let dir = start;
    let found: string | null = null;
    for (;;) {
      const known = this.byDir.get(dir);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(dir);
      const hit = [...CONFIG_NAMES, ...SPECTRAL_NAMES].map((n) => path.join(dir, n)).find((f) => existsSync(f));
      if (hit) {
        found = hit;
        break;
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    // A Spectral ruleset in the working directory applies to specs outside it too, as in Spectral.
    found ??= SPECTRAL_NAMES.map((n) => path.join(process.cwd(), n)).find((f) => existsSync(f)) ?? null;
    for (const d of visited) this.byDir.set(d, found);
    return found ?? undefined;
  }

  load(file: string): LintConfig {
    let c = this.loaded.get(file);
    if (!c) this.loaded.set(file, (c = loadConfig(file)));
    return c;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** ` (did you mean `x`?)` when one candidate is close to `name`, else nothing. */
export function hint(name: string, candidates: string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) (bestD = d), (best = c);
  }
  return best && bestD <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean \`${best}\`?)` : '';
}

function distance(a: string, b: string): number {
  return levenshtein(a, b);
}

/** `yaml` (exact positions for config errors) is loaded only when a config file exists: most runs have none. */
let yamlLib: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  return (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}

/** YAML parsed with positions, for errors that point at the offending key or value. */
function positioned(text: string, display: string) {
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length) {
    const e = document.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    throw new ConfigError(`invalid YAML: ${e.message.split('\n')[0]}`, display, pos.line, pos.col);
  }
  const where = (p: (string | number)[], atKey = false): [number, number] => {
    let node: unknown = document.contents;
    let keyNode: unknown;
    for (const seg of p) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(seg));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        keyNode = undefined;
        node = node.items[seg];
      } else break;
    }
    const target = (atKey && keyNode) || node || keyNode;
    const range = (target as { range?: [number, number, number] } | undefined)?.range;
    const pos = lineCounter.linePos(range ? range[0] : 0);
    return [pos.line, pos.col];
  };
  const fail: Fail = (p, message, atKey = false) => {
    const [line, col] = where(p, atKey);
    throw new ConfigError(message, display, line, col);
  };
  return { doc: document.toJS() as unknown, where, fail };
}
