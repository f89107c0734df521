import type { SimClock } from '../../core/clock.ts';
import { settle } from '../../core/transition.ts';
import { tagSet } from './ec2-request.ts';
import type { Ec2Snapshot } from './state.ts';

/** Applies a due `pending → completed` and answers the progress EC2 would show. */
export function snapshotProgress(s: Ec2Snapshot, clock: SimClock): string {
  settle(s, clock);
  if (s.state !== 'pending' || !s.pending) return '100%';
  const span = Math.max(1, s.pending.at - s.startTime);
  return `${Math.min(99, Math.floor(((clock.now() - s.startTime) / span) * 100))}%`;
}

/** One `snapshotSet/item` (and CreateSnapshot's response body). */
export function snapshotXml(s: Ec2Snapshot, clock: SimClock): object {
  const progress = snapshotProgress(s, clock);
  return {
    snapshotId: s.id,
    volumeId: s.volumeId,
    status: s.state,
    startTime: new Date(s.startTime),
    progress,
    ownerId: s.ownerId,
    volumeSize: s.volumeSize,
    description: s.description,
    encrypted: s.encrypted,
    kmsKeyId: s.kmsKeyId,
    tagSet: tagSet(s.tags),
    storageTier: 'standard',
  };
}
