import { operationParams } from '@escher/protocol';
import { awsOperation, dryRunOk, localDryRun } from './aws-operation.ts';
import { gone } from './op-call.ts';
import { awsTagKeys } from './tag-params.ts';
import { TAG_WRITERS, TAGGABLE_TYPES } from './tag-writers.ts';

/** The catalogue's `resource.tag` params, with AWS's key rules. */
const TagParams = operationParams('resource.tag').superRefine(awsTagKeys);

/**
 * Sets tags on any AWS resource through its own service's tag API (EC2 CreateTags, S3
 * PutBucketTagging merged into the existing set, RDS AddTagsToResource, Lambda/EKS/KMS
 * TagResource, ELBv2 AddTags, IAM TagUser/TagRole). The target is re-read first, so the undo holds
 * exactly what changed: the old values of overwritten keys, and removal of keys that were new.
 * Dry run: EC2's own; elsewhere checked locally.
 */
export const resourceTag = awsOperation({
  id: 'resource.tag',
  types: TAGGABLE_TYPES,
  params: TagParams,
  async run({ target, params, dryRun, ctx, refresh }) {
    const writer = TAG_WRITERS[target.type];
    const current = await refresh();
    if (!current) throw gone(target.nativeId);
    const old = new Map(Object.entries(current.tags));
    const set = Object.fromEntries(Object.entries(params.tags).filter(([k, v]) => old.get(k) !== v));
    const remove = (params.remove ?? []).filter((k) => old.has(k) && !(k in set));
    const changed = Object.keys(set).length + remove.length;
    if (changed === 0) return { status: 'succeeded', message: `${current.name}: tags already as asked` };
    if (dryRun) {
      if (!writer.dryRun) return localDryRun(`would change ${changed} tag(s) on ${current.name}`);
      await writer.dryRun(ctx, target, set, remove);
      return dryRunOk(`would change ${changed} tag(s) on ${current.name}`);
    }
    if (Object.keys(set).length) await writer.tag(ctx, target, set);
    if (remove.length) await writer.untag(ctx, target, remove);
    const added = Object.keys(set).filter((k) => !old.has(k));
    const putBack = Object.fromEntries(
      [...Object.keys(set), ...remove].filter((k) => old.has(k)).map((k) => [k, old.get(k)!]),
    );
    const undo =
      Object.keys(putBack).length === 0
        ? { operation: 'resource.untag' as const, params: { keys: added } }
        : {
            operation: 'resource.tag' as const,
            params: { tags: putBack, ...(added.length ? { remove: added } : {}) },
          };
    return {
      status: 'succeeded',
      message: `${current.name}: set ${Object.keys(set).join(', ') || 'nothing'}${remove.length ? `; removed ${remove.join(', ')}` : ''}`,
      undo,
    };
  },
});
