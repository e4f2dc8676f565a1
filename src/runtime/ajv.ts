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
/**
 * ajv-formats' full format set (date-time, email, uri, ...), loaded on first use. `date-time` answers the
 * common shape (`2024-05-14T09:30:00Z`, `...00.123+02:00`) without regular expressions; everything else
 * goes to ajv-formats' own check, so the verdicts are the same. `uuid` is a character loop with the
 * verdicts of ajv-formats' expression (message and correlation ids are checked on every message).
 */
export function ajvFormats(): Record<string, unknown> {
  if (!formats) {
    const full = require('ajv-formats/dist/formats').fullFormats as Record<string, unknown>;
    const dateTime = full['date-time'] as { validate: (s: string) => boolean };
    formats = { ...full, 'date-time': { ...dateTime, validate: (s: string) => plainDateTime(s) || dateTime.validate(s) }, uuid: isUuid };
  }
  return formats;
}

const URN_UUID = 'urn:uuid:';

/** ajv-formats' `uuid`, `/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i`, without the expression. */
export function isUuid(s: string): boolean {
  let i = 0;
  if (s.length === 45) {
    // `urn:uuid:` in any case (ASCII letters only, as the expression's case folding).
    for (let k = 0; k < 9; k++) {
      const c = s.charCodeAt(k);
      const want = URN_UUID.charCodeAt(k);
      if (c !== want && !(want >= 97 && c === want - 32)) return false;
    }
    i = 9;
  } else if (s.length !== 36) return false;
  for (let k = 0; k < 36; k++) {
    const c = s.charCodeAt(i + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (c !== 45) return false;
    } else if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102))) return false;
  }
  return true;
}

const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * True only for RFC 3339 date-times of the shape `YYYY-MM-DD(T|t| )HH:MM:SS[.digits](Z|z|+HH:MM|-HH:MM)`
 * with a real calendar date and no leap second, every one of which ajv-formats accepts too. False means
 * "not this shape", not "invalid": the caller asks ajv-formats then.
 */
export function plainDateTime(s: string): boolean {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const t = s.charCodeAt(10);
  if (t !== 84 && t !== 116 && t !== 32) return false; // T t space
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const year = y1 * 100 + y2;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS[month])) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    // .digits, at least one
    const start = ++i;
    while (i < n && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
  }
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) return i + 1 === n; // Z z
  if ((z !== 43 && z !== 45) || i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false; // + - HH:MM
  const tzHour = twoDigits(s, i + 1);
  const tzMinute = twoDigits(s, i + 4);
  return tzHour >= 0 && tzHour <= 23 && tzMinute >= 0 && tzMinute <= 59;
}

/** An Ajv standalone validate function. */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; params?: Record<string, unknown>; keyword: string }[] | null;
}
