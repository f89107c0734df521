import type { Resource } from '@escher/protocol';
import { mapLimit } from '@escher/provider-api';
import type { GcpContext } from '../context.ts';
import { globalList } from './global-list.ts';
import { getSnapshotPublicMembers } from './get-snapshot-iam-policy.ts';
import { normaliseSnapshot } from './normalise-snapshot.ts';

/** IAM policy reads in flight per page; the gate still paces each one. */
const POLICY_CONCURRENCY = 8;

/** Every snapshot of the project (`snapshots.list`), each with its IAM policy's public members. */
export async function* listSnapshots(ctx: GcpContext): AsyncGenerator<Resource[]> {
  const client = await ctx.clients.snapshots();
  for await (const page of globalList(ctx, 'snapshots', (request, options) =>
    client.list(request, options),
  )) {
    const members = await mapLimit(page, POLICY_CONCURRENCY, (s) =>
      getSnapshotPublicMembers(ctx, s.name ?? ''),
    );
    yield page.map((record, i) => normaliseSnapshot(record, ctx.project, members[i]!));
  }
}
