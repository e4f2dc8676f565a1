// Diff conformance over the shared corpus: the peers' verdicts next to ours, case by case.
// Used by scripts/conformance-diff.mjs (writes docs/conformance-diff.md) and test/diff/conformance.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diffLoaded } from '../../src/diff/index.js';
import { loadSide, type LoadedSide } from '../../src/diff/load.js';
import type { Change, DiffResult } from '../../src/diff/types.js';
import { InputError } from '../../src/load/errors.js';
import { Workspace } from '../../src/load/workspace.js';
import { buildModel } from '../../src/model/index.js';

export const CORPUS = process.env.SPECGATE_CORPUS ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared/corpus');

export interface Row {
  suite: 'openapi-diff' | 'asyncapi-diff' | 'schema-compat';
  id: string;
  what: string;
  peer: string;
  ours: string;
  /** null: the peer's verdict does not map onto ours (see `note`). */
  agree: boolean | null;
  note?: string;
}

const has = (r: DiffResult, pred: (c: Change) => boolean) => r.changes.some(pred);
const summary = (r: DiffResult) => {
  const n = (l: string) => r.changes.filter((c) => c.level === l).length;
  return r.changes.length === 0 ? 'no changes' : `${r.bump}: ${['breaking', 'warning', 'non-breaking', 'patch'].map((l) => `${n(l)} ${l}`).filter((s) => !s.startsWith('0 ')).join(', ')}`;
};

/** Why we disagree, by case id: the peer is wrong, or judges by another rule. */
export const EXPLAINED: Record<string, string> = {
  'openapi-diff-050':
    'a new enum value in a response is a `warning` (minor) by specgate\'s policy: readers that switch exhaustively on the value may trip, tolerant readers do not, and nothing they relied on is gone. openapi-diff (and Redocly) call it incompatible.',
  'openapi-diff-055': 'a response header that becomes required is now always sent: clients gain a guarantee and lose nothing. openapi-diff judges the response header as if it were a request parameter.',
  'openapi-diff-063':
    'a request `minLength` that grows rejects strings that were valid: breaking. openapi-diff has this very rule (`REQUEST_MIN_LENGTH_INCREASED`), but off by default; with it on, its verdict is ours.',
  'openapi-diff-066':
    'a response `minLength` that shrinks (5 → 3) lets the server send strings shorter than clients were promised: a relaxed constraint on emitted data breaks strict readers. openapi-diff only looks at increases in responses.',
  'openapi-diff-143':
    'a required response property that was `writeOnly` and no longer is: responses now always carry it (OpenAPI: `required` on a `writeOnly` property applies to requests only). Clients gain data and lose nothing.',
  'schema-compat-20':
    'the old schema refused `bar` (`additionalProperties: false`, and neither `^S_` nor `^I_` matches `bar`), so no old data carries it and adding it as optional is compatible. The 2019 code calls any model with `patternProperties` open.',
  'schema-compat-23': '`anyOf: [X]` and `allOf: [X]` both mean X: changing the combinator of a single branch changes no valid value.',
  'schema-compat-29':
    '`required: [foo]` → `required: [bar]` also makes `bar` required, so old data without `bar` is rejected: incompatible. The 2019 code reports only the removal of `foo`.',
  'schema-compat-42': '`additionalItems` applies only when `items` is an array (draft-07 §9.3.1.2); with no `items` it constrains nothing, so changing it changes nothing.',
  'schema-compat-43': '`additionalItems` applies only when `items` is an array (draft-07 §9.3.1.2); with no `items` it constrains nothing, so changing it changes nothing.',
};

/** Peer verdicts with no counterpart among ours, by case id. */
export const NOT_MAPPED: Record<string, string> = {
  'openapi-diff-023':
    '`exclusiveMinimum: false` is the default (draft 4, OpenAPI 3.0): removing it is a textual edit that changes no valid value. openapi-diff reports text ("changed endpoints"); specgate reports meaning only, and a meaningless edit is `none` by design.',
  'openapi-diff-024':
    '`exclusiveMaximum: false` is the default (draft 4, OpenAPI 3.0): removing it is a textual edit that changes no valid value. openapi-diff reports text ("changed endpoints"); specgate reports meaning only, and a meaningless edit is `none` by design.',
  'asyncapi-diff-02':
    '@asyncapi/diff rates every edit of `info.version` breaking (its corpus README notes it). In specgate the version is not a change of the contract but what `--check-version` checks against the changes.',
};

// ---------------------------------------------------------------- openapi-diff

/** openapi-diff's default verdicts as predicates over our result. */
const OPENAPI_DIFF: Record<string, (r: DiffResult) => boolean> = {
  unchanged: (r) => r.changes.length === 0,
  'no-endpoint-changes': (r) => !has(r, (c) => c.level !== 'patch'),
  'changed-endpoints': (r) => has(r, (c) => !!c.operation),
  incompatible: (r) => has(r, (c) => c.level === 'breaking'),
  'changed-compatible': (r) => r.changes.length > 0 && !has(r, (c) => c.level === 'breaking'),
  compatible: (r) => !has(r, (c) => c.level === 'breaking'),
};

async function openapiDiff(rows: Row[]): Promise<void> {
  const tsv = path.join(CORPUS, 'openapi/openapi-diff-cases.tsv');
  const dir = path.join(CORPUS, 'openapi/openapi-diff-testdata');
  const [header, ...lines] = readFileSync(tsv, 'utf8').trim().split('\n');
  const cols = header.split('\t');
  for (const line of lines) {
    const v = Object.fromEntries(line.split('\t').map((x, i) => [cols[i], x]));
    const what = `${v.base} → ${v.revision} (${v.source_test.split(':')[1]})`;
    let result: DiffResult;
    try {
      result = await diffLoaded(await loadSide(path.join(dir, v.base)), await loadSide(path.join(dir, v.revision)));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      rows.push({ suite: 'openapi-diff', id: v.case_id, what, peer: v.default_verdict, ours: `not read: ${e.message}`, agree: null, note: 'Swagger 2.0 is not an input specgate reads (OpenAPI 3.0/3.1 only)' });
      continue;
    }
    const pred = OPENAPI_DIFF[v.default_verdict];
    rows.push({ suite: 'openapi-diff', id: v.case_id, what, peer: v.default_verdict, ours: summary(result), agree: pred(result), ...(v.toggle_prop !== '-' ? { note: `peer rule ${v.toggle_prop} (${v.toggle_enabled_by_default === 'true' ? 'on' : 'off'} by default)` } : {}) });
  }
}

// ---------------------------------------------------------------- @asyncapi/diff and AsyncAPI CLI

interface PeerChange {
  action: string;
  path: string;
  type: string;
}

/** Our changes at a JSON pointer, or above or below it. */
function at(r: DiffResult, pointer: string): Change[] {
  const within = (a: string, b: string) => a === b || a.startsWith(b + '/');
  return r.changes.filter((c) => [c.base?.pointer, c.revision?.pointer].some((p) => p !== undefined && p !== '' && (within(p, pointer) || within(pointer, p))));
}

async function asyncapiDiff(rows: Row[]): Promise<void> {
  const base = path.join(CORPUS, 'asyncapi/diff-fixtures');
  const main = JSON.parse(readFileSync(path.join(base, 'asyncapi-diff/expected/main.fixtures.json'), 'utf8'));
  const cli = JSON.parse(readFileSync(path.join(base, 'asyncapi-cli/expected/cli-diff-expected-stdout.json'), 'utf8'));
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as { changes: PeerChange[] };
  const pairs: { name: string; base: string; revision: string; changes: PeerChange[] }[] = [
    { name: '@asyncapi/diff 2.x', base: 'asyncapi-diff/specs/asyncapi.yml', revision: 'asyncapi-diff/specs/diffSpec.yml', changes: [...main.breakingChanges.map((c: PeerChange) => ({ ...c, type: 'breaking' })), ...main.nonBreakingChanges.map((c: PeerChange) => ({ ...c, type: 'non-breaking' }))] },
    { name: '@asyncapi/diff 3.0', base: 'asyncapi-diff/specs/asyncapi-v3.yml', revision: 'asyncapi-diff/specs/asyncapi-v3-diff.yml', changes: parse(main.diffOutputV3).changes },
    { name: 'AsyncAPI CLI 2.x', base: 'asyncapi-cli/specs/asyncapi_v1.yml', revision: 'asyncapi-cli/specs/asyncapi_v2.yml', changes: parse(cli.commonJsonOutput).changes },
    { name: 'AsyncAPI CLI 3.0', base: 'asyncapi-cli/specs/specification-v3.yml', revision: 'asyncapi-cli/specs/specification-v3-diff.yml', changes: parse(cli.commonJsonOutputV3).changes },
  ];
  let n = 0;
  for (const p of pairs) {
    const result = await diffLoaded(await loadSide(path.join(base, p.base)), await loadSide(path.join(base, p.revision)));
    // Classified changes only ("unclassified" is no verdict); the 3.0 fixture repeats one edit under
    // dereferenced paths (/operations/*/channel/..., /components/...): those copies are unclassified.
    for (const c of p.changes.filter((x) => x.type === 'breaking' || x.type === 'non-breaking')) {
      const ours = at(result, c.path);
      const worst = ours.some((x) => x.level === 'breaking') ? 'breaking' : ours.length ? 'not breaking' : 'no change';
      const agree = c.type === 'breaking' ? worst === 'breaking' : worst !== 'breaking';
      rows.push({
        suite: 'asyncapi-diff',
        id: `asyncapi-diff-${String(++n).padStart(2, '0')}`,
        what: `${p.name}: ${c.action} \`${c.path}\``,
        peer: c.type,
        ours: ours.length ? [...new Set(ours.map((x) => `${x.id} (${x.level})`))].join(', ') : 'no change',
        agree,
      });
    }
  }
  // The helper fixture's two minimal documents (a server variable loses an enum value).
  {
    const side = async (name: string, d: Record<string, unknown>) => {
      const ws = new Workspace();
      const loaded = await ws.loadRootText(name, JSON.stringify({ info: { title: 'fixture', version: '1.0.0' }, channels: {}, ...d }));
      return { model: buildModel(ws, loaded), display: name } as LoadedSide;
    };
    const result = await diffLoaded(await side('specDocument1.json', main.specDocument1), await side('specDocument2.json', main.specDocument2));
    for (const c of main.arrayChanges.changes as PeerChange[]) {
      const ours = at(result, c.path);
      const worst = ours.some((x) => x.level === 'breaking') ? 'breaking' : ours.length ? 'not breaking' : 'no change';
      rows.push({ suite: 'asyncapi-diff', id: `asyncapi-diff-${String(++n).padStart(2, '0')}`, what: `@asyncapi/diff helper documents: ${c.action} \`${c.path}\``, peer: c.type, ours: ours.length ? ours.map((x) => `${x.id} (${x.level})`).join(', ') : 'no change', agree: c.type === 'breaking' ? worst === 'breaking' : worst !== 'breaking' });
    }
  }
  // Real-world consecutive versions: the classified change patterns the peer lists (info edits excepted,
  // as they mix version bumps with title edits).
  const real = JSON.parse(readFileSync(path.join(base, 'real-world-pairs/asyncapi-diff-0.5.0-consecutive-versions.json'), 'utf8')) as {
    pairs: { history: string; old: string; new: string; skipped?: string; topPatterns?: [string, number][] }[];
  };
  for (const p of real.pairs) {
    if (p.skipped || !p.topPatterns) continue;
    const patterns = p.topPatterns.filter(([t]) => /^(breaking|non-breaking) (add|remove) \/(channels|operations|servers)\/\*$/.test(t));
    if (!patterns.length) continue;
    const dir = path.join(CORPUS, 'asyncapi/real-world', p.history);
    const result = await diffLoaded(await loadSide(path.join(dir, p.old)), await loadSide(path.join(dir, p.new)));
    for (const [pattern, count] of patterns) {
      const [type, action, where] = pattern.split(' ');
      const re = new RegExp('^' + where.replace('*', '[^/]+') + '$');
      const ours = result.changes.filter((c) => re.test((action === 'add' ? c.revision : c.base)?.pointer ?? ''));
      const worst = ours.some((x) => x.level === 'breaking') ? 'breaking' : ours.length ? 'not breaking' : 'no change';
      rows.push({
        suite: 'asyncapi-diff',
        id: `asyncapi-diff-${String(++n).padStart(2, '0')}`,
        what: `${p.history.replace(/\/history$/, '')} ${p.old.slice(0, 3)}→${p.new.slice(0, 3)}: ${count}× ${action} \`${where}\``,
        peer: type,
        ours: ours.length ? `${ours.length}× ${[...new Set(ours.map((x) => `${x.id} (${x.level})`))].join(', ')}` : 'no change',
        agree: ours.length === count && (type === 'breaking' ? worst === 'breaking' : worst !== 'breaking'),
      });
    }
  }
}

// ---------------------------------------------------------------- JSON Schema compatibility pairs

/**
 * Difference types a reader of the new schema can accept old data through (backward compatible), as
 * Confluent Schema Registry's JSON Schema provider, where this code went, classifies them; the
 * 2019 file lists the types without a verdict.
 */
const COMPATIBLE = new Set([
  'ID_CHANGED', 'DESCRIPTION_CHANGED', 'TITLE_CHANGED', 'DEFAULT_CHANGED', 'SCHEMA_REMOVED', 'TYPE_EXTENDED',
  'MAX_LENGTH_INCREASED', 'MAX_LENGTH_REMOVED', 'MIN_LENGTH_DECREASED', 'MIN_LENGTH_REMOVED', 'PATTERN_REMOVED',
  'MAXIMUM_INCREASED', 'MAXIMUM_REMOVED', 'MINIMUM_DECREASED', 'MINIMUM_REMOVED', 'MULTIPLE_OF_REDUCED', 'MULTIPLE_OF_REMOVED',
  'REQUIRED_ATTRIBUTE_REMOVED', 'DEPENDENCY_ARRAY_REMOVED', 'DEPENDENCY_SCHEMA_REMOVED',
  'MAX_PROPERTIES_INCREASED', 'MAX_PROPERTIES_REMOVED', 'MIN_PROPERTIES_DECREASED', 'MIN_PROPERTIES_REMOVED',
  'ADDITIONAL_PROPERTIES_ADDED', 'ADDITIONAL_PROPERTIES_EXTENDED', 'OPTIONAL_PROPERTY_ADDED_TO_CLOSED_CONTENT_MODEL',
  'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', 'ITEMS_REMOVED_FROM_OPEN_CONTENT_MODEL', 'MAX_ITEMS_INCREASED', 'MAX_ITEMS_REMOVED',
  'MIN_ITEMS_DECREASED', 'MIN_ITEMS_REMOVED', 'UNIQUE_ITEMS_REMOVED', 'ADDITIONAL_ITEMS_ADDED', 'ADDITIONAL_ITEMS_EXTENDED',
  'ENUM_ARRAY_EXTENDED', 'SUM_TYPE_EXTENDED',
]);

async function schemaSide(file: string, schema: unknown): Promise<LoadedSide> {
  // The schema is a file of its own, so its `#/definitions/...` refs resolve inside it; the application
  // receives it, so its changes are judged as accepted data: new readers, old writers (backward).
  const root = `asyncapi: 3.0.0
info: { title: compat, version: 1.0.0 }
channels:
  c: { address: c, messages: { M: { name: M, payload: { $ref: 'schema.json' } } } }
operations:
  o: { action: receive, channel: { $ref: '#/channels/c' } }
`;
  const dir = path.dirname(file);
  const ws = new Workspace({ overrides: new Map([[path.join(dir, 'schema.json'), JSON.stringify(schema)]]) });
  const loaded = await ws.loadRootText(file, root);
  return { model: buildModel(ws, loaded), display: file };
}

async function schemaCompat(rows: Row[]): Promise<void> {
  const cases = JSON.parse(readFileSync(path.join(CORPUS, 'asyncapi/schema-compat/rayokota-json-schema-compatibility/diff-schema-examples.json'), 'utf8')) as {
    description: string;
    original_schema: unknown;
    update_schema: unknown;
    errors: string[];
  }[];
  let n = 0;
  for (const c of cases) {
    const types = c.errors.map((e) => e.split(' ')[0]);
    const compatible = types.every((t) => COMPATIBLE.has(t));
    const r = await diffLoaded(await schemaSide('base/root.yaml', c.original_schema), await schemaSide('revision/root.yaml', c.update_schema), { mode: 'backward' });
    const breaking = r.changes.filter((x) => x.level === 'breaking');
    rows.push({
      suite: 'schema-compat',
      id: `schema-compat-${String(++n).padStart(2, '0')}`,
      what: `${c.description}: ${c.errors.join(', ') || 'no difference'}`,
      peer: compatible ? 'compatible' : 'incompatible',
      ours: breaking.length ? `incompatible: ${[...new Set(breaking.map((x) => x.id))].join(', ')}` : r.changes.length ? `compatible: ${[...new Set(r.changes.map((x) => x.id))].join(', ')}` : 'compatible: no changes',
      agree: compatible === (breaking.length === 0),
    });
  }
}

export interface Conformance {
  rows: Row[];
  bySuite: Record<Row['suite'], { total: number; mapped: number; agree: number }>;
  total: { mapped: number; agree: number };
}

export function corpusPresent(): boolean {
  return existsSync(path.join(CORPUS, 'openapi/openapi-diff-cases.tsv')) && existsSync(path.join(CORPUS, 'asyncapi/diff-fixtures')) && existsSync(path.join(CORPUS, 'asyncapi/schema-compat'));
}

export async function runConformance(): Promise<Conformance> {
  const rows: Row[] = [];
  await openapiDiff(rows);
  await asyncapiDiff(rows);
  await schemaCompat(rows);
  for (const r of rows) {
    if (NOT_MAPPED[r.id]) ((r.agree = null), (r.note = NOT_MAPPED[r.id]));
    else if (r.agree === false && EXPLAINED[r.id]) r.note = EXPLAINED[r.id];
  }
  const bySuite = {} as Conformance['bySuite'];
  for (const s of ['openapi-diff', 'asyncapi-diff', 'schema-compat'] as const) {
    const list = rows.filter((r) => r.suite === s);
    bySuite[s] = { total: list.length, mapped: list.filter((r) => r.agree !== null).length, agree: list.filter((r) => r.agree === true).length };
  }
  const mapped = rows.filter((r) => r.agree !== null);
  return { rows, bySuite, total: { mapped: mapped.length, agree: mapped.filter((r) => r.agree).length } };
}
