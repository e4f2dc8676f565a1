import type { NodeLocation, Workspace } from '../../load/workspace.js';
import { child } from '../../model/common.js';
import type { ApiModel, NamedComponent } from '../../model/types.js';
import { code, fixed, type ModelCheck, type ModelContext, type SchemaUse } from '../check.js';
import type { Direction, Level } from '../types.js';
import { levelRank } from '../types.js';
import { isLibrary, LIBRARY_KINDS, type LibraryKind } from '../library.js';
import { pairBy } from '../match.js';
import { asyncapi, edited, openapi } from '../model-examples.js';

/** A shared schema library: `components` only, no paths. */
const common = openapi(`components:
  schemas:
    Money: { type: object, required: [amount], properties: { amount: { type: string, maxLength: 20 } } }
    Currency: { type: string }
`);
/** A shared OpenAPI library of parameters and headers. */
const http = openapi(`components:
  parameters:
    Limit: { name: limit, in: query, schema: { type: integer, maximum: 100 } }
    Cursor: { name: cursor, in: query, schema: { type: string } }
  headers:
    RateLimit: { schema: { type: integer, minimum: 0 } }
    RequestId: { schema: { type: string } }
`);
/** A shared AsyncAPI library of messages. */
const events = asyncapi(`components:
  messages:
    OrderCreated:
      payload: { type: object, required: [id], properties: { id: { type: string, maxLength: 20 } } }
      headers: { type: object, properties: { trace: { type: string } } }
    OrderCancelled:
      payload: { type: object }
`);

const NOUN: Record<LibraryKind, string> = { schemas: 'Schema', messages: 'Message', parameters: 'Parameter', headers: 'Header' };
const RULE: Record<LibraryKind, string> = { schemas: 'schema', messages: 'message', parameters: 'parameter', headers: 'header' };

const of = (m: ApiModel, kind: string) => m.components.filter((c) => c.kind === kind);

/**
 * Shared libraries (see `isLibrary`): components compared by name, in the directions of the specs of the run
 * that `$ref` them, or, when none is known, both ways at the worse level. Schemas are compared whole; a
 * message by its payload and headers, a parameter or header by its schema.
 */
const check: ModelCheck = {
  kind: 'model',
  rules: [
    fixed('library-schema-removed', 'schema', 'breaking', 'A schema is gone from a schema library: `$ref`s to it no longer resolve.'),
    fixed('library-schema-added', 'schema', 'non-breaking', 'A new schema in a schema library.'),
    fixed('library-message-removed', 'message', 'breaking', 'A message is gone from an AsyncAPI library: `$ref`s to it no longer resolve.'),
    fixed('library-message-added', 'message', 'non-breaking', 'A new message in an AsyncAPI library.'),
    fixed('library-parameter-removed', 'parameter', 'breaking', 'A parameter is gone from an OpenAPI library: `$ref`s to it no longer resolve.'),
    fixed('library-parameter-added', 'parameter', 'non-breaking', 'A new parameter in an OpenAPI library.'),
    fixed('library-header-removed', 'response', 'breaking', 'A header is gone from an OpenAPI library: `$ref`s to it no longer resolve.'),
    fixed('library-header-added', 'response', 'non-breaking', 'A new header in an OpenAPI library.'),
    fixed('library-parameter-renamed', 'parameter', 'breaking', 'A library parameter now stands for another parameter (its `name` or `in` changed): its users send or read it under another name.'),
  ],
  examples: () => [
    edited('a library schema removed', common, '    Currency: { type: string }\n', '', [
      { rule: 'library-schema-removed', level: 'breaking', message: 'Schema `Currency` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.', at: '6:5' },
    ]),
    edited('a library schema added', common, '    Currency:', '    Country: { type: string }\n    Currency:', [
      { rule: 'library-schema-added', level: 'non-breaking', message: 'Schema `Country` was added to library `revision.yaml`.', at: '6:5' },
    ]),
    // The schema change itself is another check's; here it is checked both ways, and is breaking as emitted.
    edited('a library schema changed, with no user known', common, 'maxLength: 20', 'maxLength: 30', []),
    edited('a library message removed', events, '    OrderCancelled:\n      payload: { type: object }\n', '', [
      { rule: 'library-message-removed', level: 'breaking', message: 'Message `OrderCancelled` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.', at: '8:5' },
    ]),
    edited('a library message added', events, '    OrderCancelled:', '    OrderShipped:\n      payload: { type: object }\n    OrderCancelled:', [
      { rule: 'library-message-added', level: 'non-breaking', message: 'Message `OrderShipped` was added to library `revision.yaml`.', at: '8:5' },
    ]),
    // Payload and headers are compared as any schema (by the schema checks): here both ways, no user being known.
    edited('a library message payload changed, with no user known', events, 'maxLength: 20', 'maxLength: 30', []),
    edited('a library parameter removed', http, '    Cursor: { name: cursor, in: query, schema: { type: string } }\n', '', [
      { rule: 'library-parameter-removed', level: 'breaking', message: 'Parameter `Cursor` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.', at: '6:5' },
    ]),
    edited('a library parameter added', http, '    Cursor:', '    Sort: { name: sort, in: query, schema: { type: string } }\n    Cursor:', [
      { rule: 'library-parameter-added', level: 'non-breaking', message: 'Parameter `Sort` was added to library `revision.yaml`.', at: '6:5' },
    ]),
    edited('a library header removed', http, '    RequestId: { schema: { type: string } }\n', '', [
      { rule: 'library-header-removed', level: 'breaking', message: 'Header `RequestId` was removed from library `revision.yaml`: `$ref`s to it no longer resolve.', at: '9:5' },
    ]),
    edited('a library header added', http, '    RequestId:', '    Retry: { schema: { type: integer } }\n    RequestId:', [
      { rule: 'library-header-added', level: 'non-breaking', message: 'Header `Retry` was added to library `revision.yaml`.', at: '9:5' },
    ]),
    // A parameter's or header's own fields, under the parameter and response checks' rules; no user known here:
    // both ways, at the worse level.
    edited('a library parameter now required, with no user known', http, 'name: limit, in: query,', 'name: limit, in: query, required: true,', [
      { rule: 'parameter-became-required', level: 'breaking', message: 'Parameter `Limit` in library `revision.yaml`, no user known: checked both ways: it is now required.', at: '5:5' },
    ]),
    edited('a library parameter sent as one comma-separated value, with no user known', http, 'name: limit, in: query,', 'name: limit, in: query, explode: false,', [
      { rule: 'parameter-serialization-changed', level: 'breaking', message: 'Parameter `Limit` in library `revision.yaml`, no user known: checked both ways: it is serialized differently: explode true → false.', at: '5:5' },
    ]),
    edited('a library parameter now names another query parameter', http, 'name: limit, in: query,', 'name: max, in: query,', [
      { rule: 'library-parameter-renamed', level: 'breaking', message: 'Parameter `Limit` in library `revision.yaml`, no user known: checked both ways: it changed from query parameter `limit` to query parameter `max`.', at: '5:5' },
    ]),
    edited('a library header no longer required, with no user known', http.replace('RequestId: { schema', 'RequestId: { required: true, schema'), 'RequestId: { required: true, schema', 'RequestId: { schema', [
      { rule: 'response-header-became-optional', level: 'breaking', message: 'Header `RequestId` in library `revision.yaml`, no user known: checked both ways: it is now optional; clients may no longer receive it.', at: '9:5' },
    ]),
  ],
  run(ctx) {
    if (!isLibrary(ctx.base) || !isLibrary(ctx.rev) || ctx.base.format !== ctx.rev.format) return;
    const lib = `library \`${ctx.rev.file}\``;
    for (const kind of LIBRARY_KINDS[ctx.rev.format] as readonly LibraryKind[])
      for (const p of pairBy(of(ctx.base, kind), of(ctx.rev, kind), (c) => c.name)) {
        const id = `library ${RULE[kind]} ${(p.base ?? p.rev)!.name}`;
        if (p.base && !p.rev) {
          ctx.report({ rule: `library-${RULE[kind]}-removed`, message: `${NOUN[kind]} \`${p.base.name}\` was removed from ${lib}: \`$ref\`s to it no longer resolve.`, where: { base: p.base.source }, identity: id });
          continue;
        }
        if (!p.base && p.rev) {
          ctx.report({ rule: `library-${RULE[kind]}-added`, message: `${NOUN[kind]} \`${p.rev.name}\` was added to ${lib}.`, where: { revision: p.rev.source }, identity: id });
          continue;
        }
        const parts = schemasOf(kind, ctx.base.workspace, p.base!, ctx.rev.workspace, p.rev!);
        const known = ctx.libraryUsers?.get(`${kind}/${p.rev!.name}`);
        const users = known ? `used by ${known.users.length > 3 ? `${known.users.slice(0, 3).join(', ')} and ${known.users.length - 3} more` : known.users.join(', ')}` : 'no user known: checked both ways';
        const label = kind === 'schemas' ? lib : `${RULE[kind]} \`${p.rev!.name}\` in ${lib}`;
        for (const part of parts) {
          const use = { base: part.base, revision: part.revision, root: part.root, identity: `${id}${part.root === 'schema' ? '' : `|${part.root}`}` };
          const where = `${kind === 'messages' ? `${part.root} of ` : ''}${label}, ${users}`;
          compare(ctx, use, where, known?.dirs);
        }
        if (kind === 'parameters' || kind === 'headers') presence(ctx, kind, p.base!, p.rev!, `${capital(label)}, ${users}`, id, known?.dirs);
      }
  },
};
export default check;

type Part = Pick<SchemaUse, 'base' | 'revision' | 'root'>;
type Obj = Record<string, unknown>;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Levels of the presence and serialization changes, as the parameter and response checks give them. */
const LEVELS: Record<string, Record<Direction, Level>> = {
  'parameter-became-required': { accept: 'breaking', emit: 'non-breaking' },
  'parameter-became-optional': { accept: 'non-breaking', emit: 'breaking' },
  'parameter-serialization-changed': { accept: 'breaking', emit: 'breaking' },
  'library-parameter-renamed': { accept: 'breaking', emit: 'breaking' },
  'response-header-became-required': { accept: 'breaking', emit: 'non-breaking' },
  'response-header-became-optional': { accept: 'non-breaking', emit: 'breaking' },
  'response-header-serialization-changed': { accept: 'breaking', emit: 'breaking' },
};

/**
 * A library parameter's or header's own fields (`required`, `style`, `explode`, and a parameter's `name`
 * and `in`), under the rule ids the parameter and response checks use. Checked in its users' directions
 * (by `--mode`), or both ways with none known; one change each, at the worse level of those directions.
 */
function presence(ctx: ModelContext, kind: 'parameters' | 'headers', b: NamedComponent, r: NamedComponent, where: string, identity: string, users: Set<Direction> | undefined): void {
  const raw = (ws: Workspace, c: NamedComponent): Obj => {
    const d = ws.deref<unknown>(ws.get(c.source), c.source);
    return d && d.value !== null && typeof d.value === 'object' ? (d.value as Obj) : {};
  };
  const bo = raw(ctx.base.workspace, b);
  const ro = raw(ctx.rev.workspace, r);
  const dirs = new Set<Direction>(users ? [...users].flatMap((d) => ctx.dirs(d)) : ['accept', 'emit']);
  const report = (rule: string, text: string, data: string) => {
    const levels = LEVELS[rule];
    const dir = [...dirs].reduce((x, y) => (levelRank[levels[y]] > levelRank[levels[x]] ? y : x));
    ctx.report({ rule, message: `${where}: ${text}.`, where: { base: b.source, revision: r.source }, identity: `${identity}|${data}`, dir, level: levels[dir] });
  };
  const param = kind === 'parameters';
  if (param && (bo.name !== ro.name || bo.in !== ro.in)) {
    report('library-parameter-renamed', `it changed from ${bo.in} parameter ${code(bo.name)} to ${ro.in} parameter ${code(ro.name)}`, 'renamed');
    return;
  }
  const breq = bo.required === true;
  const rreq = ro.required === true;
  if (breq !== rreq) {
    const rule = `${param ? 'parameter' : 'response-header'}-became-${rreq ? 'required' : 'optional'}`;
    report(rule, `it is now ${rreq ? 'required' : `optional${dirs.has('emit') ? `; ${ctx.readers} may no longer receive it` : ''}`}`, 'required');
  }
  const style = (o: Obj) => (typeof o.style === 'string' ? o.style : param && (o.in === 'query' || o.in === 'cookie') ? 'form' : 'simple');
  const explode = (o: Obj) => (typeof o.explode === 'boolean' ? o.explode : style(o) === 'form');
  const what: string[] = [];
  if (style(bo) !== style(ro)) what.push(`style ${code(style(bo))} → ${code(style(ro))}`);
  if (explode(bo) !== explode(ro)) what.push(`explode ${explode(bo)} → ${explode(ro)}`);
  if (what.length) report(`${param ? 'parameter' : 'response-header'}-serialization-changed`, `it is serialized differently: ${what.join(', ')}`, what.join(','));
}

function compare(ctx: ModelContext, use: Omit<SchemaUse, 'dir' | 'where'>, where: string, dirs: Set<'accept' | 'emit'> | undefined): void {
  if (!dirs) ctx.compareSchemas({ ...use, dir: 'accept', where, bothWays: true });
  else for (const dir of dirs) ctx.compareSchemas({ ...use, dir, where });
}

/**
 * The schemas to compare in one component, both sides. The model builds messages and parameters only
 * where operations use them, and a library has none: their few fields are read here from the documents.
 */
function schemasOf(kind: LibraryKind, bws: Workspace, b: NamedComponent, rws: Workspace, r: NamedComponent): Part[] {
  const at = (ws: Workspace, c: NamedComponent) => {
    const d = ws.deref<unknown>(ws.get(c.source), c.source);
    return d && d.value !== null && typeof d.value === 'object' ? { value: d.value as Record<string, unknown>, loc: d.location } : undefined;
  };
  const bo = at(bws, b);
  const ro = at(rws, r);
  if (kind === 'schemas') return [{ base: { value: bws.get(b.source), loc: b.source }, revision: { value: rws.get(r.source), loc: r.source }, root: 'schema' }];
  if (!bo || !ro) return [];
  const out: Part[] = [];
  const fields = kind === 'messages' ? (['payload', 'headers'] as const) : (['schema'] as const);
  for (const f of fields) {
    const x = fieldSchema(bws, bo, f);
    const y = fieldSchema(rws, ro, f);
    if (x && y) out.push({ base: x, revision: y, root: f === 'schema' ? (kind === 'parameters' ? 'parameter' : 'header') : f });
  }
  return out;
}

/**
 * `payload`/`headers` of a message (from its traits when not its own; AsyncAPI 3 `{ schemaFormat, schema }`
 * unwrapped), or the `schema` of a parameter or header (or that of its one `content` entry).
 */
function fieldSchema(ws: Workspace, o: { value: Record<string, unknown>; loc: NodeLocation }, f: 'payload' | 'headers' | 'schema'): { value: unknown; loc: NodeLocation } | undefined {
  let found: { value: unknown; loc: NodeLocation } | undefined = o.value[f] !== undefined ? { value: o.value[f], loc: child(o.loc, f) } : undefined;
  if (!found && f !== 'schema' && Array.isArray(o.value.traits))
    for (let i = o.value.traits.length - 1; i >= 0 && !found; i--) {
      const t = ws.deref<unknown>(o.value.traits[i], child(o.loc, 'traits', i));
      const v = t && t.value !== null && typeof t.value === 'object' ? (t.value as Record<string, unknown>)[f] : undefined;
      if (t && v !== undefined) found = { value: v, loc: child(t.location, f) };
    }
  if (!found && f === 'schema' && o.value.content && typeof o.value.content === 'object') {
    const [mt] = Object.keys(o.value.content);
    const media = mt === undefined ? undefined : (o.value.content as Record<string, unknown>)[mt];
    if (media && typeof media === 'object' && (media as Record<string, unknown>).schema !== undefined) found = { value: (media as Record<string, unknown>).schema, loc: child(o.loc, 'content', mt, 'schema') };
  }
  if (!found) return undefined;
  const d = ws.deref<unknown>(found.value, found.loc);
  if (d && d.value !== null && typeof d.value === 'object' && 'schemaFormat' in d.value && 'schema' in d.value)
    return { value: (d.value as Record<string, unknown>).schema, loc: child(d.location, 'schema') };
  return found;
}
