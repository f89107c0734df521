import type { OperationRequest } from '@escher/provider-api';
import { z } from 'zod';
import type { AzureClients } from '../clients.ts';
import type { ArmTarget } from './arm-target.ts';
import { armRead, runLro } from './operation-kit.ts';

/** ARM's tag rules: names up to 512 characters without `< > % & \ ? /`, values up to 256. */
export const TagKey = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[^<>%&\\?/]+$/, 'tag names cannot contain < > % & \\ ? /');
export const TagValue = z.string().max(256);
/** Tags a resource (or group) can carry at most. */
export const MAX_TAGS = 50;

/** The resource's tags now (GET {id}/providers/Microsoft.Resources/tags/default). */
export async function readTags(
  clients: AzureClients,
  request: OperationRequest,
  target: ArmTarget,
): Promise<Record<string, string>> {
  const got = await armRead(request, target.subscriptionId, 'tags.getAtScope', () =>
    clients
      .resources(target.subscriptionId)
      .tagsOperations.getAtScope(target.id, { abortSignal: request.signal }),
  );
  return { ...(got.properties?.tags ?? {}) };
}

/**
 * One PATCH of tags at scope (…/providers/Microsoft.Resources/tags/default), waited for: `Merge`
 * adds or overwrites the given tags, `Delete` removes the given name/value pairs; every other tag
 * stays. The same call serves every resource type, which is why tagging goes through it.
 */
export function patchTags(
  clients: AzureClients,
  request: OperationRequest,
  target: ArmTarget,
  operation: 'Merge' | 'Delete',
  tags: Record<string, string>,
): Promise<unknown> {
  return runLro<unknown>(
    request,
    target.subscriptionId,
    `tags.updateAtScope.${operation.toLowerCase()}`,
    async (abortSignal) => ({
      poller: await clients
        .resources(target.subscriptionId)
        .tagsOperations.beginUpdateAtScope(target.id, { operation, properties: { tags } }, { abortSignal }),
    }),
  );
}

/** The name a tag has on the resource, matched case-insensitively as ARM matches tag names. */
export function existingName(tags: Record<string, string>, name: string): string | undefined {
  if (name in tags) return name;
  const lower = name.toLowerCase();
  return Object.keys(tags).find((k) => k.toLowerCase() === lower);
}

/** ARM's narrowing of the catalogue's tag params: every name (in `tags`, `remove`, `keys`) a valid Azure tag name. */
export function azureTagNames(
  p: { tags?: Record<string, string>; remove?: string[]; keys?: string[] },
  ctx: z.RefinementCtx,
): void {
  for (const name of [...Object.keys(p.tags ?? {}), ...(p.remove ?? []), ...(p.keys ?? [])]) {
    const r = TagKey.safeParse(name);
    if (!r.success)
      ctx.addIssue({
        code: 'custom',
        path: ['tags', name],
        message: r.error.issues[0]?.message ?? 'not an Azure tag name',
      });
  }
}
