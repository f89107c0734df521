import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.ts';
import { assertSameError, assertSameShape, defer, startDiffEnv, type DiffEnv } from './diff-env.ts';
import { seedMotoS3 } from './seed-moto-services.ts';
import { need } from './targets.ts';

/** Buckets in us-east-1 found by probing each side the same way. */
interface S3Targets {
  tagged: string | undefined;
  untagged: string | undefined;
  encrypted: string | undefined;
  versioned: string | undefined;
  withoutPublicAccessBlock: string | undefined;
}

async function discoverS3(c: AwsClients): Promise<S3Targets> {
  const out: S3Targets = {
    tagged: undefined,
    untagged: undefined,
    encrypted: undefined,
    versioned: undefined,
    withoutPublicAccessBlock: undefined,
  };
  const buckets = (await c.s3.send(new ListBucketsCommand({})).catch(() => ({ Buckets: [] }))).Buckets ?? [];
  const ok = (p: Promise<unknown>) =>
    p.then(
      () => true,
      () => false,
    );
  // us-east-1 buckets first (no cross-region concerns), then the rest.
  const located = await Promise.all(
    buckets.slice(0, 60).map(async ({ Name }) => {
      const location = await c.s3.send(new GetBucketLocationCommand({ Bucket: Name })).catch(() => undefined);
      return {
        Name,
        home:
          !!location && (!location.LocationConstraint || String(location.LocationConstraint) === 'us-east-1'),
      };
    }),
  );
  for (const { Name } of [...located.filter((b) => b.home), ...located.filter((b) => !b.home)]) {
    const [tags, enc, ver, pab] = await Promise.all([
      ok(c.s3.send(new GetBucketTaggingCommand({ Bucket: Name }))),
      ok(c.s3.send(new GetBucketEncryptionCommand({ Bucket: Name }))),
      c.s3.send(new GetBucketVersioningCommand({ Bucket: Name })).then(
        (v) => v.Status === 'Enabled',
        () => false,
      ),
      ok(c.s3.send(new GetPublicAccessBlockCommand({ Bucket: Name }))),
    ]);
    if (tags) out.tagged ??= Name;
    else out.untagged ??= Name;
    if (enc) out.encrypted ??= Name;
    if (ver) out.versioned ??= Name;
    // Not the tagged target: a test puts a public access block on that one.
    if (!pab && Name !== out.tagged) out.withoutPublicAccessBlock ??= Name;
  }
  return out;
}

describe('S3: the simulator answers like moto', () => {
  let env: DiffEnv;
  let mt: S3Targets;
  let st: S3Targets;
  const both = <T>(call: (c: AwsClients, t: S3Targets) => Promise<T>): Promise<[T, T]> =>
    Promise.all([defer(() => call(env.m, mt)), defer(() => call(env.s, st))]);

  before(async () => {
    env = await startDiffEnv();
    await seedMotoS3(env.m);
    [mt, st] = await Promise.all([discoverS3(env.m), discoverS3(env.s)]);
  });
  after(() => env?.close());

  it('ListBuckets', async (t) => {
    const [m, s] = await both((c) => c.s3.send(new ListBucketsCommand({})));
    assertSameShape(t, 'ListBuckets', m, s);
  });

  it('GetBucketLocation', async (t) => {
    const [m, s] = await both((c, x) =>
      c.s3.send(new GetBucketLocationCommand({ Bucket: need(x.tagged, 'tagged bucket') })),
    );
    assertSameShape(t, 'GetBucketLocation', m, s);
  });

  it('GetBucketTagging', async (t) => {
    const [m, s] = await both((c, x) =>
      c.s3.send(new GetBucketTaggingCommand({ Bucket: need(x.tagged, 'tagged bucket') })),
    );
    assertSameShape(t, 'GetBucketTagging', m, s);
  });

  it('PutBucketTagging replaces the tag set, as it does in moto', async (t) => {
    const put = (c: AwsClients, bucket: string | undefined) =>
      c.s3.send(
        new PutBucketTaggingCommand({
          Bucket: bucket,
          Tagging: {
            TagSet: [
              { Key: 'env', Value: 'staging' },
              { Key: 'owner', Value: 'diff' },
            ],
          },
        }),
      );
    const [m, s] = await both((c, x) => put(c, need(x.tagged, 'tagged bucket')));
    assertSameShape(t, 'PutBucketTagging', m, s);
    const [mg, sg] = await both((c, x) =>
      c.s3.send(new GetBucketTaggingCommand({ Bucket: need(x.tagged, 'tagged bucket') })),
    );
    assert.deepEqual(sg.TagSet, mg.TagSet);
  });

  it('GetBucketEncryption', async (t) => {
    const [m, s] = await both((c, x) =>
      c.s3.send(
        new GetBucketEncryptionCommand({ Bucket: need(x.encrypted, 'bucket with default encryption') }),
      ),
    );
    assertSameShape(t, 'GetBucketEncryption', m, s);
  });

  it('PutPublicAccessBlock then GetPublicAccessBlock', async (t) => {
    const config = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    };
    const [mp, sp] = await both((c, x) =>
      c.s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: need(x.tagged, 'tagged bucket'),
          PublicAccessBlockConfiguration: config,
        }),
      ),
    );
    assertSameShape(t, 'PutPublicAccessBlock', mp, sp);
    const [m, s] = await both((c, x) =>
      c.s3.send(new GetPublicAccessBlockCommand({ Bucket: need(x.tagged, 'tagged bucket') })),
    );
    assertSameShape(t, 'GetPublicAccessBlock', m, s);
    assert.deepEqual(s.PublicAccessBlockConfiguration, config);
  });

  it('GetBucketPolicyStatus', async (t) => {
    const [m, s] = await Promise.all([
      env.m.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'diff-assets-bare' })),
      env.s.s3.send(new GetBucketPolicyStatusCommand({ Bucket: need(st.tagged, 'tagged bucket') })),
    ]);
    assertSameShape(t, 'GetBucketPolicyStatus', m, s);
  });

  it('GetBucketVersioning', async (t) => {
    const [m, s] = await both((c, x) =>
      c.s3.send(new GetBucketVersioningCommand({ Bucket: need(x.versioned, 'versioned bucket') })),
    );
    assertSameShape(t, 'GetBucketVersioning', m, s);
  });

  it('PutObject, GetObject and ListObjectsV2 round-trip an object', async (t) => {
    const key = 'differential/probe.txt';
    const [mp, sp] = await both((c, x) =>
      c.s3.send(
        new PutObjectCommand({
          Bucket: need(x.tagged, 'tagged bucket'),
          Key: key,
          Body: 'hello from the differential test\n',
          ContentType: 'text/plain',
        }),
      ),
    );
    assertSameShape(t, 'PutObject', mp, sp, { ignore: ['VersionId'] });
    const [mg, sg] = await both((c, x) =>
      c.s3.send(new GetObjectCommand({ Bucket: need(x.tagged, 'tagged bucket'), Key: key })),
    );
    const [mBody, sBody] = await Promise.all([mg.Body!.transformToString(), sg.Body!.transformToString()]);
    assert.equal(sBody, mBody);
    assertSameShape(t, 'GetObject', mg, sg, { ignore: ['Body', 'VersionId'], maps: ['Metadata'] });
    const [ml, sl] = await both((c, x) =>
      c.s3.send(
        new ListObjectsV2Command({ Bucket: need(x.tagged, 'tagged bucket'), Prefix: 'differential/' }),
      ),
    );
    assertSameShape(t, 'ListObjectsV2', ml, sl);
    assert.deepEqual(
      sl.Contents?.map((o) => o.Key),
      [key],
    );
  });

  describe('errors', () => {
    const ghost = 'diff-no-such-bucket-anywhere';
    for (const [op, call] of [
      ['GetBucketTagging', (c: AwsClients) => c.s3.send(new GetBucketTaggingCommand({ Bucket: ghost }))],
      [
        'PutBucketTagging',
        (c: AwsClients) => c.s3.send(new PutBucketTaggingCommand({ Bucket: ghost, Tagging: { TagSet: [] } })),
      ],
      ['GetBucketLocation', (c: AwsClients) => c.s3.send(new GetBucketLocationCommand({ Bucket: ghost }))],
      [
        'GetBucketEncryption',
        (c: AwsClients) => c.s3.send(new GetBucketEncryptionCommand({ Bucket: ghost })),
      ],
      [
        'GetPublicAccessBlock',
        (c: AwsClients) => c.s3.send(new GetPublicAccessBlockCommand({ Bucket: ghost })),
      ],
      [
        'GetBucketVersioning',
        (c: AwsClients) => c.s3.send(new GetBucketVersioningCommand({ Bucket: ghost })),
      ],
      ['ListObjectsV2', (c: AwsClients) => c.s3.send(new ListObjectsV2Command({ Bucket: ghost }))],
      ['GetObject', (c: AwsClients) => c.s3.send(new GetObjectCommand({ Bucket: ghost, Key: 'a' }))],
    ] as const) {
      it(`${op} on a missing bucket → NoSuchBucket`, () =>
        assertSameError(
          `${op}(no bucket)`,
          () => call(env.m),
          () => call(env.s),
          'NoSuchBucket',
        ));
    }

    it('GetBucketTagging on a bucket without tags → NoSuchTagSet', () =>
      assertSameError(
        'GetBucketTagging(untagged)',
        () => env.m.s3.send(new GetBucketTaggingCommand({ Bucket: need(mt.untagged, 'untagged bucket') })),
        () => env.s.s3.send(new GetBucketTaggingCommand({ Bucket: need(st.untagged, 'untagged bucket') })),
        'NoSuchTagSet',
      ));

    it('GetObject of a missing key → NoSuchKey', () =>
      assertSameError(
        'GetObject(no key)',
        () => env.m.s3.send(new GetObjectCommand({ Bucket: mt.tagged, Key: 'no/such/key' })),
        () => env.s.s3.send(new GetObjectCommand({ Bucket: st.tagged, Key: 'no/such/key' })),
        'NoSuchKey',
      ));

    it('GetPublicAccessBlock on a bucket without one → NoSuchPublicAccessBlockConfiguration', async (t) => {
      if (!st.withoutPublicAccessBlock)
        return t.skip('every bucket in the simulated estate has a public access block');
      await assertSameError(
        'GetPublicAccessBlock(none)',
        () => env.m.s3.send(new GetPublicAccessBlockCommand({ Bucket: mt.withoutPublicAccessBlock })),
        () => env.s.s3.send(new GetPublicAccessBlockCommand({ Bucket: st.withoutPublicAccessBlock })),
        'NoSuchPublicAccessBlockConfiguration',
      );
    });
  });
});
