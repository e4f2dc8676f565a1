import { statSync } from 'node:fs';
import { InputError } from '../load/errors.js';
import { projectScope } from '../load/scope.js';
import type { RefOptions } from '../load/workspace.js';

export interface RefFlags {
  allowRemoteRefs?: boolean;
  /** `--allow-ref-outside DIR`, repeatable. */
  allowRefOutside?: readonly string[];
}

/** The `$ref` policy of a run over `inputs`: its project roots, widened by `--allow-ref-outside`. */
export function refOptions(inputs: readonly string[], flags: RefFlags): RefOptions {
  for (const dir of flags.allowRefOutside ?? [])
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new InputError('not a folder', `--allow-ref-outside ${dir}`);
  return { allowRemoteRefs: flags.allowRemoteRefs, refRoots: projectScope(inputs, flags.allowRefOutside).roots };
}
