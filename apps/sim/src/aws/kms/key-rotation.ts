import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { findKey } from './find-key.ts';
import type { KmsKey } from './state.ts';

/** A customer key that is Enabled: the only kind whose rotation a caller may change. */
function changeableKey(call: AwsCall, action: string): KmsKey {
  const key = findKey(call, call.body.KeyId);
  if (key.manager === 'AWS')
    throw new AwsError(
      'UnsupportedOperationException',
      `${key.arn} is an AWS managed key: AWS rotates it every year and its rotation cannot be changed (${action}).`,
    );
  if (key.state !== 'Enabled') throw new AwsError('KMSInvalidStateException', `${key.arn} is ${key.state}.`);
  return key;
}

/**
 * KMS EnableKeyRotation of a customer key, with an optional `RotationPeriodInDays` (90–2560,
 * default 365). AWS managed keys are UnsupportedOperationException, disabled or pending-deletion
 * keys KMSInvalidStateException.
 */
export const enableKeyRotation: AwsOperation = {
  name: 'EnableKeyRotation',
  mutating: true,
  handle: (call) => {
    const key = changeableKey(call, 'EnableKeyRotation');
    const days = call.body.RotationPeriodInDays;
    if (
      days !== undefined &&
      (typeof days !== 'number' || !Number.isInteger(days) || days < 90 || days > 2560)
    )
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${String(days)}' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value between 90 and 2560`,
      );
    key.rotation = true;
    key.rotationPeriodDays = typeof days === 'number' ? days : (key.rotationPeriodDays ?? 365);
    return {};
  },
};

/** KMS DisableKeyRotation of a customer key (same refusals as EnableKeyRotation). */
export const disableKeyRotation: AwsOperation = {
  name: 'DisableKeyRotation',
  mutating: true,
  handle: (call) => {
    changeableKey(call, 'DisableKeyRotation').rotation = false;
    return {};
  },
};
