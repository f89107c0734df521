import type { AwsService } from '../operation.ts';
import { describeKey } from './describe-key.ts';
import { getKeyRotationStatus } from './get-key-rotation-status.ts';
import { disableKeyRotation, enableKeyRotation } from './key-rotation.ts';
import { listAliases } from './list-aliases.ts';
import { listKeys } from './list-keys.ts';
import { listResourceTags } from './list-resource-tags.ts';
import { tagResource, untagResource } from './tag-resource.ts';

/** AWS Key Management Service (awsJson1_1, `TrentService`). */
export const KMS_SERVICE: AwsService = {
  signingName: 'kms',
  protocol: 'json',
  targetPrefix: 'TrentService',
  operations: [
    listKeys,
    listAliases,
    describeKey,
    getKeyRotationStatus,
    listResourceTags,
    enableKeyRotation,
    disableKeyRotation,
    tagResource,
    untagResource,
  ],
};
