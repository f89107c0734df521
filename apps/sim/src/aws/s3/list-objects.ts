import { paginate } from '../../core/paginate.ts';
import type { AwsCall, AwsOperation } from '../operation.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { toXml, xmlList } from '../protocol/xml.ts';
import { findBucket, s3XmlRaw } from './s3-http.ts';
import type { S3Object } from './state.ts';

type Entry = { kind: 'object'; object: S3Object } | { kind: 'prefix'; prefix: string };

/** Keys under `prefix` (after `startAfter`), with keys sharing a delimiter-bounded prefix rolled up. */
function entries(call: AwsCall, prefix: string, delimiter: string, startAfter: string): Entry[] {
  const keys = [...findBucket(call).objects.values()]
    .filter((o) => o.key.startsWith(prefix) && o.key > startAfter)
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const out: Entry[] = [];
  const seen = new Set<string>();
  for (const object of keys) {
    const cut = delimiter ? object.key.indexOf(delimiter, prefix.length) : -1;
    if (cut < 0) {
      out.push({ kind: 'object', object });
      continue;
    }
    const common = object.key.slice(0, cut + delimiter.length);
    if (!seen.has(common)) {
      seen.add(common);
      out.push({ kind: 'prefix', prefix: common });
    }
  }
  return out;
}

function maxKeys(call: AwsCall): number | undefined {
  const raw = call.req.query.get('max-keys');
  if (raw === null) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  return n;
}

/** What both list calls read the same way: prefix, delimiter and `encoding-type=url`. */
function listingQuery(call: AwsCall): {
  prefix: string;
  delimiter: string;
  url: boolean;
  enc(s: string): string;
} {
  const q = call.req.query;
  const url = q.get('encoding-type') === 'url';
  return {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    url,
    enc: (s) => (url ? encodeURIComponent(s).replace(/%2F/g, '/') : s),
  };
}

/** A page's `Contents` and `CommonPrefixes`, flattened: repeated directly inside ListBucketResult. */
function entriesXml(items: Entry[], enc: (s: string) => string, content: (o: S3Object) => object): string {
  const objects = items.flatMap((e) => (e.kind === 'object' ? [e.object] : []));
  const prefixes = items.flatMap((e) => (e.kind === 'prefix' ? [e.prefix] : []));
  return (
    toXml(xmlList('Contents', objects.map(content))) +
    toXml(
      xmlList(
        'CommonPrefixes',
        prefixes.map((p) => ({ Prefix: enc(p) })),
      ),
    )
  );
}

/**
 * S3 ListObjectsV2: `GET /{Bucket}?list-type=2` with prefix, delimiter, max-keys (≤ 1000),
 * continuation-token, start-after, fetch-owner and encoding-type=url (the CLI asks for it).
 */
export const listObjectsV2: AwsOperation = {
  name: 'ListObjectsV2',
  handle: (call) => {
    const q = call.req.query;
    const bucket = findBucket(call);
    const { prefix, delimiter, url, enc } = listingQuery(call);
    const requested = maxKeys(call);
    const token = q.get('continuation-token') ?? undefined;
    const all = entries(call, prefix, delimiter, q.get('start-after') ?? '');
    const page =
      requested === 0
        ? { items: [], nextToken: undefined }
        : paginate(
            all,
            { token, requested, defaultSize: 1000, maxSize: 1000 },
            call.sim.faults.current.pagination,
          );
    const owner =
      q.get('fetch-owner') === 'true' ? { DisplayName: call.account.alias, ID: call.account.id } : undefined;
    const inner =
      toXml({
        Name: bucket.name,
        Prefix: enc(prefix),
        Delimiter: delimiter ? enc(delimiter) : undefined,
        MaxKeys: requested ?? 1000,
        EncodingType: url ? 'url' : undefined,
        KeyCount: page.items.length,
        IsTruncated: page.nextToken !== undefined,
        ContinuationToken: token,
        NextContinuationToken: page.nextToken,
        StartAfter: q.get('start-after') ?? undefined,
      }) +
      entriesXml(page.items, enc, (o) => ({
        Key: enc(o.key),
        LastModified: new Date(o.lastModified),
        ETag: o.etag,
        ...(o.checksum
          ? { ChecksumAlgorithm: o.checksum.algorithm.toUpperCase(), ChecksumType: 'FULL_OBJECT' }
          : {}),
        Size: o.body.length,
        Owner: owner,
        StorageClass: 'STANDARD',
      }));
    return s3XmlRaw('ListBucketResult', inner);
  },
};

/**
 * S3 ListObjects (v1): `GET /{Bucket}` with prefix, delimiter, marker and max-keys; NextMarker
 * when a delimiter is given, as S3 does. Page-size faults cap max-keys.
 */
export const listObjects: AwsOperation = {
  name: 'ListObjects',
  handle: (call) => {
    const q = call.req.query;
    const bucket = findBucket(call);
    const { prefix, delimiter, url, enc } = listingQuery(call);
    const marker = q.get('marker') ?? '';
    const requested = Math.min(
      maxKeys(call) ?? 1000,
      1000,
      call.sim.faults.current.pagination.maxPageSize ?? 1000,
    );
    const all = entries(call, prefix, delimiter, marker);
    const items = all.slice(0, requested);
    const truncated = all.length > items.length;
    const last = items.at(-1);
    const inner =
      toXml({
        Name: bucket.name,
        Prefix: enc(prefix),
        Marker: enc(marker),
        MaxKeys: maxKeys(call) ?? 1000,
        Delimiter: delimiter ? enc(delimiter) : undefined,
        EncodingType: url ? 'url' : undefined,
        IsTruncated: truncated,
        NextMarker:
          truncated && delimiter && last
            ? enc(last.kind === 'object' ? last.object.key : last.prefix)
            : undefined,
      }) +
      entriesXml(items, enc, (o) => ({
        Key: enc(o.key),
        LastModified: new Date(o.lastModified),
        ETag: o.etag,
        Size: o.body.length,
        Owner: { DisplayName: call.account.alias, ID: call.account.id },
        StorageClass: 'STANDARD',
      }));
    return s3XmlRaw('ListBucketResult', inner);
  },
};
