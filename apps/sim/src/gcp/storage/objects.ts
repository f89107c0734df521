import { createHash } from 'node:crypto';
import { header, json, type SimResponse } from '../../core/http.ts';
import { GcpError, invalid, notFound } from '../errors.ts';
import { pageOf } from '../paging.ts';
import { ok, type GcpCall, type GcpRoute } from '../route.ts';
import { bucketScope, GCS_PAGING, requireBucket } from './buckets.ts';
import { objectHashes, objectJson } from './render.ts';
import { objectsOf } from './seed-objects.ts';
import type { GcsBucket, GcsObject } from './types.ts';

function requireObject(call: GcpCall): { bucket: GcsBucket; object: GcsObject } {
  const bucket = requireBucket(call);
  const object = objectsOf(bucket).get(call.params['object'] ?? '');
  if (!object) throw notFound(`No such object: ${bucket.name}/${call.params['object']}`);
  return { bucket, object };
}

function media(bucket: GcsBucket, object: GcsObject): SimResponse {
  const { md5, crc32c } = objectHashes(object);
  return {
    status: 200,
    headers: {
      'content-type': object.contentType,
      'x-goog-hash': `crc32c=${crc32c},md5=${md5}`,
      'x-goog-generation': object.generation,
      'x-goog-metageneration': '1',
      'x-goog-stored-content-encoding': 'identity',
      'x-goog-stored-content-length': String(object.data.length),
      'x-goog-storage-class': bucket.storageClass,
    },
    body: object.data,
  };
}

function list(call: GcpCall): SimResponse {
  const bucket = requireBucket(call);
  const prefix = call.query.get('prefix') ?? '';
  const delimiter = call.query.get('delimiter') ?? '';
  const prefixes = new Set<string>();
  const items: GcsObject[] = [];
  for (const o of [...objectsOf(bucket).values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!o.name.startsWith(prefix)) continue;
    const rest = o.name.slice(prefix.length);
    const cut = delimiter ? rest.indexOf(delimiter) : -1;
    if (cut >= 0) prefixes.add(prefix + rest.slice(0, cut + delimiter.length));
    else items.push(o);
  }
  const page = pageOf(call, items, GCS_PAGING);
  return ok({
    kind: 'storage#objects',
    nextPageToken: page.nextToken,
    prefixes: prefixes.size ? [...prefixes] : undefined,
    items: page.items.length ? page.items.map((o) => objectJson(call.base, bucket, o)) : undefined,
  });
}

function store(
  call: GcpCall,
  bucket: GcsBucket,
  name: string,
  data: Buffer,
  contentType: string,
  metadata?: Record<string, string>,
): SimResponse {
  if (!name || name.length > 1024) throw new GcpError(400, 'required', 'Required parameter: name');
  const object: GcsObject = {
    name,
    generation: String(call.now * 1000 + (objectsOf(bucket).size % 1000)),
    createdMs: call.now,
    updatedMs: call.now,
    contentType,
    data,
    metadata,
  };
  objectsOf(bucket).set(name, object);
  return ok(objectJson(call.base, bucket, object));
}

/** Splits a multipart/related body into its parts (headers are not needed beyond the type). */
function multipartParts(body: Buffer, contentType: string): { type: string; data: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw invalid('Missing multipart boundary.');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { type: string; data: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const chunk = body.subarray(start + delimiter.length, next);
    const split = chunk.indexOf('\r\n\r\n');
    if (split >= 0) {
      const headers = chunk.subarray(0, split).toString('utf8');
      let data = chunk.subarray(split + 4);
      if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
      parts.push({
        type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
        data,
      });
    }
    start = next;
  }
  return parts;
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function upload(call: GcpCall): SimResponse {
  const bucket = requireBucket(call);
  const type = call.query.get('uploadType');
  const contentType = header(call.req, 'content-type') ?? 'application/octet-stream';
  if (type === 'media') return store(call, bucket, call.query.get('name') ?? '', call.req.body, contentType);
  if (type === 'multipart') {
    const [meta, data] = multipartParts(call.req.body, contentType);
    if (!meta || !data) throw invalid('Multipart body must have metadata and media parts.');
    let metadata: Record<string, unknown>;
    try {
      metadata = JSON.parse(meta.data.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new GcpError(400, 'parseError', 'Invalid JSON payload received in metadata part.');
    }
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : (call.query.get('name') ?? '');
    return store(
      call,
      bucket,
      name,
      data.data,
      typeof metadata['contentType'] === 'string' ? metadata['contentType'] : data.type,
      stringRecord(metadata['metadata']),
    );
  }
  if (type === 'resumable') {
    const metadata = call.body();
    const name = typeof metadata['name'] === 'string' ? metadata['name'] : (call.query.get('name') ?? '');
    const id = createHash('sha256')
      .update(`${bucket.name}/${name}/${call.now}/${call.estate.storage.uploads.size}`)
      .digest('base64url')
      .slice(0, 40);
    call.estate.storage.uploads.set(id, {
      bucket: bucket.name,
      name,
      contentType:
        typeof metadata['contentType'] === 'string'
          ? metadata['contentType']
          : (header(call.req, 'x-upload-content-type') ?? 'application/octet-stream'),
      metadata: stringRecord(metadata['metadata']),
    });
    return json(
      200,
      {},
      {
        location: `${call.base}/upload/storage/v1/b/${encodeURIComponent(bucket.name)}/o?uploadType=resumable&upload_id=${id}`,
      },
    );
  }
  throw invalid(`Invalid upload type: ${type ?? '(none)'}`);
}

/** The data of a resumable session, sent in one request (`Content-Range: bytes 0-N/N+1` or `*\/N`). */
function resumableData(call: GcpCall): SimResponse {
  const bucket = requireBucket(call);
  const id = call.query.get('upload_id') ?? '';
  const session = call.estate.storage.uploads.get(id);
  if (!session || session.bucket !== bucket.name) throw notFound('No such upload session.');
  call.estate.storage.uploads.delete(id);
  return store(call, bucket, session.name, call.req.body, session.contentType, session.metadata);
}

const scope = bucketScope;

/** objects.list/get/delete, media download and media/multipart/resumable uploads. */
export const objectRoutes: GcpRoute[] = [
  {
    method: 'GET',
    path: '/storage/v1/b/{bucket}/o',
    service: 'storage',
    operation: 'objects.list',
    scope,
    handle: list,
  },
  {
    method: 'GET',
    path: '/storage/v1/b/{bucket}/o/{object}',
    service: 'storage',
    operation: 'objects.get',
    scope,
    handle(call) {
      const { bucket, object } = requireObject(call);
      return call.query.get('alt') === 'media'
        ? media(bucket, object)
        : ok(objectJson(call.base, bucket, object));
    },
  },
  {
    method: 'GET',
    path: '/download/storage/v1/b/{bucket}/o/{object}',
    service: 'storage',
    operation: 'objects.get',
    scope,
    handle(call) {
      const { bucket, object } = requireObject(call);
      return media(bucket, object);
    },
  },
  {
    method: 'DELETE',
    path: '/storage/v1/b/{bucket}/o/{object}',
    service: 'storage',
    operation: 'objects.delete',
    mutating: true,
    scope,
    handle(call) {
      const { bucket, object } = requireObject(call);
      objectsOf(bucket).delete(object.name);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/upload/storage/v1/b/{bucket}/o',
    service: 'storage',
    operation: 'objects.insert',
    mutating: true,
    rawBody: true,
    scope,
    handle: upload,
  },
  {
    method: 'PUT',
    path: '/upload/storage/v1/b/{bucket}/o',
    service: 'storage',
    operation: 'objects.insert',
    mutating: true,
    rawBody: true,
    scope,
    handle: resumableData,
  },
];
