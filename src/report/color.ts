/**
 * Colour only on a terminal: respects NO_COLOR (https://no-color.org, it wins), FORCE_COLOR and TERM=dumb.
 * Decided here once so every formatter agrees.
 */
export function colorWanted(stream: { isTTY?: boolean } = process.stdout): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
