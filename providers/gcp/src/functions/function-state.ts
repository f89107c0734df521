/**
 * Cloud Functions states (v1 `status`, v2 `state`) → SPEC states. A deployed, serving function is
 * `available` (it runs per request, it is not a machine that is `running`).
 */
const STATES: Readonly<Record<string, string>> = {
  ACTIVE: 'available',
  DEPLOYING: 'pending',
  DEPLOY_IN_PROGRESS: 'pending',
  DELETING: 'deleting',
  DELETE_IN_PROGRESS: 'deleting',
  FAILED: 'failed',
  OFFLINE: 'failed',
};

/** A function's v1 status or v2 state as a SPEC state. */
export function functionState(state: unknown): string {
  return (typeof state === 'string' && STATES[state]) || 'unknown';
}

/** `//cloudfunctions.googleapis.com/projects/p/locations/r/functions/f` and the location. */
export function functionIdentity(name: string | null | undefined): {
  nativeId: string;
  location: string;
  short: string;
} {
  const relative = name ?? '';
  const parts = relative.split('/');
  return {
    nativeId: `//cloudfunctions.googleapis.com/${relative}`,
    location: parts[3] ?? 'global',
    short: parts[5] ?? relative,
  };
}
