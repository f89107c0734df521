import { createHash } from 'node:crypto';
import { isoTime, versionEtag } from '../ids.ts';
import { crc32cBase64 } from './crc32c.ts';
import type { GcsBucket, GcsObject } from './types.ts';

/** Cloud Storage JSON API representation of a bucket (`projection=noAcl`). */
export function bucketJson(base: string, b: GcsBucket): Record<string, unknown> {
  return {
    kind: 'storage#bucket',
    selfLink: `${base}/storage/v1/b/${b.name}`,
    id: b.name,
    name: b.name,
    projectNumber: b.projectNumber,
    generation: String(b.createdMs * 1000 + 123),
    metageneration: String(b.metageneration),
    location: b.location,
    storageClass: b.storageClass,
    etag: versionEtag(b.metageneration),
    timeCreated: isoTime(b.createdMs),
    updated: isoTime(b.updatedMs),
    softDeletePolicy: { retentionDurationSeconds: '604800', effectiveTime: isoTime(b.createdMs) },
    iamConfiguration: {
      bucketPolicyOnly: { enabled: b.uniformAccess },
      uniformBucketLevelAccess: { enabled: b.uniformAccess },
      publicAccessPrevention: b.publicAccessPrevention,
    },
    locationType: b.locationType,
    rpo: b.locationType === 'multi-region' ? 'DEFAULT' : undefined,
    versioning: b.versioning === undefined ? undefined : { enabled: b.versioning },
    labels: Object.keys(b.labels).length ? b.labels : undefined,
    encryption: b.kmsKeyName ? { defaultKmsKeyName: b.kmsKeyName } : undefined,
  };
}

export function policyJson(b: GcsBucket): Record<string, unknown> {
  return {
    kind: 'storage#policy',
    resourceId: `projects/_/buckets/${b.name}`,
    version: b.iam.version,
    etag: versionEtag(b.metageneration + 100),
    bindings: b.iam.bindings,
  };
}

export function objectHashes(o: GcsObject): { md5: string; crc32c: string } {
  return { md5: createHash('md5').update(o.data).digest('base64'), crc32c: crc32cBase64(o.data) };
}

export function objectJson(base: string, bucket: GcsBucket, o: GcsObject): Record<string, unknown> {
  const encoded = encodeURIComponent(o.name);
  const { md5, crc32c } = objectHashes(o);
  return {
    kind: 'storage#object',
    id: `${bucket.name}/${o.name}/${o.generation}`,
    selfLink: `${base}/storage/v1/b/${bucket.name}/o/${encoded}`,
    mediaLink: `${base}/download/storage/v1/b/${bucket.name}/o/${encoded}?generation=${o.generation}&alt=media`,
    name: o.name,
    bucket: bucket.name,
    generation: o.generation,
    metageneration: '1',
    contentType: o.contentType,
    storageClass: bucket.storageClass,
    size: String(o.data.length),
    md5Hash: md5,
    crc32c,
    etag: versionEtag(Number(o.generation.slice(-6))),
    timeCreated: isoTime(o.createdMs),
    updated: isoTime(o.updatedMs),
    timeStorageClassUpdated: isoTime(o.createdMs),
    metadata: o.metadata,
  };
}
