import type { AwsOperation } from '../operation.ts';
import { findKey } from './find-key.ts';

/** KMS DescribeKey → `{ KeyMetadata }` (dates as epoch seconds, as awsJson sends them). */
export const describeKey: AwsOperation = {
  name: 'DescribeKey',
  handle: (call) => {
    const key = findKey(call, call.body.KeyId);
    return {
      KeyMetadata: {
        AWSAccountId: call.account.id,
        KeyId: key.id,
        Arn: key.arn,
        CreationDate: key.createdAt / 1000,
        Enabled: key.state === 'Enabled',
        Description: key.description,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: key.state,
        ...(key.deletionDate
          ? { DeletionDate: key.deletionDate / 1000, PendingDeletionWindowInDays: 30 }
          : {}),
        Origin: 'AWS_KMS',
        KeyManager: key.manager,
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
    };
  },
};
