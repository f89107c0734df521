import { readFileSync } from 'node:fs';

/** One record the simulator served through the official SDK, with the manifest's verdicts on it. */
export interface SimRecord<T> {
  project: string;
  /** The native id the manifest uses for it. */
  nativeId: string;
  /** Check ids whose manifest entry lists `nativeId`. */
  checks: string[];
  record: T;
  /** Public principals of its IAM policy (buckets, snapshots). */
  publicMembers?: string[];
}

/** Loads `fixtures/sim-records.json` beside a test (`import.meta.url` of the test). */
export function loadSimRecords(testUrl: string): Record<string, SimRecord<never>[]> & { epoch: string } {
  return JSON.parse(readFileSync(new URL('./fixtures/sim-records.json', testUrl), 'utf8')) as never;
}
