/**
 * AsyncAPI runtime expressions: `$message.header#/correlationId`, `$message.payload#/user/id`.
 * (Grammar from the AsyncAPI specification's Runtime Expression section.)
 */
export interface RuntimeExpression {
  source: 'header' | 'payload';
  /** JSON pointer inside the header or payload ('' for the whole thing). */
  pointer: string;
}

const EXPRESSION = /^\$message\.(header|payload)(?:#((?:\/(?:[^/~]|~[01])*)*))?$/;

export function parseRuntimeExpression(text: string): RuntimeExpression | undefined {
  const m = EXPRESSION.exec(text);
  if (!m) return undefined;
  return { source: m[1] as 'header' | 'payload', pointer: m[2] ?? '' };
}
