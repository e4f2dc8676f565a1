import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { NodeLocation } from '../load/workspace.js';
import type { ApiModel } from '../model/types.js';

type Ajvish = {
  addSchema(schema: object, key: string): unknown;
  getSchema(keyRef: string): ValidateFunction | undefined;
};

export interface ExampleProblem {
  /** JSON pointer inside the example value (`/lineItems/0/quantity`), '' for the whole value. */
  instancePath: string;
  message: string;
}

/**
 * Validates example values against schemas of one document set. Every file of the workspace is added to
 * Ajv once, under its file URL, so schemas compile with their `$ref`s (also across files) resolved by Ajv;
 * each schema location compiles once however many examples use it. Ajv is loaded only when a document
 * has examples.
 */
export class ExampleValidator {
  private ajv?: Ajvish;
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly ids = new Map<string, string>();

  private constructor(private readonly model: ApiModel) {}

  static async create(model: ApiModel): Promise<ExampleValidator> {
    const v = new ExampleValidator(model);
    await v.init();
    return v;
  }

  private async init(): Promise<void> {
    const openapi31 = this.model.format === 'openapi' && !this.model.specVersion.startsWith('3.0');
    const opts = { strict: false, allErrors: false, validateSchema: false, logger: false as const, unicodeRegExp: false, inlineRefs: false, messages: false, loopRequired: 8, loopEnum: 8, code: { optimize: false } };
    const ajv = openapi31 ? new (await import('ajv/dist/2020.js')).Ajv2020(opts) : new (await import('ajv')).Ajv(opts);
    const addFormats = (await import('ajv-formats')).default as unknown as (a: unknown, o?: unknown) => void;
    addFormats(ajv, { mode: 'fast' });
    for (const f of this.model.workspace.files.values()) {
      if (f.value === null || typeof f.value !== 'object') continue;
      const id = /^https?:\/\//i.test(f.file) ? f.file : pathToFileURL(path.resolve(f.file)).href;
      this.ids.set(f.file, id);
      try {
        ajv.addSchema(f.value as object, id);
      } catch {
        /* a file Ajv cannot take (duplicate $id inside): its schemas are skipped below */
      }
    }
    this.ajv = ajv as unknown as Ajvish;
  }

  /** Problems of `value` against the schema standing at `schema`; undefined when the schema cannot be compiled. */
  validate(schema: NodeLocation, value: unknown): ExampleProblem[] | undefined {
    const key = `${schema.file}#${schema.pointer}`;
    let fn = this.compiled.get(key);
    if (fn === undefined) {
      const id = this.ids.get(schema.file);
      try {
        // getSchema compiles the target within its file's root, so `$ref`ed schemas compile once per file.
        fn = (id && this.ajv!.getSchema(`${id}#${encodePointer(schema.pointer)}`)) || null;
      } catch {
        fn = null; // schemas Ajv cannot compile (OpenAPI 3.0 boolean exclusiveMinimum, unknown dialects)
      }
      this.compiled.set(key, fn);
    }
    if (!fn) return undefined;
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 1).map(describe);
  }
}

function encodePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((t) => encodeURIComponent(t).replace(/%7E/gi, '~'))
    .join('/');
}

/** Ajv's error as a sentence without schema paths: `must be >= 1`, `must have required property \`sku\``. */
function describe(e: ErrorObject): ExampleProblem {
  const p = e.params as Record<string, unknown>;
  const q = (v: unknown) => `\`${JSON.stringify(v)}\``;
  const messages: Record<string, () => string> = {
    type: () => `must be ${String(p.type).replace(/,/g, ' or ')}`,
    required: () => `must have required property \`${String(p.missingProperty)}\``,
    additionalProperties: () => `must not have property \`${String(p.additionalProperty)}\``,
    unevaluatedProperties: () => `must not have property \`${String(p.unevaluatedProperty)}\``,
    enum: () => `must be one of ${(p.allowedValues as unknown[]).map(q).join(', ')}`,
    const: () => `must be ${q(p.allowedValue)}`,
    format: () => `must be a valid \`${String(p.format)}\``,
    pattern: () => `must match pattern \`${String(p.pattern)}\``,
    minimum: () => `must be ${String(p.comparison)} ${String(p.limit)}`,
    maximum: () => `must be ${String(p.comparison)} ${String(p.limit)}`,
    exclusiveMinimum: () => `must be ${String(p.comparison)} ${String(p.limit)}`,
    exclusiveMaximum: () => `must be ${String(p.comparison)} ${String(p.limit)}`,
    minLength: () => `must have at least ${String(p.limit)} characters`,
    maxLength: () => `must have at most ${String(p.limit)} characters`,
    minItems: () => `must have at least ${String(p.limit)} items`,
    maxItems: () => `must have at most ${String(p.limit)} items`,
    minProperties: () => `must have at least ${String(p.limit)} properties`,
    maxProperties: () => `must have at most ${String(p.limit)} properties`,
    multipleOf: () => `must be a multiple of ${String(p.multipleOf)}`,
    uniqueItems: () => `must not have duplicate items (items ${String(p.j)} and ${String(p.i)} are equal)`,
    oneOf: () => (p.passingSchemas ? 'must match exactly one schema of `oneOf`, but matches several' : 'must match one schema of `oneOf`'),
    anyOf: () => 'must match a schema of `anyOf`',
    not: () => 'must not match the schema of `not`',
  };
  return { instancePath: e.instancePath, message: messages[e.keyword]?.() ?? `fails \`${e.keyword}\`` };
}
