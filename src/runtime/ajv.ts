/**
 * What Ajv standalone validators need at run time. Generated `validators.ts` files import these instead
 * of `require(...)`, so they are plain ESM and no schema compiles at run time.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** `ajv/dist/runtime/*` helpers, by the file name the standalone code refers to them with. */
export const ajvRuntime: Record<string, unknown> = {
  get equal() {
    return require('ajv/dist/runtime/equal').default;
  },
  get ucs2length() {
    return require('ajv/dist/runtime/ucs2length').default;
  },
  get uri() {
    return require('ajv/dist/runtime/uri').default;
  },
  get validation_error() {
    return require('ajv/dist/runtime/validation_error').default;
  },
  get timestamp() {
    return require('ajv/dist/runtime/timestamp').default;
  },
  get parseJson() {
    return require('ajv/dist/runtime/parseJson').parseJson;
  },
};

let formats: Record<string, unknown> | undefined;
/** ajv-formats' full format set (date-time, email, uri, ...), loaded on first use. */
export function ajvFormats(): Record<string, unknown> {
  formats ??= require('ajv-formats/dist/formats').fullFormats as Record<string, unknown>;
  return formats;
}

/** An Ajv standalone validate function. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown>; keyword: string }[] | null;
}
