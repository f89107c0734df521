import { ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/** KMS ListResourceTags of one key (empty when the key policy denies it). */
export async function listResourceTags(ctx: AwsContext, keyId: string): Promise<Record<string, string>> {
  const out = await callOptional(
    ctx,
    { service: 'kms', operation: 'ListResourceTags' },
    ['AccessDeniedException', 'NotFoundException', 'KMSInvalidStateException'],
    (o) => ctx.clients.kms.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50 }), o),
  );
  const tags: Record<string, string> = {};
  for (const t of out?.Tags ?? []) if (t.TagKey !== undefined) tags[t.TagKey] = t.TagValue ?? '';
  return tags;
}
