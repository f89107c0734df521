import type { Cloud } from '@escher/protocol';

/** What a request is, as the cloud frontend identified it before handling. */
export interface CallInfo {
  cloud: Cloud;
  /** ec2, s3, rds, … | compute, network, storage, resourcegraph, … | compute, storage, sqladmin, … */
  service: string;
  /** The API's own operation name: DescribeInstances, virtualMachines.list, instances.aggregatedList. */
  operation: string;
  /** AWS account id | Azure subscription id | GCP project id ('' when the call has none). */
  account: string;
  /** The region the call targets ('global' for global services). */
  region: string;
  /** Mutating calls draw from mutating rate-limit buckets where the cloud has them. */
  mutating: boolean;
}

/** One line of the call log. */
export interface CallRecord extends CallInfo {
  seq: number;
  /** Wall-clock start, ms since epoch. */
  at: number;
  durationMs: number;
  status: number;
  /** Set when the simulator injected a fault instead of serving the call. */
  fault?: 'throttle' | 'error' | 'outage' | undefined;
  /** The rate-limit bucket the call drew from, for the lower-bound computation. */
  bucket?: string | undefined;
}
