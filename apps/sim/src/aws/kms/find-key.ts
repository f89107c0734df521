import type { AwsCall } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import type { KmsKey } from './state.ts';

/** Resolves a KeyId as KMS does: key id, key ARN, alias name or alias ARN. */
export function findKey(call: AwsCall, ref: unknown): KmsKey {
  if (typeof ref !== 'string' || ref === '')
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  const kms = call.regionState.kms;
  let id = ref;
  const arn = /^arn:aws:kms:[^:]+:\d{12}:(key\/.+|alias\/.+)$/.exec(ref)?.[1];
  if (arn) id = arn.startsWith('key/') ? arn.slice(4) : arn;
  if (id.startsWith('alias/')) {
    const alias = kms.aliases.get(id);
    if (!alias)
      throw new AwsError(
        'NotFoundException',
        `Alias arn:aws:kms:${call.region}:${call.account.id}:${id} is not found.`,
      );
    id = alias.keyId;
  }
  const key = kms.byId.get(id);
  if (!key)
    throw new AwsError(
      'NotFoundException',
      `Key 'arn:aws:kms:${call.region}:${call.account.id}:key/${id}' does not exist`,
    );
  return key;
}

/** Limit 1–1000 (default 100) with Marker, answered as Truncated + NextMarker. */
export function kmsLimit(call: AwsCall): number | undefined {
  const limit = call.body.Limit;
  if (limit === undefined) return undefined;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  return limit;
}

export const marker = (call: AwsCall): string | undefined =>
  typeof call.body.Marker === 'string' ? call.body.Marker : undefined;
