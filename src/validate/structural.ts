/**
 * Structural validation: the document as written (references not resolved) against the official JSON Schema
 * of its specification version. The schemas are compiled ahead of time by `scripts/compile-schemas.mjs` into
 * `./compiled/<format>-<version>.cjs`; only the module for the document's version is loaded, on first use,
 * through V8's code cache when the build made one (`../support/script-cache.ts`).
 *
 * AsyncAPI 2.x schemas leave protocol bindings open, so bindings of 2.x documents are checked here against the
 * binding schemas of @asyncapi/specs (`./compiled/asyncapi-bindings.cjs`). AsyncAPI 3.x schemas embed them.
 *
 * OpenAPI 3.1: the document structure is checked with the OAI schema; Schema Objects inside it only have to be
 * objects or booleans (as in the OAI `schema.yaml`), their JSON Schema 2020-12 keywords are not checked here.
 */
import { fileURLToPath } from 'node:url';
import { requireCached } from '../support/script-cache.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { type AjvError, type Problem, encodePointer, explainErrors } from './ajv-errors.js';
import { asyncapiModule, detectSpec, openapiModule, type SpecKind } from '../model/detect.js';

export { detectSpec, SUPPORTED_ASYNCAPI, SUPPORTED_OPENAPI, type SpecKind } from '../model/detect.js';

type ValidateFn = ((data: unknown, ctx?: { instancePath?: string; rootData?: unknown }) => boolean) & {
  errors?: AjvError[] | null;
};

interface BindingsModule {
  bindings: Record<string, Record<string, string[]>>;
  [exported: string]: unknown;
}

/**
 * Where the compiled validators are: beside this module in src/ (tests), in dist/validate/ for the built
 * module and for the bundle in dist/bundle/ alike (both two levels below the package root).
 */
const COMPILED_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './compiled/' : '../../dist/validate/compiled/', import.meta.url));

/** A compiled validator module; requireCached keeps each loaded once. */
function load<T>(name: string): T {
  try {
    return requireCached(`${COMPILED_DIR}${name}.cjs`) as T;
  } catch (err) {
    throw new Error(`the compiled schema \`${name}\` is missing; run \`node scripts/compile-schemas.mjs\` (${(err as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Validates `doc` against the schema of `spec`; one diagnostic per problem, sorted by pointer. */
export async function validateStructure(doc: unknown, spec: SpecKind, file: string): Promise<Diagnostic[]> {
  const rule = spec.format === 'asyncapi' ? 'asyncapi-schema' : 'openapi-schema';
  const base = spec.format === 'asyncapi' ? asyncapiModule(spec.version) : openapiModule(spec.version);
  if (!base) {
    const detected = detectSpec(doc);
    const message = 'error' in detected ? detected.error : `${spec.format} ${spec.version} is not supported`;
    return [{ rule, severity: 'error', message, file, pointer: 'error' in detected ? detected.pointer : '' }];
  }
  const validate = load<{ default: ValidateFn }>(`${spec.format}-${base}`).default;
  // A pre-release (`2.0.0-rc2`) is checked as its release; the schema pins the version string.
  const subject =
    spec.format === 'asyncapi' && base !== spec.version && isObject(doc) ? { ...doc, asyncapi: base } : doc;
  const problems: Problem[] = [];
  if (!validate(subject)) problems.push(...explainErrors(validate.errors ?? [], subject, spec.format));
  if (spec.format === 'asyncapi' && base.startsWith('2.') && isObject(doc)) {
    problems.push(...validateBindings2(doc));
  }
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const k = p.pointer + '\u0000' + p.message;
      return seen.has(k) ? false : (seen.add(k), true);
    })
    .sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : a.message < b.message ? -1 : 1))
    .map((p) => ({ rule, severity: 'error' as const, message: p.message, file, pointer: p.pointer }));
}

type BindingKind = 'server' | 'channel' | 'operation' | 'message';

/** Every inline bindings object of an AsyncAPI 2.x document, with its kind. */
function bindingsOf2(doc: Record<string, unknown>): { pointer: string[]; kind: BindingKind; value: unknown }[] {
  const out: { pointer: string[]; kind: BindingKind; value: unknown }[] = [];
  const add = (node: unknown, path: string[], kind: BindingKind) => {
    if (isObject(node) && isObject(node.bindings)) out.push({ pointer: [...path, 'bindings'], kind, value: node.bindings });
  };
  const message = (m: unknown, path: string[]) => {
    if (!isObject(m)) return;
    add(m, path, 'message');
    if (Array.isArray(m.oneOf)) m.oneOf.forEach((x, i) => message(x, [...path, 'oneOf', String(i)]));
    if (Array.isArray(m.traits)) m.traits.forEach((t, i) => add(t, [...path, 'traits', String(i)], 'message'));
  };
  const operation = (op: unknown, path: string[]) => {
    if (!isObject(op)) return;
    add(op, path, 'operation');
    if (Array.isArray(op.traits)) op.traits.forEach((t, i) => add(t, [...path, 'traits', String(i)], 'operation'));
    message(op.message, [...path, 'message']);
  };
  const channel = (ch: unknown, path: string[]) => {
    if (!isObject(ch)) return;
    add(ch, path, 'channel');
    operation(ch.publish, [...path, 'publish']);
    operation(ch.subscribe, [...path, 'subscribe']);
  };
  const entries = (node: unknown) => (isObject(node) ? Object.entries(node) : []);
  for (const [name, server] of entries(doc.servers)) add(server, ['servers', name], 'server');
  for (const [name, ch] of entries(doc.channels)) channel(ch, ['channels', name]);
  const c = doc.components;
  if (isObject(c)) {
    for (const [name, server] of entries(c.servers)) add(server, ['components', 'servers', name], 'server');
    for (const [name, ch] of entries(c.channels)) channel(ch, ['components', 'channels', name]);
    for (const [name, m] of entries(c.messages)) message(m, ['components', 'messages', name]);
    for (const [name, t] of entries(c.messageTraits)) add(t, ['components', 'messageTraits', name], 'message');
    for (const [name, t] of entries(c.operationTraits)) add(t, ['components', 'operationTraits', name], 'operation');
    const maps: [string, BindingKind][] = [
      ['serverBindings', 'server'],
      ['channelBindings', 'channel'],
      ['operationBindings', 'operation'],
      ['messageBindings', 'message'],
    ];
    for (const [key, kind] of maps) {
      for (const [name, b] of entries(c[key])) out.push({ pointer: ['components', key, name], kind, value: b });
    }
  }
  return out;
}

const PROTOCOL_FOLDERS: Record<string, string> = { ws: 'websockets' };

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/**
 * Checks each protocol binding of an AsyncAPI 2.x document against the binding schema of its `bindingVersion`.
 * Bindings without `bindingVersion` are not checked (see below); a version that @asyncapi/specs has no schema
 * for is checked against the nearest known version, without the cross-field rules that version may have added.
 */
function validateBindings2(doc: Record<string, unknown>): Problem[] {
  const found = bindingsOf2(doc);
  if (found.length === 0) return [];
  const mod = load<BindingsModule>('asyncapi-bindings');
  const problems: Problem[] = [];
  for (const { pointer, kind, value } of found) {
    if (!isObject(value) || typeof value.$ref === 'string') continue;
    for (const [protocol, binding] of Object.entries(value)) {
      if (protocol.startsWith('x-') || !isObject(binding) || typeof binding.$ref === 'string') continue;
      const folder = PROTOCOL_FOLDERS[protocol] ?? protocol;
      const versions = [...(mod.bindings[folder]?.[kind] ?? [])].sort(compareVersions);
      if (versions.length === 0) continue;
      const declared = binding.bindingVersion;
      const at = encodePointer([...pointer, protocol]);
      const run = (version: string, subject: Record<string, unknown>): AjvError[] => {
        const fn = mod[`${folder}_${version.replace(/\./g, '_')}_${kind}`] as ValidateFn | undefined;
        if (!fn || fn(subject, { instancePath: at, rootData: doc })) return [];
        return [...(fn.errors ?? [])];
      };
      let errors: AjvError[];
      let subject: Record<string, unknown> = binding;
      if (declared === undefined) {
        // No version stated: the 2.x schemas leave bindings open and binding schemas changed incompatibly
        // between versions, so the binding cannot be tied to one schema; it is not checked.
        continue;
      } else if (typeof declared === 'string' && !versions.includes(declared) && /^\d+\.\d+\.\d+$/.test(declared)) {
        // A version without a schema: the nearest one, without the cross-field rules it may have added.
        const lower = versions.filter((v) => compareVersions(v, declared) <= 0);
        const version = lower.length ? lower[lower.length - 1] : versions[0];
        subject = { ...binding, bindingVersion: version };
        const near = (p: string) => p === at || (p.startsWith(at + '/') && !p.slice(at.length + 1).includes('/'));
        errors = run(version, subject).filter(
          (e) => !(near(e.instancePath) && /^#\/(oneOf|anyOf|allOf|not|if|then|else)(\/|$)/.test(e.schemaPath)),
        );
      } else {
        errors = run(versions.includes(declared as string) ? (declared as string) : versions[versions.length - 1], binding);
      }
      if (errors.length) problems.push(...explainErrors(errors, wrapAt(doc, at, subject), 'asyncapi'));
    }
  }
  return problems;
}

/** The document, with the (possibly adjusted) binding in place, so that error values are read correctly. */
function wrapAt(doc: Record<string, unknown>, pointer: string, value: unknown): unknown {
  const segs = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const copy = (node: unknown, i: number): unknown => {
    if (i === segs.length) return value;
    const src = (node ?? {}) as Record<string, unknown>;
    if (Array.isArray(src)) {
      const arr = [...src];
      arr[Number(segs[i])] = copy(src[Number(segs[i])], i + 1);
      return arr;
    }
    return { ...src, [segs[i]]: copy(src[segs[i]], i + 1) };
  };
  return copy(doc, 0);
}
