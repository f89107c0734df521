import { operationParams } from '@escher/protocol';
import { awsOperation, dryRunOk, localDryRun } from './aws-operation.ts';
import { gone } from './op-call.ts';
import { awsTagKeys } from './tag-params.ts';
import { TAG_WRITERS, TAGGABLE_TYPES } from './tag-writers.ts';

/**
 * Removes tag keys from any AWS resource through its service's tag API (EC2 DeleteTags, S3's tag
 * set rewritten without them, RDS RemoveTagsFromResource, Lambda/EKS/KMS UntagResource, ELBv2
 * RemoveTags, IAM UntagUser/UntagRole). Keys the resource does not have are skipped. Undo: the
 * removed keys with their values. Dry run: EC2's own; elsewhere checked locally.
 */
export const resourceUntag = awsOperation({
  id: 'resource.untag',
  types: TAGGABLE_TYPES,
  params: operationParams('resource.untag').superRefine(awsTagKeys),
  async run({ target, params, dryRun, ctx, refresh }) {
    const writer = TAG_WRITERS[target.type];
    const current = await refresh();
    if (!current) throw gone(target.nativeId);
    const old = new Map(Object.entries(current.tags));
    const present = [...new Set(params.keys)].filter((k) => old.has(k));
    if (present.length === 0)
      return { status: 'succeeded', message: `${current.name} has none of these tags` };
    if (dryRun) {
      if (!writer.dryRun) return localDryRun(`would remove ${present.length} tag(s) from ${current.name}`);
      await writer.dryRun(ctx, target, {}, present);
      return dryRunOk(`would remove ${present.length} tag(s) from ${current.name}`);
    }
    await writer.untag(ctx, target, present);
    return {
      status: 'succeeded',
      message: `${current.name}: removed ${present.join(', ')}`,
      undo: {
        operation: 'resource.tag',
        params: { tags: Object.fromEntries(present.map((k) => [k, old.get(k)!])) },
      },
    };
  },
});
