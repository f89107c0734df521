/**
 * Semantic versions (semver.org 2.0.0) as playbooks use them: `1.4.2`, `2.0.0-rc.1`, build
 * metadata (`+abc`) allowed and ignored when comparing. A changed playbook must carry a higher
 * version than every one kept before it, so comparing has to follow the spec's precedence rules.
 */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface ParsedVersion {
  core: [number, number, number];
  prerelease: string[];
}

function parse(version: string): ParsedVersion | undefined {
  const m = SEMVER_PATTERN.exec(version);
  if (!m) return undefined;
  return {
    core: [Number(m[1]), Number(m[2]), Number(m[3])],
    prerelease: m[4] === undefined ? [] : m[4].split('.'),
  };
}

/** Whether a string is a semantic version. */
export function isSemver(version: string): boolean {
  return SEMVER_PATTERN.test(version);
}

/**
 * Orders two versions by semver precedence: negative when `a` is lower, 0 when equal (build
 * metadata ignored), positive when higher. Strings that are not versions sort before all versions.
 *
 * @example compareSemver('1.10.0', '1.9.3') > 0 // true
 * @example compareSemver('2.0.0-rc.1', '2.0.0') < 0 // true
 */
export function compareSemver(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0) || a.localeCompare(b);
  for (let i = 0; i < 3; i += 1) {
    const d = (pa.core[i] as number) - (pb.core[i] as number);
    if (d !== 0) return Math.sign(d);
  }
  // A release outranks its prereleases.
  if (pa.prerelease.length === 0 || pb.prerelease.length === 0) {
    return Math.sign(pb.prerelease.length - pa.prerelease.length);
  }
  const n = Math.max(pa.prerelease.length, pb.prerelease.length);
  for (let i = 0; i < n; i += 1) {
    const x = pa.prerelease[i];
    const y = pb.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (xn !== yn) {
      return xn ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
