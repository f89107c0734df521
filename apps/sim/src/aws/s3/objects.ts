import { createHash } from 'node:crypto';
import { header, type SimResponse } from '../../core/http.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { decodeObjectBody } from './aws-chunked.ts';
import { findBucket, httpDate, s3Empty } from './s3-http.ts';
import type { S3Bucket, S3Object } from './state.ts';

/** S3 PutObject: stores the decoded bytes with content type, user metadata and the client's checksum. */
export const putObject: AwsOperation = {
  name: 'PutObject',
  mutating: true,
  handle: (call) => {
    const bucket = findBucket(call);
    const key = call.pathParams.Key!;
    if (Buffer.byteLength(key) > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long');
    const { body, checksum } = decodeObjectBody(call.req);
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(call.req.headers)) {
      if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
    }
    const object: S3Object = {
      key,
      body,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: Math.floor(call.sim.clock.now() / 1000) * 1000,
      contentType: header(call.req, 'content-type') ?? 'binary/octet-stream',
      metadata,
      checksum,
      versionId:
        bucket.versioning === 'Enabled'
          ? createHash('sha1').update(`${key}:${call.requestId}`).digest('base64url').slice(0, 32)
          : undefined,
    };
    bucket.objects.set(key, object);
    return s3Empty(200, {
      etag: object.etag,
      ...encryptionHeaders(bucket),
      ...(object.versionId ? { 'x-amz-version-id': object.versionId } : {}),
      ...(checksum
        ? { [`x-amz-checksum-${checksum.algorithm}`]: checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' }
        : {}),
    });
  },
};

/** S3 GetObject: the bytes, with `Range: bytes=a-b` (206) and the stored checksum when asked for. */
export const getObject: AwsOperation = {
  name: 'GetObject',
  handle: (call) => serveObject(call, false),
};

/** S3 HeadObject: GetObject's headers without the body. */
export const headObject: AwsOperation = {
  name: 'HeadObject',
  handle: (call) => serveObject(call, true),
};

/** S3 DeleteObject: 204 whether or not the key existed, as S3 does. */
export const deleteObject: AwsOperation = {
  name: 'DeleteObject',
  mutating: true,
  handle: (call) => {
    findBucket(call).objects.delete(call.pathParams.Key!);
    return s3Empty(204);
  },
};

function serveObject(call: AwsCall, head: boolean): SimResponse {
  const bucket = findBucket(call);
  const object = bucket.objects.get(call.pathParams.Key!);
  if (!object) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    ...encryptionHeaders(bucket),
    ...(object.versionId ? { 'x-amz-version-id': object.versionId } : {}),
  };
  for (const [k, v] of Object.entries(object.metadata)) headers[`x-amz-meta-${k}`] = v;
  const range = parseRange(header(call.req, 'range'), object.body.length);
  if (range) {
    const [start, end] = range;
    headers['content-range'] = `bytes ${start}-${end}/${object.body.length}`;
    headers['content-length'] = String(end - start + 1);
    return { status: 206, headers, body: head ? '' : object.body.subarray(start, end + 1) };
  }
  if (object.checksum && header(call.req, 'x-amz-checksum-mode') === 'ENABLED') {
    headers[`x-amz-checksum-${object.checksum.algorithm}`] = object.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  headers['content-length'] = String(object.body.length);
  return { status: 200, headers, body: head ? '' : object.body };
}

function parseRange(value: string | undefined, size: number): [number, number] | undefined {
  const m = value ? /^bytes=(\d*)-(\d*)$/.exec(value.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [start, end] =
    m[1] === ''
      ? [Math.max(0, size - Number(m[2])), size - 1]
      : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(size - 1, Number(m[2]))];
  if (start >= size || start > end)
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416);
  return [start, end];
}

function encryptionHeaders(bucket: S3Bucket): Record<string, string> {
  if (!bucket.encryption) return {};
  return {
    'x-amz-server-side-encryption': bucket.encryption.algorithm,
    ...(bucket.encryption.kmsKeyId
      ? { 'x-amz-server-side-encryption-aws-kms-key-id': bucket.encryption.kmsKeyId }
      : {}),
  };
}
