import { GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import { callOptional } from '../core/call.ts';
import type { AwsContext } from '../core/context.ts';

/**
 * KMS GetKeyRotationStatus; undefined when it cannot be read (keys pending deletion, asymmetric
 * keys, key policies that deny it).
 */
export async function getKeyRotationStatus(ctx: AwsContext, keyId: string): Promise<boolean | undefined> {
  const out = await callOptional(
    ctx,
    { service: 'kms', operation: 'GetKeyRotationStatus' },
    [
      'KMSInvalidStateException',
      'UnsupportedOperationException',
      'AccessDeniedException',
      'NotFoundException',
    ],
    (o) => ctx.clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), o),
  );
  return out?.KeyRotationEnabled;
}
