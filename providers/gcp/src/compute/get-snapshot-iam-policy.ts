import { callGoogle, type GcpContext } from '../context.ts';
import { publicMembers } from '../iam-policy.ts';

/**
 * The public principals of one snapshot's IAM policy (`snapshots.getIamPolicy`). Sharing a
 * snapshot shows nowhere else in the API, so `compute.snapshot.public` needs one call each.
 */
export async function getSnapshotPublicMembers(ctx: GcpContext, snapshot: string): Promise<string[]> {
  const client = await ctx.clients.snapshots();
  const [policy] = await callGoogle(ctx, { service: 'compute', operation: 'snapshots.getIamPolicy' }, () =>
    client.getIamPolicy({ project: ctx.project, resource: snapshot }),
  );
  return publicMembers(policy.bindings);
}
