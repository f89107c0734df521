import type { Resource } from '@escher/protocol';
import type { GcpContext } from '../../context.ts';
import type { LabelChange } from './label-rules.ts';

/** A resource's labels as read, with what a write needs to quote or route by. */
export interface CurrentLabels {
  labels: Record<string, string>;
  /** The fingerprint a `setLabels` must quote (Compute Engine, GKE). */
  fingerprint?: string | undefined;
  /** A 1st gen Cloud Function (written through the v1 API). */
  gen1?: boolean | undefined;
}

/**
 * How labels are read and written on one resource type. Compute Engine and GKE replace the whole
 * map and check a fingerprint (optimistic concurrency); Cloud Storage and Cloud SQL merge a patch
 * (null deletes a key); KMS and Cloud Functions replace the map under an update mask.
 */
export interface LabelWriter {
  read(ctx: GcpContext, target: Resource): Promise<CurrentLabels>;
  write(ctx: GcpContext, target: Resource, change: LabelChange, current: CurrentLabels): Promise<void>;
}
