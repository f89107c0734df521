import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseBucket, type BucketDetails } from './normalise-bucket.ts';
import { policyIsPublic } from './policy-is-public.ts';

const base: BucketDetails = {
  name: 'acme-prod-identity-static',
  account: '130827130939',
  region: 'us-east-1',
  createdAt: new Date('2024-01-20T03:26:24.000Z'),
  tags: { Environment: 'production', owner: 'a@example.com' },
  encryption: {
    algorithm: 'aws:kms',
    kmsKeyId: 'arn:aws:kms:us-east-1:130827130939:key/0b0b0b0b-1111-2222-3333-444444444444',
  },
  versioning: { status: 'Disabled', mfaDelete: false },
  policyPublic: false,
  publicAclGrants: [],
};
const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

describe('normaliseBucket', () => {
  it('maps a bucket: ARN, region, environment, encryption, versioning, key', () => {
    const r = normaliseBucket(base);
    assert.equal(r.id, 'arn:aws:s3:::acme-prod-identity-static');
    assert.equal(r.region, 'us-east-1');
    assert.equal(r.environment, 'prod');
    assert.deepEqual(
      [r.attributes.encrypted, r.attributes.encryption, r.attributes.versioning],
      [true, 'aws:kms', 'Disabled'],
    );
    assert.deepEqual(r.relationships, [{ kind: 'uses-key', targetId: base.encryption!.kmsKeyId! }]);
    assert.equal(normaliseBucket({ ...base, encryption: undefined }).attributes.encrypted, false);
  });

  it('is public by policy or by ACL unless the public access block neutralises it', () => {
    const pub = (d: Partial<BucketDetails>) => normaliseBucket({ ...base, ...d }).attributes.public;
    assert.equal(pub({}), false);
    assert.equal(pub({ policyPublic: true }), true);
    assert.equal(
      pub({ policyPublic: true, publicAccessBlock: { ...ALL_BLOCKED, RestrictPublicBuckets: false } }),
      true,
    );
    assert.equal(pub({ policyPublic: true, publicAccessBlock: { RestrictPublicBuckets: true } }), false);
    assert.equal(pub({ publicAclGrants: ['READ'] }), true);
    assert.equal(pub({ publicAclGrants: ['READ'], publicAccessBlock: { IgnorePublicAcls: true } }), false);
    assert.equal(
      normaliseBucket({ ...base, publicAccessBlock: ALL_BLOCKED }).attributes.publicAccessBlocked,
      true,
    );
  });

  it('reads bucket policies the way S3 decides public access', () => {
    const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
    assert.equal(policyIsPublic(policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' })), true);
    assert.equal(
      policyIsPublic(policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject' })),
      true,
    );
    assert.equal(
      policyIsPublic(
        policy({
          Effect: 'Allow',
          Principal: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        }),
      ),
      false,
    );
    assert.equal(
      policyIsPublic(
        policy({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ),
      false,
    );
    assert.equal(
      policyIsPublic(policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' } })),
      false,
    );
    assert.equal(policyIsPublic(undefined), false);
    assert.equal(policyIsPublic('{nope'), false);
  });
});
