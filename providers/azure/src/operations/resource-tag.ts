import { type OperationId, operationParams, UserError } from '@escher/protocol';
import type { OperationOutcome, ProviderOperation } from '@escher/provider-api';
import { azureTargetOf } from './arm-target.ts';
import { dryRunOk, parseParams, type OperationFactory } from './operation-kit.ts';
import { azureTagNames, existingName, MAX_TAGS, patchTags, readTags } from './tag-kit.ts';

const ID = 'resource.tag' as const;

/** The catalogue's `resource.tag` params, with ARM's tag name rules. */
const Params = operationParams(ID).superRefine(azureTagNames);

/**
 * Adds or overwrites tags on any Azure resource: PATCH tags at scope with operation Merge (and,
 * for `remove`, a second PATCH with operation Delete), each waited for. Other tags are untouched;
 * names match case-insensitively, as ARM's do. The undo puts back exactly what changed: the old
 * values of overwritten and removed names, and the removal of names that were new
 * (`resource.untag` when only new names were added).
 */
export const resourceTag: OperationFactory = ({ clients }): ProviderOperation => ({
  id: ID,
  params: Params,
  async run(request): Promise<OperationOutcome> {
    const params = parseParams(Params, request, ID);
    const target = azureTargetOf(request.target, ID);
    const before = await readTags(clients, request, target);
    const set: Record<string, string> = {};
    const added: string[] = [];
    const restore: Record<string, string> = {};
    for (const [name, value] of Object.entries(params.tags)) {
      const existing = existingName(before, name);
      if (existing !== undefined && before[existing] === value) continue;
      set[existing ?? name] = value;
      if (existing === undefined) added.push(name);
      else restore[existing] = before[existing]!;
    }
    const remove: Record<string, string> = {};
    for (const name of params.remove ?? []) {
      const existing = existingName(before, name);
      if (existing !== undefined && !(existing in set)) remove[existing] = before[existing]!;
    }
    Object.assign(restore, remove);
    const count = Object.keys(before).length + added.length - Object.keys(remove).length;
    if (count > MAX_TAGS)
      throw new UserError(
        'azure-too-many-tags',
        `${request.target.name} would have ${count} tags; Azure allows ${MAX_TAGS}`,
        {
          hint: 'Remove some tags in the same step (params.remove) or set fewer names',
        },
      );
    const changed = [...Object.keys(set), ...Object.keys(remove)];
    if (changed.length === 0) {
      const message = `${request.target.name} already has these tags`;
      return request.dryRun ? dryRunOk(message) : { status: 'succeeded', message };
    }
    if (request.dryRun) return dryRunOk(`Would change tags ${changed.join(', ')} on ${request.target.name}`);
    if (Object.keys(set).length > 0) await patchTags(clients, request, target, 'Merge', set);
    if (Object.keys(remove).length > 0) await patchTags(clients, request, target, 'Delete', remove);
    const undo: { operation: OperationId; params: Record<string, unknown> } =
      Object.keys(restore).length === 0
        ? { operation: 'resource.untag', params: { keys: added } }
        : { operation: ID, params: { tags: restore, ...(added.length > 0 ? { remove: added } : {}) } };
    return {
      status: 'succeeded',
      message: `Changed tags ${changed.join(', ')} on ${request.target.name}`,
      undo,
    };
  },
});
