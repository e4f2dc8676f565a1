import { fingerprint } from '../diff/fingerprint.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * The message as the fingerprint sees it: blanks collapsed and any line or column number blanked,
 * so a finding keeps its identity when the document is reformatted or its lines move.
 */
export function normaliseMessage(message: string): string {
  return message
    .replace(/\b(lines?|col(?:umn)?s?)\s+\d+/gi, '$1 #')
    .replace(/:\d+:\d+\b/g, ':#:#')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A finding's stable identity (the diff's fingerprint function over rule, file, JSON pointer and
 * normalised message; never the line): what baselines match on and what Code Quality reports carry.
 * `file` is given by the caller, relative to whatever the fingerprints must not depend on.
 */
export function diagnosticFingerprint(d: Pick<Diagnostic, 'rule' | 'pointer' | 'message'>, file: string): string {
  return fingerprint(d.rule, `${file}\u0000${d.pointer}\u0000${normaliseMessage(d.message)}`);
}
