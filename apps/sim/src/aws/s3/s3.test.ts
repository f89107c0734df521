import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  ListObjectsCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { S3ServiceException } from '@aws-sdk/client-s3';
import type { RunningSimulator } from '../../server.ts';
import { startTestSimulator } from '../../testing/sim-fixture.ts';
import { awsClient } from '../../testing/aws-sdk.ts';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as S3ServiceException).name;
  }
  return 'no error';
}

describe('S3', () => {
  let sim: RunningSimulator;
  let s3: S3Client;
  before(async () => {
    sim = await startTestSimulator();
    s3 = awsClient(S3Client, sim, 'us-east-1', { forcePathStyle: true });
  });
  after(() => sim.close());

  const account = () => sim.estate().aws.accounts[0]!;
  const buckets = () => [...account().s3.buckets.values()];

  it('ListBuckets lists the account’s buckets with regions, as many as the manifest counts', async () => {
    const out = await s3.send(new ListBucketsCommand({}));
    assert.equal(out.Buckets?.length, sim.estate().manifest.counts.aws[account().id]!['storage.bucket']);
    assert.equal(out.Owner?.DisplayName, account().alias);
    for (const b of out.Buckets!) {
      assert.ok(b.CreationDate instanceof Date);
      assert.equal(b.BucketRegion, account().s3.buckets.get(b.Name!)!.region);
    }
    const second = sim.estate().aws.accounts[1]!;
    const other = new S3Client({
      endpoint: sim.endpoints.aws,
      region: 'us-east-1',
      credentials: { accessKeyId: `AKIA${second.id}TEST`, secretAccessKey: 'x' },
      forcePathStyle: true,
    });
    const theirs = await other.send(new ListBucketsCommand({}));
    assert.deepEqual(theirs.Buckets!.map((b) => b.Name).sort(), [...second.s3.buckets.keys()].sort());
  });

  it('GetBucketLocation answers an empty constraint for us-east-1 and the region otherwise', async () => {
    for (const bucket of buckets()) {
      const out = await s3.send(new GetBucketLocationCommand({ Bucket: bucket.name }));
      if (bucket.region === 'us-east-1') assert.ok(!out.LocationConstraint);
      else assert.equal(out.LocationConstraint, bucket.region);
    }
  });

  it('reports encryption, public access and versioning the way the manifest says', async () => {
    const manifest = sim.estate().manifest.misconfigurations;
    const listed = (id: string) => new Set(manifest[id as keyof typeof manifest]?.resources ?? []);
    const unencrypted = listed('storage.bucket.unencrypted');
    const isPublic = listed('storage.bucket.public');
    const noVersioning = listed('storage.bucket.no-versioning');
    for (const b of sim.estate().aws.accounts.flatMap((a) => [...a.s3.buckets.values()])) {
      if (b.account !== account().id) continue;
      const arn = `arn:aws:s3:::${b.name}`;
      const enc = await code(s3.send(new GetBucketEncryptionCommand({ Bucket: b.name })));
      assert.equal(enc === 'ServerSideEncryptionConfigurationNotFoundError', unencrypted.has(arn), b.name);
      const versioning = await s3.send(new GetBucketVersioningCommand({ Bucket: b.name }));
      assert.equal(versioning.Status !== 'Enabled', noVersioning.has(arn));
      let blocked = false;
      try {
        const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket: b.name }));
        blocked = Boolean(
          pab.PublicAccessBlockConfiguration?.BlockPublicPolicy &&
          pab.PublicAccessBlockConfiguration.RestrictPublicBuckets,
        );
      } catch (error) {
        assert.equal((error as Error).name, 'NoSuchPublicAccessBlockConfiguration');
      }
      let policyPublic = false;
      try {
        policyPublic =
          (await s3.send(new GetBucketPolicyStatusCommand({ Bucket: b.name }))).PolicyStatus?.IsPublic ===
          true;
      } catch (error) {
        assert.equal((error as Error).name, 'NoSuchBucketPolicy');
      }
      if (policyPublic) assert.ok(isPublic.has(arn) && !blocked, b.name);
      if (isPublic.has(arn)) assert.ok(!blocked);
    }
  });

  it('tags: NoSuchTagSet until tagged, then the tags stick', async () => {
    const name = 'escher-test-tagging-bucket';
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    assert.equal(await code(s3.send(new GetBucketTaggingCommand({ Bucket: name }))), 'NoSuchTagSet');
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: name,
        Tagging: {
          TagSet: [
            { Key: 'env', Value: 'prod' },
            { Key: 'owner', Value: 'sre' },
          ],
        },
      }),
    );
    const out = await s3.send(new GetBucketTaggingCommand({ Bucket: name }));
    assert.deepEqual(out.TagSet, [
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'sre' },
    ]);
    assert.equal(await code(s3.send(new CreateBucketCommand({ Bucket: name }))), 'BucketAlreadyOwnedByYou');
  });

  it('PutPublicAccessBlock turns a public bucket private', async () => {
    const name = 'escher-test-pab-bucket';
    await s3.send(new CreateBucketCommand({ Bucket: name }));
    const config = {
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: name, PublicAccessBlockConfiguration: config }));
    const out = await s3.send(new GetPublicAccessBlockCommand({ Bucket: name }));
    assert.deepEqual(out.PublicAccessBlockConfiguration, config);
  });

  it('round-trips objects with the SDK’s default checksums, strings and streams', async () => {
    const bucket = buckets()[0]!.name;
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'dir/hello.txt',
        Body: 'hello escher',
        ContentType: 'text/plain',
        Metadata: { team: 'sre' },
      }),
    );
    assert.match(put.ETag ?? '', /^"[0-9a-f]{32}"$/);
    assert.ok(put.ChecksumCRC32);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt' }));
    assert.equal(await got.Body!.transformToString(), 'hello escher');
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.Metadata?.team, 'sre');
    const payload = Buffer.alloc(200_000, 'abcdefghij');
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'dir/stream.bin',
        Body: Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]),
        ContentLength: payload.length,
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dir/stream.bin' }));
    assert.equal(head.ContentLength, payload.length);
    const back = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'dir/stream.bin', ChecksumMode: 'ENABLED' }),
    );
    assert.ok(Buffer.from(await back.Body!.transformToByteArray()).equals(payload));
    const range = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'dir/hello.txt', Range: 'bytes=0-4' }),
    );
    assert.equal(await range.Body!.transformToString(), 'hello');
    assert.equal(await code(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'missing' }))), 'NoSuchKey');
    assert.equal(await code(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'missing' }))), 'NotFound');
  });

  it('ListObjectsV2 pages with prefix, max-keys and continuation tokens, also under a page-size fault', async () => {
    const bucket = buckets()[1]!.name;
    for (let i = 0; i < 23; i++)
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `logs/2026/${String(i).padStart(3, '0')}.log`,
          Body: `line ${i}`,
        }),
      );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'other/x', Body: 'x' }));
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 5 },
      { Bucket: bucket, Prefix: 'logs/' },
    )) {
      pages++;
      keys.push(...(page.Contents ?? []).map((c) => c.Key!));
    }
    assert.equal(keys.length, 23);
    assert.equal(pages, 5);
    assert.deepEqual(keys, [...keys].sort());
    sim.faults.set({ rateLimits: { enabled: false }, pagination: { maxPageSize: 2, emptyPageEvery: 3 } });
    try {
      const all: string[] = [];
      for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket }))
        all.push(...(page.Contents ?? []).map((c) => c.Key!));
      assert.equal(all.length, 24);
    } finally {
      sim.faults.set({ rateLimits: { enabled: false } });
    }
  });

  it('ListObjects (v1) rolls keys up by delimiter and pages with NextMarker', async () => {
    const bucket = buckets()[1]!.name;
    const top = await s3.send(new ListObjectsCommand({ Bucket: bucket, Delimiter: '/' }));
    assert.deepEqual(
      top.CommonPrefixes?.map((p) => p.Prefix),
      ['logs/', 'other/'],
    );
    const first = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: 'logs/2026/', MaxKeys: 10, Delimiter: '/' }),
    );
    assert.equal(first.Contents?.length, 10);
    assert.equal(first.IsTruncated, true);
    const next = await s3.send(
      new ListObjectsCommand({ Bucket: bucket, Prefix: 'logs/2026/', Marker: first.NextMarker }),
    );
    assert.equal(next.Contents?.length, 13);
  });

  it('answers NoSuchBucket, and AccessDenied for another account’s bucket', async () => {
    assert.equal(
      await code(s3.send(new GetBucketTaggingCommand({ Bucket: 'no-such-bucket-anywhere' }))),
      'NoSuchBucket',
    );
    const theirs = [...sim.estate().aws.accounts[1]!.s3.buckets.keys()][0]!;
    assert.equal(await code(s3.send(new GetBucketLocationCommand({ Bucket: theirs }))), 'AccessDenied');
  });
});
