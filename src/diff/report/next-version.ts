import { InputError } from '../../load/errors.js';
import { nextVersion } from '../semver.js';
import type { DiffResult } from '../types.js';

/** The smallest version the revision may carry: the base's `info.version` moved by the required bump. */
export function formatNextVersion(results: DiffResult[]): string {
  return (
    results
      .map((r) => {
        if (r.error) throw new InputError(r.error.message, r.error.file, r.error.line ?? undefined, r.error.column ?? undefined);
        const v = nextVersion(r.base.version, r.bump);
        if (!v) throw new InputError(`the base version \`${r.base.version}\` is not a semantic version`, r.base.file);
        return v;
      })
      .join('\n') + '\n'
  );
}
