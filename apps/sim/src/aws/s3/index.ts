import type { AwsRestRoute, AwsService } from '../operation.ts';
import { createBucket, deleteBucket, getBucketLocation, headBucket } from './bucket.ts';
import {
  deletePublicAccessBlock,
  getBucketAcl,
  getBucketEncryption,
  getBucketPolicy,
  getBucketPolicyStatus,
  getBucketVersioning,
  getPublicAccessBlock,
  putBucketVersioning,
  putPublicAccessBlock,
} from './bucket-security.ts';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './bucket-tagging.ts';
import { listBuckets } from './list-buckets.ts';
import { putBucketEncryption } from './put-bucket-encryption.ts';
import { listObjects, listObjectsV2 } from './list-objects.ts';
import { deleteObject, getObject, headObject, putObject } from './objects.ts';

const B = '/{Bucket}';
const K = '/{Bucket}/{Key+}';

/** Routes, path style (`forcePathStyle: true`); bucket sub-resources are told apart by query key. */
const routes: AwsRestRoute[] = [
  { method: 'GET', path: '/', operation: listBuckets },
  { method: 'GET', path: B, query: 'location', operation: getBucketLocation },
  { method: 'GET', path: B, query: 'tagging', operation: getBucketTagging },
  { method: 'PUT', path: B, query: 'tagging', operation: putBucketTagging },
  { method: 'DELETE', path: B, query: 'tagging', operation: deleteBucketTagging },
  { method: 'GET', path: B, query: 'encryption', operation: getBucketEncryption },
  { method: 'PUT', path: B, query: 'encryption', operation: putBucketEncryption },
  { method: 'GET', path: B, query: 'publicAccessBlock', operation: getPublicAccessBlock },
  { method: 'PUT', path: B, query: 'publicAccessBlock', operation: putPublicAccessBlock },
  { method: 'DELETE', path: B, query: 'publicAccessBlock', operation: deletePublicAccessBlock },
  { method: 'GET', path: B, query: 'policyStatus', operation: getBucketPolicyStatus },
  { method: 'GET', path: B, query: 'policy', operation: getBucketPolicy },
  { method: 'GET', path: B, query: 'acl', operation: getBucketAcl },
  { method: 'GET', path: B, query: 'versioning', operation: getBucketVersioning },
  { method: 'PUT', path: B, query: 'versioning', operation: putBucketVersioning },
  { method: 'GET', path: B, query: 'list-type', operation: listObjectsV2 },
  { method: 'GET', path: B, operation: listObjects },
  { method: 'PUT', path: B, operation: createBucket },
  { method: 'HEAD', path: B, operation: headBucket },
  { method: 'DELETE', path: B, operation: deleteBucket },
  { method: 'PUT', path: K, operation: putObject },
  { method: 'GET', path: K, operation: getObject },
  { method: 'HEAD', path: K, operation: headObject },
  { method: 'DELETE', path: K, operation: deleteObject },
];

/** Amazon S3 (restXml, path style). ListBuckets is global; buckets carry their region. */
export const S3_SERVICE: AwsService = {
  signingName: 's3',
  protocol: 'rest-xml',
  global: true,
  routes,
};
