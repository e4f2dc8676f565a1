// Differential run of the diff against brute force (test/diff/differential.test.ts asserts it;
// scripts/conformance-diff.mjs writes its table into docs/conformance-diff.md), on real schemas: component schemas of GitHub's
// description and payload schemas of the AsyncAPI real-world documents in ../shared/corpus, each mutated
// once per keyword at a seeded spot. Instances come from json-schema-faker (valid under the old or the new
// schema) and from generic edits of those instances (a value nulled, emptied, lengthened, made negative, a
// key removed or added); ajv decides validity. An instance valid under the old schema and invalid under the
// new proves a break of accepted data; valid under the new and invalid under the old, of emitted data.
//
// The default mode trusts an open model not to carry properties it does not list (docs/diff.md, `--mode`),
// so a new optional property under it passes as "none" there; `--mode full` takes the model at its word.
// A proven break counts as a policy difference when `full` reports it and the default does not.
//
// A proven break the diff passes as "none" fails the test. A break the diff reports without a proof is
// counted, not failed: the sampler may just not have found the instance (tightened bounds on strings it
// writes short), or the diff over-reports. docs/conformance-diff.md gives the numbers and the reasons.
import Ajv from 'ajv';
import { generateSync } from 'json-schema-faker';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { seeded } from '../hostile.js';
import { bothWays, diffTexts } from './helpers.js';

export const CORPUS = path.resolve(process.cwd(), '..', 'shared', 'corpus');
export const GITHUB = path.join(CORPUS, 'openapi/large/github-api.github.com-octokit-openapi-22.0.0.json');
export const REAL_WORLD = path.join(CORPUS, 'asyncapi/real-world');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords kept from corpus schemas: what JSON Schema validates (annotations and vendor keys dropped). */
const KEEP = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'allOf', 'anyOf', 'oneOf', 'minProperties', 'maxProperties', 'multipleOf']);

/**
 * A corpus schema as a self-contained draft-07 schema: local `$ref`s inlined, OpenAPI 3.0 `nullable` as a
 * `null` type, annotations dropped. Undefined for recursive, remote-referencing or oversized schemas.
 */
function standalone(root: Obj, schema: Json, seen: string[] = []): Json | undefined {
  if (!isObj(schema)) return typeof schema === 'boolean' ? schema : undefined;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (!ref.startsWith('#/') || seen.includes(ref) || seen.length > 6) return undefined;
    let target: Json = root;
    for (const part of ref.slice(2).split('/')) target = isObj(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : null;
    return target === null || target === undefined ? undefined : standalone(root, target, [...seen, ref]);
  }
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!KEEP.has(k)) continue;
    if (k === 'properties') {
      if (!isObj(v)) return undefined;
      const props: Obj = {};
      for (const [name, p] of Object.entries(v)) {
        const s = standalone(root, p, seen);
        if (s === undefined) return undefined;
        props[name] = s;
      }
      out.properties = props;
    } else if (k === 'items' || k === 'additionalProperties') {
      const s = standalone(root, v, seen);
      if (s === undefined) return undefined;
      out[k] = s;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      if (!Array.isArray(v)) return undefined;
      const branches = v.map((b) => standalone(root, b, seen));
      if (branches.some((b) => b === undefined)) return undefined;
      out[k] = branches as Json[];
    } else out[k] = v;
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** The corpus schemas, in a fixed order: objects with at least two properties, at most 2 KB written out. */
function corpusSchemas(): { name: string; schema: Obj }[] {
  const out: { name: string; schema: Obj }[] = [];
  const take = (name: string, root: Obj, s: Json) => {
    const flat = standalone(root, s);
    if (!isObj(flat) || !isObj(flat.properties) || Object.keys(flat.properties).length < 2) return;
    if (JSON.stringify(flat).length > 2000) return;
    out.push({ name, schema: flat });
  };
  const gh = JSON.parse(readFileSync(GITHUB, 'utf8')) as Obj;
  const schemas = ((gh.components as Obj).schemas ?? {}) as Obj;
  for (const name of Object.keys(schemas).sort()) take(`github ${name}`, gh, schemas[name]);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) {
        if (e !== 'history') walk(p);
      } else if (/\.(ya?ml|json)$/.test(e)) files.push(p);
    }
  };
  walk(REAL_WORLD);
  for (const f of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(f, 'utf8'), { maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!isObj(doc) || !isObj(doc.components) || !isObj(doc.components.schemas)) continue;
    const own = doc.components.schemas;
    for (const name of Object.keys(own).sort()) take(`${path.relative(REAL_WORLD, f)} ${name}`, doc, own[name]);
  }
  return out;
}

/** Every subschema reachable through properties, items and combinators: where a mutation may land. */
function spots(s: Obj, at: string[] = [], out: { at: string[]; node: Obj }[] = []): { at: string[]; node: Obj }[] {
  out.push({ at, node: s });
  if (isObj(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (isObj(v)) spots(v, [...at, 'properties', k], out);
  if (isObj(s.items)) spots(s.items, [...at, 'items'], out);
  for (const c of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[c])) (s[c] as Json[]).forEach((b, i) => isObj(b) && spots(b, [...at, c, String(i)], out));
  return out;
}

const typeOf = (s: Obj) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/**
 * One mutation per keyword: changes the node in place (a deep copy of the schema) or says it does not
 * apply there. Each names the keyword family it exercises.
 */
const MUTATIONS: Record<string, (n: Obj, r: () => number) => boolean> = {
  'type widened': (n) => (typeOf(n) === 'integer' ? ((n.type = 'number'), true) : typeOf(n) === 'string' ? ((n.type = ['string', 'number']), true) : false),
  'type narrowed': (n) => (typeOf(n) === 'number' ? ((n.type = 'integer'), true) : Array.isArray(n.type) && n.type.length > 1 ? ((n.type = n.type.filter((t) => t !== 'null')), n.type.length === 1 && (n.type = n.type[0]), true) : false),
  'type changed': (n) => (typeOf(n) === 'string' ? ((n.type = 'integer'), delete n.format, delete n.pattern, delete n.enum, true) : typeOf(n) === 'boolean' ? ((n.type = 'string'), true) : false),
  'nullable added': (n) => (typeof n.type === 'string' && n.type !== 'null' ? ((n.type = [n.type, 'null']), true) : false),
  'required added': (n) => {
    if (!isObj(n.properties)) return false;
    const req = Array.isArray(n.required) ? (n.required as string[]) : [];
    const extra = Object.keys(n.properties).find((k) => !req.includes(k));
    return extra ? ((n.required = [...req, extra]), true) : false;
  },
  'required removed': (n) => (Array.isArray(n.required) && n.required.length ? ((n.required = n.required.slice(1)), n.required.length || delete n.required, true) : false),
  'property removed': (n) => {
    if (!isObj(n.properties)) return false;
    const k = Object.keys(n.properties).find((p) => !(Array.isArray(n.required) && n.required.includes(p)));
    return k ? (delete n.properties[k], true) : false;
  },
  'property added': (n) => (isObj(n.properties) ? ((n.properties.zz_added = { type: 'string', maxLength: 3 }), true) : false),
  'additionalProperties closed': (n) => (isObj(n.properties) && n.additionalProperties === undefined ? ((n.additionalProperties = false), true) : false),
  'additionalProperties opened': (n) => (n.additionalProperties === false ? (delete n.additionalProperties, true) : false),
  'enum value added': (n) => (Array.isArray(n.enum) ? ((n.enum = [...n.enum, typeOf(n) === 'integer' || typeOf(n) === 'number' ? 987654 : 'zz-new']), true) : false),
  'enum value removed': (n) => (Array.isArray(n.enum) && n.enum.length > 1 ? ((n.enum = n.enum.slice(0, -1)), true) : false),
  'enum added': (n) => (typeOf(n) === 'string' && n.enum === undefined && n.format === undefined && n.pattern === undefined ? ((n.enum = ['a', 'b']), true) : false),
  'maxLength tightened': (n) => (typeOf(n) === 'string' && n.enum === undefined ? ((n.maxLength = typeof n.maxLength === 'number' ? Math.floor(n.maxLength / 2) : 4), true) : false),
  'minLength raised': (n) => (typeOf(n) === 'string' && n.enum === undefined ? ((n.minLength = (typeof n.minLength === 'number' ? n.minLength : 0) + 3), true) : false),
  'maxLength relaxed': (n) => (typeof n.maxLength === 'number' ? (delete n.maxLength, true) : false),
  'maximum lowered': (n) => (typeOf(n) === 'integer' || typeOf(n) === 'number' ? ((n.maximum = typeof n.maximum === 'number' ? n.maximum - 1 : 10), true) : false),
  'minimum raised': (n) => (typeOf(n) === 'integer' || typeOf(n) === 'number' ? ((n.minimum = typeof n.minimum === 'number' ? n.minimum + 1 : 0), true) : false),
  'minimum removed': (n) => (typeof n.minimum === 'number' ? (delete n.minimum, true) : false),
  'pattern added': (n) => (typeOf(n) === 'string' && n.pattern === undefined && n.enum === undefined && n.format === undefined ? ((n.pattern = '^[a-z]*$'), true) : false),
  'items type changed': (n) => (isObj(n.items) && typeOf(n.items) === 'string' ? ((n.items = { type: 'integer' }), true) : isObj(n.items) && typeOf(n.items) === 'integer' ? ((n.items = { type: 'string' }), true) : false),
  'maxItems added': (n) => (typeOf(n) === 'array' && n.maxItems === undefined ? ((n.maxItems = 1), true) : false),
  'minItems added': (n) => (typeOf(n) === 'array' && n.minItems === undefined ? ((n.minItems = 2), true) : false),
  'oneOf wrapped': (n) => (typeOf(n) === 'string' || typeOf(n) === 'integer' ? (Object.assign(n, { oneOf: [{ type: n.type }, { type: 'null' }] }), delete n.type, true) : false),
  'const added': (n) => (typeOf(n) === 'string' && n.const === undefined && n.enum === undefined ? ((n.const = 'fixed'), true) : false),
};

const clone = <T>(v: T): T => structuredClone(v);

/** Generic edits of an instance: each leaf nulled, emptied, made long or negative, keys dropped or added. */
function edits(x: Json, random: () => number, out: Json[] = []): Json[] {
  const paths: (string | number)[][] = [];
  const walk = (v: Json, at: (string | number)[]) => {
    paths.push(at);
    if (Array.isArray(v)) v.slice(0, 3).forEach((e, i) => walk(e, [...at, i]));
    else if (isObj(v)) for (const [k, e] of Object.entries(v)) walk(e, [...at, k]);
  };
  walk(x, []);
  const set = (root: Json, at: (string | number)[], f: (old: Json) => Json | undefined): Json => {
    if (!at.length) return f(root) ?? null;
    const copy = clone(root) as Obj;
    let parent: Json = copy;
    for (const k of at.slice(0, -1)) parent = (parent as Obj)[k as string];
    const last = at[at.length - 1];
    const next = f((parent as Obj)[last as string]);
    if (next === undefined) {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete (parent as Obj)[last as string];
    } else (parent as Obj)[last as string] = next;
    return copy;
  };
  for (const at of paths) {
    if (random() > 0.6) continue;
    out.push(set(x, at, () => null));
    out.push(set(x, at, (v) => (typeof v === 'string' ? '' : typeof v === 'number' ? -v - 1 : v)));
    out.push(set(x, at, (v) => (typeof v === 'string' ? v.padEnd(300, 'x') : typeof v === 'number' ? v + 0.5 : Array.isArray(v) ? [...v, ...v, ...v] : v)));
    out.push(set(x, at, (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? 7 : v)));
    out.push(set(x, at, (v) => (isObj(v) ? { ...v, zz_added: 'zz-new' } : typeof v === 'string' ? 'zz-new' : v)));
    if (at.length) out.push(set(x, at, () => undefined));
  }
  return out;
}

const ajv = new Ajv({ strict: false, validateFormats: false, allowUnionTypes: true });

function instances(schemas: Obj[], seed: number): Json[] {
  const random = seeded(seed);
  const out: Json[] = [];
  for (const s of schemas) {
    const valid = ajv.compile(s);
    for (let i = 0; i < 12; i++) {
      let x: Json;
      try {
        x = generateSync(s, { seed: seed * 100 + i, optionalsProbability: i % 3 === 0 ? 1 : 0.5, maxDepth: 4, maxItems: 3 }) as Json;
      } catch {
        continue;
      }
      if (!valid(x)) continue;
      out.push(x);
      if (i < 4) edits(x, random, out);
    }
  }
  return out;
}

const alarming = (levels: string[]) => levels.some((l) => l === 'breaking' || l === 'warning');

export interface DifferentialStats {
  pairs: number;
  /** Per direction: a break proven by an instance, and whether the diff reported one. */
  provenReported: number;
  provenMissed: string[];
  /** Proven, passed by the default mode, reported by `--mode full`: the documented open-model policy. */
  policy: number;
  /** The diff says breaking or warning; no instance found proves it. */
  unproven: Map<string, number>;
  quietAgreed: number;
}

/**
 * Why the diff reports a break no instance proved, by rule: each is a real break the sampler cannot
 * write a witness for. A report of any other rule without a proof is unexplained (the test fails).
 */
export const UNPROVEN_REASONS: Record<string, string> = {
  'max-length-removed': 'strings longer than the old `maxLength` may now be sent: a real break; the witness is a long string on that one property, and the 300-character edit lands on a sampled subset of leaves',
  'minimum-increased': 'the old `minimum` itself is now rejected: a real break; the witness is exactly the boundary value, which neither the sampler nor the edits write',
  'type-widened': '`integer` → `number` lets fractions through: a real break; the witness is a fraction on that property, which the `+0.5` edit reaches only on sampled leaves',
};

export type MutationRow = { proven: number; reported: number; policy: number; unproven: number };

export async function runDifferential(): Promise<{ stats: DifferentialStats; lines: string[]; byMutation: Map<string, MutationRow> }> {
  const lines: string[] = [];
  const all = corpusSchemas();
  const random = seeded(2026);
  const stats: DifferentialStats = { pairs: 0, provenReported: 0, provenMissed: [], policy: 0, unproven: new Map(), quietAgreed: 0 };
  const byMutation = new Map<string, MutationRow>();
  // 4 schemas per mutation, taken at seeded random from the pool, mutated at a seeded spot.
  for (const [mutation, mutate] of Object.entries(MUTATIONS)) {
    const row = { proven: 0, reported: 0, policy: 0, unproven: 0 };
    byMutation.set(mutation, row);
    let made = 0;
    for (let attempt = 0; attempt < 200 && made < 4; attempt++) {
      const { name, schema } = all[Math.floor(random() * all.length)];
      const revision = clone(schema);
      const candidates = spots(revision);
      const start = Math.floor(random() * candidates.length);
      const spot = [...candidates.slice(start), ...candidates.slice(0, start)].find(({ node }) => mutate(node, random));
      if (!spot) continue;
      made++;
      stats.pairs++;
      const data = instances([schema, revision], stats.pairs);
      const oldValid = ajv.compile(schema);
      const newValid = ajv.compile(revision);
      const lost = data.find((x) => oldValid(x) && !newValid(x));
      const gained = data.find((x) => newValid(x) && !oldValid(x));
      const r = await diffTexts(bothWays(schema), bothWays(revision));
      const levels = (ch: string) => r.changes.filter((c) => c.channel === ch).map((c) => c.level);
      for (const [proof, ch, dir] of [[lost, 'orders.in', 'accepted'], [gained, 'orders.out', 'emitted']] as const) {
        const reported = alarming(levels(ch));
        if (proof !== undefined) {
          row.proven++;
          if (reported) {
            stats.provenReported++;
            row.reported++;
          } else if (alarming((await diffTexts(bothWays(schema), bothWays(revision), { mode: 'full' })).changes.filter((c) => c.channel === ch).map((c) => c.level))) {
            stats.policy++;
            row.policy++;
          } else stats.provenMissed.push(`${mutation} at ${spot.at.join('/') || '(root)'} of ${name}: passes ${dir} data although ${JSON.stringify(proof).slice(0, 200)} proves a break`);
        } else if (reported) {
          row.unproven++;
          for (const c of r.changes.filter((c) => c.channel === ch && (c.level === 'breaking' || c.level === 'warning'))) {
            const key = `${mutation}: ${c.id} (${dir})`;
            stats.unproven.set(key, (stats.unproven.get(key) ?? 0) + 1);
          }
        } else stats.quietAgreed++;
      }
    }
  }
  const verdicts = stats.pairs * 2;
  const agreed = stats.provenReported + stats.quietAgreed;
  const unprovenCount = verdicts - agreed - stats.policy - stats.provenMissed.length;
  lines.push(`differential: ${all.length} corpus schemas, ${stats.pairs} mutated pairs, ${verdicts} verdicts (a pair, a direction)`);
  const proven = stats.provenReported + stats.policy + stats.provenMissed.length;
  lines.push(`  proven breaks ${proven}: reported ${stats.provenReported}, passed by the open-model policy (reported by --mode full) ${stats.policy}, missed ${stats.provenMissed.length}`);
  lines.push(`  no break proven and none reported ${stats.quietAgreed}; reported without a proof ${unprovenCount}`);
  lines.push(`  agreement ${agreed}/${verdicts} (${((100 * agreed) / verdicts).toFixed(1)}%), ${agreed + stats.policy}/${verdicts} (${((100 * (agreed + stats.policy)) / verdicts).toFixed(1)}%) with the policy`);
  lines.push('  | mutation | proven breaks | reported | open-model policy | reported without a proof |');
  for (const [m, row] of byMutation) lines.push(`  | ${m} | ${row.proven} | ${row.reported} | ${row.policy} | ${row.unproven} |`);
  for (const [k, n] of [...stats.unproven].sort()) lines.push(`  unproven: ${k} ×${n}`);
  return { stats, lines, byMutation };
}
