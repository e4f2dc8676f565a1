import type { Change, DiffResult, Mode } from '../types.js';

/**
 * Which side of the contract a change is for, in the words of the spec's format: the same schema used
 * by a request and a response gives one change per side, and each must say which. Under `--mode`
 * other than `auto` every change was checked as one kind of data, whatever its use.
 */
export function sideText(c: Change, format: DiffResult['format'], mode: Mode = 'auto'): string {
  if (!c.direction) return '';
  const accept = c.direction === 'accept';
  if (mode !== 'auto') return accept ? 'as data it accepts' : 'as data it emits';
  if (format === 'openapi') return accept ? 'in requests' : 'in responses';
  if (format === 'asyncapi') return accept ? 'in received messages' : 'in sent messages';
  return accept ? 'in data it accepts' : 'in data it emits';
}

/** `in responses: ` before a change's sentence, or nothing. */
export function sidePrefix(c: Change, format: DiffResult['format'], mode?: Mode): string {
  const side = sideText(c, format, mode);
  return side ? `${side}: ` : '';
}
