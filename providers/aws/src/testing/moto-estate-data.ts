import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { MOTO_ACCOUNT, estateTags as tags, tagList, type EstateContext } from './moto-estate-context.ts';

/** Two buckets (one locked down, one public by policy) and two RDS instances (one public, unencrypted, without backups). */
export async function createDataEstate({ config, region, created }: EstateContext): Promise<void> {
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const lockedTags = tags('prod');
  await s3.send(new CreateBucketCommand({ Bucket: 'moto-locked' }));
  await s3.send(
    new PutBucketTaggingCommand({
      Bucket: 'moto-locked',
      Tagging: { TagSet: tagList(lockedTags) },
    }),
  );
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: 'moto-locked',
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: 'moto-locked',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: 'moto-locked', VersioningConfiguration: { Status: 'Enabled' } }),
  );
  created.resources.set('arn:aws:s3:::moto-locked', {
    type: 'storage.bucket',
    state: 'available',
    tags: lockedTags,
    attributes: { public: false, encrypted: true, versioning: 'Enabled' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'moto-open' }));
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::moto-open/*' },
    ],
  };
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'moto-open', Policy: JSON.stringify(policy) }));
  created.resources.set('arn:aws:s3:::moto-open', {
    type: 'storage.bucket',
    state: 'available',
    tags: {},
    attributes: { public: true, versioning: 'Disabled' },
  });

  const rds = new RDSClient(config);
  for (const [i, engine] of ['postgres', 'mysql'].entries()) {
    const id = `moto-db-${i}`;
    const t = tags(i ? 'test' : 'prod');
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        Engine: engine,
        DBInstanceClass: 'db.t3.medium',
        MasterUsername: 'app',
        MasterUserPassword: 'moto-password-1',
        AllocatedStorage: 50,
        StorageEncrypted: i === 0,
        BackupRetentionPeriod: i === 0 ? 7 : 0,
        PubliclyAccessible: i === 1,
        Tags: tagList(t),
      }),
    );
    created.resources.set(`arn:aws:rds:${region}:${MOTO_ACCOUNT}:db:${id}`, {
      type: 'database.instance',
      state: 'running',
      tags: t,
      attributes: { engine, public: i === 1, encrypted: i === 0, backupRetentionDays: i === 0 ? 7 : 0 },
    });
  }
  s3.destroy();
  rds.destroy();
}
