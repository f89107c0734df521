import type { AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { xmlList } from '../protocol/xml.ts';
import { setTag, tagList } from '../tagging/tags.ts';
import { findBucket, parseXmlBody, s3Empty, s3Xml } from './s3-http.ts';

/** S3 GetBucketTagging; NoSuchTagSet when the bucket has none. */
export const getBucketTagging: AwsOperation = {
  name: 'GetBucketTagging',
  handle: (call) => {
    const bucket = findBucket(call);
    if (!bucket.tags || Object.keys(bucket.tags).length === 0)
      throw new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404);
    return s3Xml('Tagging', { TagSet: xmlList('Tag', tagList(bucket.tags)) });
  },
};

/** S3 PutBucketTagging: replaces the whole tag set (at most 50 tags, unique keys). */
export const putBucketTagging: AwsOperation = {
  name: 'PutBucketTagging',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    const doc = parseXmlBody(call) as {
      Tagging?: { TagSet?: { Tag?: { Key?: unknown; Value?: unknown }[] } | string };
    };
    const set = doc.Tagging?.TagSet;
    const tags = typeof set === 'object' ? (set.Tag ?? []) : [];
    const out: Record<string, string> = {};
    for (const t of tags) {
      const key = String(t.Key ?? '');
      if (!key) throw new AwsError('InvalidTag', 'The tag key must not be empty');
      if (Object.prototype.hasOwnProperty.call(out, key))
        throw new AwsError('InvalidTag', 'Cannot provide multiple Tags with the same key');
      if (key.toLowerCase().startsWith('aws:'))
        throw new AwsError('InvalidTag', 'System tags cannot be added/updated by requester');
      setTag(out, key, String(t.Value ?? ''));
    }
    if (Object.keys(out).length > 50)
      throw new AwsError('BadRequest', 'Object tags cannot be greater than 50');
    bucket.tags = out;
    return s3Empty(204);
  },
};

/** S3 DeleteBucketTagging: 204. */
export const deleteBucketTagging: AwsOperation = {
  name: 'DeleteBucketTagging',
  mutating: true,
  handle: (call) => {
    findBucket(call).tags = undefined;
    return s3Empty(204);
  },
};
