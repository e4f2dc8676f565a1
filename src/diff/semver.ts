import semver from 'semver';
import { bumpRank, type Bump, type Level, type VersionCheck } from './types.js';

/** `1.2`, `v1.2.3`, `1.2.3-rc.1`: a version semver can order; `2022-11-15` is not one. */
export function parseVersion(v: string): string | undefined {
  const valid = semver.valid(v.trim());
  if (valid) return valid;
  if (/^v?\d+(\.\d+){0,2}$/.test(v.trim())) return semver.coerce(v)?.version;
  return undefined;
}

/**
 * The bump a change needs: breaking → major, warning and non-breaking → minor, patch → patch. Below 1.0.0
 * everything moves one place right (semver item 4, as Cargo reads it): breaking → minor, the rest → patch.
 */
export function bumpFor(level: Level, below1: boolean): Bump {
  if (level === 'breaking') return below1 ? 'minor' : 'major';
  if (level === 'patch') return 'patch';
  return below1 ? 'patch' : 'minor';
}

export function maxBump(bumps: Iterable<Bump>): Bump {
  let out: Bump = 'none';
  for (const b of bumps) if (bumpRank[b] > bumpRank[out]) out = b;
  return out;
}

export function isBelow1(version: string): boolean {
  const v = parseVersion(version);
  return !!v && semver.major(v) === 0;
}

/** The smallest version after `base` that the bump allows (`none`: `base` itself). */
export function nextVersion(base: string, bump: Bump): string | undefined {
  const v = parseVersion(base);
  if (!v) return undefined;
  if (bump === 'none') return v;
  // A pre-release of the next version moves to that version (1.0.0-rc.1 + major = 1.0.0 only if allowed by semver.inc).
  return semver.inc(v, bump) ?? undefined;
}

/** `--check-version`: did `info.version` move at least as far as the changes require? */
export function checkVersion(baseVersion: string, declared: string, bump: Bump): VersionCheck {
  const b = parseVersion(baseVersion);
  const d = parseVersion(declared);
  if (!b || !d) {
    const which = !b ? `the base version \`${baseVersion}\`` : `the revision version \`${declared}\``;
    return { declared, required: null, ok: false, message: `${which} is not a semantic version, so it cannot be checked` };
  }
  const required = nextVersion(b, bump)!;
  const ok = semver.gte(d, required);
  const message = ok
    ? `info.version ${declared} satisfies the ${bump === 'none' ? 'unchanged contract' : `${bump} bump`} (at least ${required})`
    : `info.version is ${declared}, but the changes need a ${bump} bump: at least ${required}`;
  return { declared, required, ok, message };
}
