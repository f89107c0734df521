import type { AwsOperation } from '../operation.ts';
import { findKey } from './find-key.ts';

/** KMS ListResourceTags → `{ Tags: [{ TagKey, TagValue }], Truncated }`. */
export const listResourceTags: AwsOperation = {
  name: 'ListResourceTags',
  handle: (call) => ({
    Tags: Object.entries(findKey(call, call.body.KeyId).tags).map(([TagKey, TagValue]) => ({
      TagKey,
      TagValue,
    })),
    Truncated: false,
  }),
};
