import { DescribeKeyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/**
 * KMS DescribeKey. Undefined when the key is gone or its key policy hides it from us
 * (AccessDeniedException is common for keys other teams own); the key is still listed.
 */
export async function describeKey(ctx: AwsContext, keyId: string): Promise<KeyMetadata | undefined> {
  const out = await callOptional(
    ctx,
    { service: 'kms', operation: 'DescribeKey' },
    ['NotFoundException', 'AccessDeniedException'],
    (o) => ctx.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId }), o),
  );
  return out?.KeyMetadata;
}
