import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { z } from 'zod';
import { azureTargetOf } from './arm-target.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { existingName, MAX_TAGS, patchTags, readTags, TagKey } from './tag-kit.ts';

const ID = 'resource.untag';

const Params = z.object({
  /** Tag names to remove; names the resource does not have are ignored. */
  keys: z.array(TagKey).min(1).max(MAX_TAGS),
});

/**
 * Removes tags from any Azure resource: PATCH tags at scope with operation Delete and the names'
 * current values, waited for. Names match case-insensitively; other tags are untouched. The undo is `resource.tag` with the
 * removed names and values.
 */
export const resourceUntag: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const { keys } = parseParams(Params, request, ID);
    const target = azureTargetOf(request.target, ID);
    const before = await readTags(clients, request, target);
    const removed: Record<string, string> = {};
    for (const key of keys) {
      const existing = existingName(before, key);
      if (existing !== undefined) removed[existing] = before[existing]!;
    }
    const names = Object.keys(removed);
    if (names.length === 0) {
      const message = `${request.target.name} has none of the tags ${keys.join(', ')}`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun) return dryRunOk(`Would remove tags ${names.join(', ')} from ${request.target.name}`);
    await patchTags(clients, request, target, 'Delete', removed);
    return {
      status: 'succeeded',
      message: `Removed tags ${names.join(', ')} from ${request.target.name}`,
      undo: { operation: 'resource.tag', params: { tags: removed } },
    };
  },
});
