import { createHash } from 'node:crypto';

/**
 * A change's fingerprint: a hash of its rule id and stable identity (operation, message, status,
 * instance path, the values involved), never of line numbers or file names, so that it survives
 * unrelated edits, reformatting and moving schemas between files.
 */
export function fingerprint(rule: string, identity: string): string {
  return createHash('sha256').update(`${rule}\u0000${identity}`).digest('hex').slice(0, 16);
}
