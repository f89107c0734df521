import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { setTag } from '../tagging/tags.ts';
import { findKey } from './find-key.ts';

const validation = (what: string): AwsError =>
  new AwsError('ValidationException', `1 validation error detected: ${what}`);

/**
 * KMS TagResource: `Tags: [{ TagKey, TagValue }]` on a customer key (`aws:` keys are TagException;
 * AWS managed keys cannot be tagged); existing keys get the new value. `{}`.
 */
export const tagResource: AwsOperation = {
  name: 'TagResource',
  mutating: true,
  handle: (call) => {
    const key = findKey(call, call.body.KeyId);
    const tags = call.body.Tags;
    if (!Array.isArray(tags)) throw validation("Value null at 'tags' failed to satisfy constraint");
    const pairs = tags.map((t: unknown) => {
      const { TagKey, TagValue } = (t ?? {}) as { TagKey?: unknown; TagValue?: unknown };
      if (typeof TagKey !== 'string' || TagKey.length < 1 || TagKey.length > 128)
        throw validation("Value at 'tags.member.tagKey' failed to satisfy constraint");
      if (typeof TagValue !== 'string' || TagValue.length > 256)
        throw validation("Value at 'tags.member.tagValue' failed to satisfy constraint");
      if (TagKey.toLowerCase().startsWith('aws:'))
        throw new AwsError('TagException', 'Tags beginning with aws: are reserved');
      return [TagKey, TagValue] as const;
    });
    if (key.manager === 'AWS')
      throw new AwsError(
        'UnsupportedOperationException',
        `${key.arn} is an AWS managed key and cannot be tagged.`,
      );
    if (key.state === 'PendingDeletion')
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    for (const [k, v] of pairs) setTag(key.tags, k, v);
    return {};
  },
};

/** KMS UntagResource: `TagKeys: [...]`; keys the key does not have are ignored. `{}`. */
export const untagResource: AwsOperation = {
  name: 'UntagResource',
  mutating: true,
  handle: (call) => {
    const key = findKey(call, call.body.KeyId);
    const keys = call.body.TagKeys;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
      throw validation("Value null at 'tagKeys' failed to satisfy constraint");
    if (key.state === 'PendingDeletion')
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    for (const k of keys as string[]) delete key.tags[k];
    return {};
  },
};
