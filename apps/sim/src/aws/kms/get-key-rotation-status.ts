import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { findKey } from './find-key.ts';

const YEAR = 365 * 86_400_000;

/** KMS GetKeyRotationStatus; a key pending deletion answers KMSInvalidStateException. */
export const getKeyRotationStatus: AwsOperation = {
  name: 'GetKeyRotationStatus',
  handle: (call) => {
    const key = findKey(call, call.body.KeyId);
    if (key.state === 'PendingDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    }
    if (!key.rotation) return { KeyRotationEnabled: false, KeyId: key.arn };
    const now = call.sim.clock.now();
    const days = key.rotationPeriodDays ?? 365;
    const period = (days / 365) * YEAR;
    const periods = Math.ceil((now - key.createdAt) / period);
    return {
      KeyRotationEnabled: true,
      KeyId: key.arn,
      RotationPeriodInDays: days,
      NextRotationDate: (key.createdAt + Math.max(1, periods) * period) / 1000,
    };
  },
};
