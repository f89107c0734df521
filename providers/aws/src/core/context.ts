import type { CallGate } from '@escher/provider-api';
import type { AwsClients } from '../clients.ts';

/**
 * Everything one discovery scope's operations need: where they run, the clients for that account
 * and region, the scanner's gate, and the clock.
 */
export interface AwsContext {
  account: string;
  /** Region of the scope: a region code, or 'global' for IAM and S3. */
  region: string;
  /** Region the clients call (the home region for global services). */
  clientRegion: string;
  clients: AwsClients;
  /** Clients of another region of the same account (S3 buckets live in their own region). */
  clientsIn(region: string): AwsClients;
  gate: CallGate;
  signal?: AbortSignal;
  now: () => number;
  /** Per-item lookups in flight at once (bucket settings, user keys). */
  itemConcurrency: number;
}
