import type { TagMap } from '../tagging/tags.ts';

export interface S3Object {
  key: string;
  body: Buffer;
  etag: string;
  lastModified: number;
  contentType: string;
  metadata: Record<string, string>;
  /** A checksum the client sent (`x-amz-checksum-crc32` …), returned when asked for. */
  checksum?: { algorithm: string; value: string } | undefined;
  versionId?: string | undefined;
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface S3Bucket {
  name: string;
  /** The account that owns it. */
  account: string;
  region: string;
  createdAt: number;
  /** Undefined: no tag set at all (GetBucketTagging answers NoSuchTagSet). */
  tags?: TagMap | undefined;
  /** Undefined: no default encryption (pre-2023 buckets). */
  encryption?:
    { algorithm: 'AES256' | 'aws:kms'; kmsKeyId?: string | undefined; bucketKey: boolean } | undefined;
  publicAccessBlock?: PublicAccessBlock | undefined;
  /** Bucket policy JSON, when the bucket has one. */
  policy?: string | undefined;
  /** Whether the policy grants access to everyone (GetBucketPolicyStatus IsPublic). */
  policyPublic: boolean;
  /** The ACL grants READ to AllUsers (`public-read`). */
  aclPublicRead: boolean;
  /** Undefined: versioning never enabled. */
  versioning?: 'Enabled' | 'Suspended' | undefined;
  objects: Map<string, S3Object>;
}

/** S3 state of one account: its buckets (bucket names are global across accounts). */
export interface S3State {
  buckets: Map<string, S3Bucket>;
}

export function emptyS3State(): S3State {
  return { buckets: new Map() };
}
