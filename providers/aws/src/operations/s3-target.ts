import type { Resource } from '@escher/protocol';

/** The bucket name of an `arn:aws:s3:::{bucket}` ARN. */
export function bucketName(target: Resource): string {
  return target.nativeId.replace(/^arn:aws[\w-]*:s3:::/, '');
}

/** The `{ service, operation }` of an S3 call. */
export const s3Op = (operation: string) => ({ service: 's3', operation }) as const;
