import { operationParams } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { azureTargetOf } from './arm-target.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { azureTagNames, existingName, patchTags, readTags } from './tag-kit.ts';

const ID = 'resource.untag' as const;

/** The catalogue's `resource.untag` params, with ARM's tag name rules. */
const Params = operationParams(ID).superRefine(azureTagNames);

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
