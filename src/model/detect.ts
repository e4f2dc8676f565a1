// Which specification and version a parsed document claims to be: the first thing every job asks of it.

export type SpecKind = { format: 'asyncapi' | 'openapi'; version: string };

export const SUPPORTED_ASYNCAPI = ['2.0.0', '2.1.0', '2.2.0', '2.3.0', '2.4.0', '2.5.0', '2.6.0', '3.0.0', '3.1.0'] as const;
export const SUPPORTED_OPENAPI = ['3.0.x', '3.1.x'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Which specification and version a parsed document claims to be. */
export function detectSpec(doc: unknown): SpecKind | { error: string; pointer: string } {
  if (!isObject(doc)) {
    const found = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc === 'undefined' ? 'nothing' : `a ${typeof doc}`;
    return { error: `the document must be an object with an \`asyncapi\` or \`openapi\` field; found ${found}`, pointer: '' };
  }
  if ('asyncapi' in doc) {
    const v = doc.asyncapi;
    if (typeof v !== 'string') {
      return { error: `\`asyncapi\` must be a version string such as \`3.0.0\`; found ${JSON.stringify(v)}`, pointer: '/asyncapi' };
    }
    if (!asyncapiModule(v)) {
      return {
        error: `AsyncAPI ${v} is not supported; supported versions: ${SUPPORTED_ASYNCAPI.join(', ')}`,
        pointer: '/asyncapi',
      };
    }
    return { format: 'asyncapi', version: v };
  }
  if ('openapi' in doc) {
    const v = doc.openapi;
    if (typeof v !== 'string') {
      return { error: `\`openapi\` must be a version string such as \`3.1.0\`; found ${JSON.stringify(v)}`, pointer: '/openapi' };
    }
    if (!openapiModule(v)) {
      return {
        error: `OpenAPI ${v} is not supported; supported versions: ${SUPPORTED_OPENAPI.join(', ')}`,
        pointer: '/openapi',
      };
    }
    return { format: 'openapi', version: v };
  }
  if ('swagger' in doc) {
    return {
      error: `Swagger ${String(doc.swagger)} (OpenAPI 2.0) is not supported; convert it to OpenAPI 3.0 or 3.1`,
      pointer: '/swagger',
    };
  }
  return { error: 'the document has no `asyncapi` or `openapi` field, so its specification is unknown', pointer: '' };
}

/** `2.6.0` -> `2.6.0`; `2.0.0-rc2` (a pre-release) -> the schema of `2.0.0`. */
export function asyncapiModule(version: string): string | undefined {
  const m = /^(\d+\.\d+\.\d+)(-[0-9A-Za-z.-]+)?$/.exec(version);
  if (!m || !(SUPPORTED_ASYNCAPI as readonly string[]).includes(m[1])) return undefined;
  return m[1];
}

export function openapiModule(version: string): string | undefined {
  const m = /^3\.([01])\.\d+(-.+)?$/.exec(version);
  return m ? `3.${m[1]}` : undefined;
}
