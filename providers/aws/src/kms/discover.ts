import type { Resource } from '@escher/protocol';
import type { AwsContext } from '../core/context.ts';
import { mapLimit } from '@escher/provider-api';
import { describeKey } from './describe-key.ts';
import { getKeyRotationStatus } from './get-key-rotation-status.ts';
import { listAliases } from './list-aliases.ts';
import { listKeys } from './list-keys.ts';
import { listResourceTags } from './list-resource-tags.ts';
import { normaliseKey, type KeyDetails } from './normalise-key.ts';

/** Rotation status can be read for customer keys that are not on their way out. */
const ROTATION_READABLE = new Set(['Enabled', 'Disabled']);

/**
 * KMS keys of one region: ListKeys, the region's aliases once, then per key DescribeKey and —
 * customer-managed keys only, since AWS-managed ones always rotate and carry no tags —
 * GetKeyRotationStatus and ListResourceTags.
 */
export async function* discoverKeys(ctx: AwsContext): AsyncGenerator<Resource[]> {
  let aliases: Map<string, string[]> | undefined;
  for await (const page of listKeys(ctx)) {
    aliases ??= await listAliases(ctx);
    const details = await mapLimit(page, ctx.itemConcurrency, (entry) =>
      keyDetails(ctx, entry.KeyId ?? '', aliases!, entry.KeyArn),
    );
    yield details.map((d) => normaliseKey(d, ctx));
  }
}

/**
 * What discovery reads about one key (also how `refresh` re-reads one): DescribeKey, and for
 * customer-managed keys GetKeyRotationStatus and ListResourceTags.
 */
export async function keyDetails(
  ctx: AwsContext,
  keyId: string,
  aliases: ReadonlyMap<string, string[]>,
  keyArn?: string,
): Promise<KeyDetails> {
  const metadata = await describeKey(ctx, keyId);
  const customer = metadata?.KeyManager === 'CUSTOMER';
  const [rotationEnabled, tags] = await Promise.all([
    customer && ROTATION_READABLE.has(metadata.KeyState ?? '') ? getKeyRotationStatus(ctx, keyId) : undefined,
    customer ? listResourceTags(ctx, keyId) : {},
  ]);
  return {
    arn: keyArn ?? metadata?.Arn ?? `arn:aws:kms:${ctx.region}:${ctx.account}:key/${keyId}`,
    keyId,
    metadata,
    aliases: aliases.get(keyId) ?? [],
    rotationEnabled,
    tags,
  };
}
