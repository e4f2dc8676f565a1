/**
 * Ajv standalone validators as ESM TypeScript. Schemas spread over files and `$ref`s are bundled into
 * one document (each `$ref` target once, under `definitions`), compiled ahead of time, and the emitted
 * code's `require(...)` calls are rewritten to imports from `specgate/runtime`, so the generated module
 * is plain ESM and no schema compiles at run time.
 *
 * Headers get their own module, compiled with `coerceTypes`: header values travel as strings and are
 * converted to the schema's types as they are validated.
 */
import { createRequire } from 'node:module';
import type { NodeLocation, Workspace } from '../load/workspace.js';
import { appendPointer } from '../load/pointer.js';
import { refName } from '../model/schema.js';
import { isUuid } from '../runtime/ajv.js';
import { compiledCode } from './escape.js';
import { NameRegistry, pascalCase } from './naming.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const locKey = (l: NodeLocation) => `${l.file}#${l.pointer}`;

const DEFS_ID = 'specgate://schemas';
/** Annotations and keywords Ajv must not see (ids would re-root `$ref`s; AsyncAPI's `discriminator` is not Ajv's). */
const DROP = new Set(['$id', 'id', '$schema', 'discriminator', 'example', 'examples', 'externalDocs', 'xml', 'description', 'title', '$comment']);
/** Keywords whose value is a map of name → schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);

/** Collects the schemas of one module into one bundle. */
export class SchemaBundle {
  private readonly defs = new Map<string, unknown>();
  private readonly byLocation = new Map<string, string>();
  private readonly defNames = new NameRegistry();
  /** export name → definition name */
  readonly roots = new Map<string, string>();

  constructor(private readonly ws: Workspace) {}

  /** Add a schema to validate with the export `name`. */
  add(exportName: string, value: unknown, loc: NodeLocation): void {
    let target = { value, loc };
    if (isObj(value) && typeof value.$ref === 'string') {
      const d = this.ws.deref(value, loc);
      if (!d) return;
      target = { value: d.value, loc: d.location };
    }
    this.roots.set(exportName, this.define(target.value, target.loc, isObj(value) ? refName(value) ?? exportName : exportName));
  }

  /**
   * Add a schema with some of its top-level properties rewritten (a multipart body's files, which the
   * validator sees as objects, not the strings the schema describes), under its own definition.
   */
  addReplacing(exportName: string, value: unknown, loc: NodeLocation, replace: Record<string, (schema: unknown) => unknown>): void {
    const d = isObj(value) && typeof value.$ref === 'string' ? this.ws.deref(value, loc) : { value, location: loc };
    if (!d) return;
    const copy = this.copy(d.value, d.location);
    const name = this.defNames.take(pascalCase(exportName.replace(/^validate/, ''), 'Schema'));
    if (isObj(copy) && isObj(copy.properties)) {
      const props = copy.properties;
      // Object.fromEntries, so a property named `__proto__` stays an own key.
      copy.properties = Object.fromEntries(Object.keys(props).map((k) => [k, Object.hasOwn(replace, k) ? replace[k](props[k]) : props[k]]));
    }
    this.defs.set(name, copy);
    this.roots.set(exportName, name);
  }

  /**
   * Add an object schema built from several located schemas (the parameters of one HTTP location), to
   * validate with the export `name`. Each property is copied from where it is written, so its `$ref`s
   * resolve as there.
   */
  addObject(exportName: string, properties: { name: string; value: unknown; loc: NodeLocation }[], required: string[]): void {
    const name = this.defNames.take(pascalCase(exportName.replace(/^validate/, ''), 'Schema'));
    const props = Object.fromEntries(properties.map((p) => [p.name, this.copy(p.value, p.loc)]));
    this.defs.set(name, { type: 'object', properties: props, ...(required.length ? { required } : {}) });
    this.roots.set(exportName, name);
  }

  get size(): number {
    return this.roots.size;
  }

  private define(value: unknown, loc: NodeLocation, hint: string): string {
    const key = locKey(loc);
    const known = this.byLocation.get(key);
    if (known) return known;
    const name = this.defNames.take(pascalCase(hint, 'Schema'));
    this.byLocation.set(key, name);
    this.defs.set(name, true); // placeholder while the copy is made (recursion)
    this.defs.set(name, this.copy(value, loc));
    return name;
  }

  /**
   * A copy with every `$ref` pointing into the bundle. Built with Object.fromEntries, so a key of the
   * spec such as `__proto__` stays an own key (an assignment would set the prototype instead).
   */
  private copy(value: unknown, loc: NodeLocation): unknown {
    const sub = (k: string | number) => ({ file: loc.file, pointer: appendPointer(loc.pointer, k) });
    if (Array.isArray(value)) return value.map((v, i) => this.copy(v, sub(i)));
    if (!isObj(value)) return value;
    if (typeof value.$ref === 'string') {
      const d = this.ws.deref(value, loc);
      if (!d) return {};
      return { $ref: `#/definitions/${this.define(d.value, d.location, refName(value) ?? 'Schema')}` };
    }
    const out: [string, unknown][] = [];
    for (const k of Object.keys(value)) {
      if (DROP.has(k) || k.startsWith('x-')) continue;
      // OpenAPI 3.0: `nullable` adds null to the `type` given beside it and means nothing without one
      // (3.0.3); Ajv refuses the schema then.
      if (k === 'nullable' && !Object.hasOwn(value, 'type')) continue;
      const v = value[k];
      // `const`, `enum` and `default` hold data, not schemas.
      if (k === 'const' || k === 'enum' || k === 'default') out.push([k, v]);
      else if (SCHEMA_MAPS.has(k) && isObj(v)) {
        const at = sub(k);
        out.push([k, Object.fromEntries(Object.keys(v).map((name) => [name, this.copy(v[name], { file: at.file, pointer: appendPointer(at.pointer, name) })]))]);
      } else out.push([k, this.copy(v, sub(k))]);
    }
    return Object.fromEntries(out);
  }

  /** The bundle document; definitions sorted by name for stable output. */
  document(): Obj {
    return { $id: DEFS_ID, definitions: Object.fromEntries([...this.defs].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }
}

export interface CompiledModule {
  /** The module text (without banner). */
  code: string;
  /** Export names that compiled. */
  exports: string[];
  /** Schemas Ajv could not compile (their messages are not validated), with the reason. */
  skipped: { name: string; reason: string }[];
}

type AjvModule = typeof import('ajv');
let loaded: { Ajv: AjvModule['default']; _: AjvModule['_']; standalone: (ajv: unknown, refs: Record<string, string>) => string; addFormats: (ajv: unknown) => void } | undefined;
function ajvModules() {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const ajv = require('ajv') as AjvModule;
    loaded = {
      Ajv: ajv.default,
      _: ajv._,
      standalone: require('ajv/dist/standalone').default,
      addFormats: require('ajv-formats').default,
    };
  }
  return loaded;
}

/** Compile a bundle to standalone ESM code exporting one validate function per root. */
export function compileBundle(bundle: SchemaBundle, options: { coerceTypes: boolean | 'array' }): CompiledModule {
  const { Ajv, _, standalone, addFormats } = ajvModules();
  const make = () => {
    const ajv = new Ajv({
      code: { source: true, esm: true, optimize: false, formats: _`__formats`, lines: false },
      strict: false,
      logger: false,
      allErrors: false,
      inlineRefs: false,
      coerceTypes: options.coerceTypes,
      validateSchema: false,
      // A property such as `constructor` or `__proto__` is present only as the message's own key, never
      // through Object.prototype.
      ownProperties: true,
    });
    addFormats(ajv);
    // A function, not ajv-formats' expression, so the generated code calls the runtime's faster check.
    ajv.addFormat('uuid', isUuid);
    ajv.addSchema(bundle.document());
    return ajv;
  };
  let ajv = make();
  const refs: Record<string, string> = {};
  const skipped: { name: string; reason: string }[] = [];
  for (const [name, def] of [...bundle.roots].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const id = `${DEFS_ID}#/definitions/${def}`;
    try {
      ajv.getSchema(id);
      refs[name] = id;
    } catch (e) {
      skipped.push({ name, reason: (e as Error).message });
      ajv = make();
      for (const n of Object.keys(refs)) ajv.getSchema(refs[n]);
    }
  }
  if (Object.keys(refs).length === 0) return { code: '', exports: [], skipped };
  let code = standalone(ajv, refs);
  code = code.replace(/^"use strict";/, '');
  code = code.replace(/require\("ajv\/dist\/runtime\/([A-Za-z_0-9]+)"\)\.(?:default|[A-Za-z_]+)/g, (_m, mod: string) => `__ajv.${mod}`);
  code = code.replace(/require\("ajv-formats\/dist\/formats"\)\.fullFormats/g, '__formats');
  if (/\brequire\(/.test(code)) throw new Error('Ajv emitted a require() that specgate cannot rewrite');
  // Type the exports; the module itself is checked with @ts-nocheck (Ajv's output is untyped JavaScript).
  code = code.replace(/export const ([A-Za-z0-9_$]+) = /g, 'export const $1: CompiledValidator = ');
  // One statement per line keeps diffs of regenerated files readable.
  code = code.replace(/([;}])(export const |function validate|const (?:schema|formats|func|pattern|wrapper)\d+ = )/g, '$1\n$2');
  return { code: compiledCode(code.trim()) + '\n', exports: Object.keys(refs), skipped };
}
