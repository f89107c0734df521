import { DisableKeyRotationCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { operationParams } from '@escher/protocol';
import { z } from 'zod';
import { arnResourceId } from '../core/arn.ts';
import type { AwsContext } from '../core/context.ts';
import { describeKey } from '../kms/describe-key.ts';
import { getKeyRotationStatus } from '../kms/get-key-rotation-status.ts';
import { awsOperation, localDryRun } from './aws-operation.ts';
import { gone, send, wrongState } from './op-call.ts';

/** The catalogue's params, with AWS's shapes for what it narrows. */
const KeyEncryptParams = operationParams('security.key.encrypt').extend({
  /** Days between rotations (90–2560; KMS's default is 365). */
  rotationPeriodDays: z.number().int().min(90).max(2560).optional(),
  /** Undo: turn automatic rotation off again. */
  restore: z
    .object({ rotation: z.literal(false) })
    .strict()
    .optional(),
});

/**
 * "Encrypt" for a key means stronger key hygiene: turn on automatic rotation of its key material
 * (the `security.key.no-rotation` finding). A KMS key always encrypts, so there is nothing else
 * to switch on. GetKeyRotationStatus (for the undo), then EnableKeyRotation. KMS has no dry run:
 * a dry run reads the status. AWS-managed keys always rotate and refuse the change. Undo:
 * `restore` calls DisableKeyRotation.
 */
export const securityKeyEncrypt = awsOperation({
  id: 'security.key.encrypt',
  types: ['security.key'],
  params: KeyEncryptParams,
  async run({ target, params, dryRun, ctx }) {
    const KeyId = arnResourceId(target.nativeId);
    const kms = ctx.clients.kms;
    const enabled = await getKeyRotationStatus(ctx, KeyId);
    if (params.restore) {
      if (enabled === false) return { status: 'succeeded', message: `${KeyId}: rotation is already off` };
      if (dryRun) return checkKey(ctx, KeyId, target.nativeId, `KMS would turn rotation of ${KeyId} off`);
      await send(ctx, { service: 'kms', operation: 'DisableKeyRotation' }, (o) =>
        kms.send(new DisableKeyRotationCommand({ KeyId }), o),
      );
      return {
        status: 'succeeded',
        message: `${KeyId}: automatic rotation off`,
        undo: { operation: 'security.key.encrypt', params: {} },
      };
    }
    if (enabled === true && params.rotationPeriodDays === undefined)
      return { status: 'succeeded', message: `${KeyId}: automatic rotation is already on` };
    if (dryRun)
      return checkKey(ctx, KeyId, target.nativeId, `KMS would turn on automatic rotation of ${KeyId}`);
    await send(ctx, { service: 'kms', operation: 'EnableKeyRotation' }, (o) =>
      kms.send(
        new EnableKeyRotationCommand({
          KeyId,
          ...(params.rotationPeriodDays ? { RotationPeriodInDays: params.rotationPeriodDays } : {}),
        }),
        o,
      ),
    );
    return {
      status: 'succeeded',
      message: `${KeyId}: automatic rotation on${params.rotationPeriodDays ? ` every ${params.rotationPeriodDays} days` : ''}`,
      ...(enabled === false
        ? { undo: { operation: 'security.key.encrypt' as const, params: { restore: { rotation: false } } } }
        : {}),
    };
  },
});

/** KMS's refusals, checked locally for a dry run: the key must exist, be customer-managed and enabled. */
async function checkKey(ctx: AwsContext, keyId: string, arn: string, message: string) {
  const key = await describeKey(ctx, keyId);
  if (!key) throw gone(arn);
  if (key.KeyManager !== 'CUSTOMER')
    throw wrongState(
      `kms:EnableKeyRotation ${keyId}: UnsupportedOperationException: AWS-managed keys rotate by themselves`,
    );
  if (key.KeyState !== 'Enabled')
    throw wrongState(
      `kms:EnableKeyRotation ${keyId}: KMSInvalidStateException: the key is ${key.KeyState ?? 'unknown'}`,
    );
  return localDryRun(message);
}
