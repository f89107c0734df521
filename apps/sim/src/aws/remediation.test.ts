import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AuthorizeSecurityGroupIngressCommand,
  DeleteSnapshotCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifySnapshotAttributeCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeUpdateCommand,
  EKSClient,
  ListTagsForResourceCommand,
  TagResourceCommand as EksTag,
  UntagResourceCommand as EksUntag,
  UpdateClusterConfigCommand,
} from '@aws-sdk/client-eks';
import {
  AddTagsCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  TagRoleCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import {
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListResourceTagsCommand,
  TagResourceCommand as KmsTag,
  UntagResourceCommand as KmsUntag,
} from '@aws-sdk/client-kms';
import { GetBucketEncryptionCommand, PutBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningSimulator } from '../server.ts';
import { startTestSimulator } from '../testing/sim-fixture.ts';
import { awsClient, errorOf } from '../testing/aws-sdk.ts';
import type { AwsRegionState } from './estate.ts';

const TRANSITION_MS = 10_000;

/**
 * The calls escher's remediation operations make that discovery never needed: rule restore,
 * snapshot sharing and deletion, bucket encryption, EKS endpoint updates, KMS rotation and the
 * tag calls of ELBv2, IAM, EKS and KMS — each through the official SDK.
 */
describe('AWS remediation calls', () => {
  let sim: RunningSimulator;
  const account = () => sim.estate().aws.accounts[0]!;
  /** The first region of any account that has what a test needs, with keys that reach that account. */
  const regionWith = (
    has: (r: AwsRegionState) => boolean,
  ): [string, AwsRegionState, { credentials: { accessKeyId: string; secretAccessKey: string } }] => {
    for (const a of sim.estate().aws.accounts)
      for (const [region, state] of a.regions)
        if (has(state))
          return [region, state, { credentials: { accessKeyId: `AKIA${a.id}TEST`, secretAccessKey: 'x' } }];
    return assert.fail('the estate has no such region');
  };

  before(async () => {
    // Medium: small estates have no customer-managed KMS keys.
    sim = await startTestSimulator({
      seed: 7,
      size: 'medium',
      manualClock: true,
      transitionMs: TRANSITION_MS,
    });
  });
  after(() => sim.close());

  it('AuthorizeSecurityGroupIngress puts back exactly what RevokeSecurityGroupIngress took', async () => {
    const [region, state, keys] = regionWith((r) =>
      [...r.ec2.securityGroups.values()].some((g) =>
        g.ingress.some((p) => p.ipv4.some((x) => x.cidr === '0.0.0.0/0')),
      ),
    );
    const ec2 = awsClient(EC2Client, sim, region, keys);
    const group = [...state.ec2.securityGroups.values()].find((g) =>
      g.ingress.some((p) => p.ipv4.some((x) => x.cidr === '0.0.0.0/0')),
    )!;
    const read = async () =>
      (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [group.id] }))).SecurityGroups![0]!
        .IpPermissions;
    const before = await read();
    const open = before!.find((p) => p.IpRanges?.some((r) => r.CidrIp === '0.0.0.0/0'))!;
    const rule = {
      IpProtocol: open.IpProtocol,
      FromPort: open.FromPort,
      ToPort: open.ToPort,
      IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'from anywhere' }],
    };
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: [rule] }));
    assert.ok(
      !(await read())!.some((p) =>
        p.IpRanges?.some((r) => r.CidrIp === '0.0.0.0/0' && p.FromPort === open.FromPort),
      ),
    );
    assert.deepEqual(
      await errorOf(
        ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: group.id,
            IpPermissions: [rule],
            DryRun: true,
          }),
        ),
      ),
      { name: 'DryRunOperation', status: 412 },
    );
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: [rule] }));
    const back = (await read())!.find(
      (p) => p.IpProtocol === open.IpProtocol && p.FromPort === open.FromPort,
    )!;
    assert.deepEqual(
      back.IpRanges?.find((r) => r.CidrIp === '0.0.0.0/0'),
      { CidrIp: '0.0.0.0/0', Description: 'from anywhere' },
    );
    const again = await errorOf(
      ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: group.id, IpPermissions: [rule] })),
    );
    assert.equal(again.name, 'InvalidPermission.Duplicate');
    const bad = await errorOf(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: group.id,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '300.0.0.0/0' }] },
          ],
        }),
      ),
    );
    assert.equal(bad.name, 'InvalidParameterValue');
    ec2.destroy();
  });

  it('ModifySnapshotAttribute makes a public snapshot private (and back); DeleteSnapshot removes it', async () => {
    const [region, state, keys] = regionWith((r) =>
      [...r.ec2.snapshots.values()].some((s) => s.public && !s.encrypted),
    );
    const ec2 = awsClient(EC2Client, sim, region, keys);
    const snap = [...state.ec2.snapshots.values()].find((s) => s.public && !s.encrypted)!;
    const permissions = async () =>
      (
        await ec2.send(
          new DescribeSnapshotAttributeCommand({ SnapshotId: snap.id, Attribute: 'createVolumePermission' }),
        )
      ).CreateVolumePermissions;
    assert.deepEqual(await permissions(), [{ Group: 'all' }]);
    const remove = { CreateVolumePermission: { Remove: [{ Group: 'all' as const }] } };
    assert.equal(
      (
        await errorOf(
          ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snap.id, ...remove, DryRun: true })),
        )
      ).name,
      'DryRunOperation',
    );
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: snap.id, ...remove }));
    assert.deepEqual(await permissions(), []);
    await ec2.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snap.id,
        Attribute: 'createVolumePermission',
        OperationType: 'add',
        GroupNames: ['all'],
      }),
    );
    assert.deepEqual(await permissions(), [{ Group: 'all' }]);
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap.id }));
    const gone = await errorOf(ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snap.id] })));
    assert.equal(gone.name, 'InvalidSnapshot.NotFound');
    assert.equal(
      (await errorOf(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snap.id })))).name,
      'InvalidSnapshot.NotFound',
    );
    ec2.destroy();
  });

  it('PutBucketEncryption sets default encryption, and refuses a key with AES256', async () => {
    const owner = sim
      .estate()
      .aws.accounts.find((a) => [...a.s3.buckets.values()].some((b) => !b.encryption))!;
    const bucket = [...owner.s3.buckets.values()].find((b) => !b.encryption)!;
    const s3 = awsClient(S3Client, sim, bucket.region, {
      forcePathStyle: true,
      credentials: { accessKeyId: `AKIA${owner.id}TEST`, secretAccessKey: 'x' },
    });
    assert.equal(
      (await errorOf(s3.send(new GetBucketEncryptionCommand({ Bucket: bucket.name })))).name,
      'ServerSideEncryptionConfigurationNotFoundError',
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket.name,
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/aws/s3' },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    );
    const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket.name })))
      .ServerSideEncryptionConfiguration!.Rules![0]!;
    assert.equal(rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, 'aws:kms');
    assert.equal(rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID, 'alias/aws/s3');
    assert.equal(rule.BucketKeyEnabled, true);
    const bad = await errorOf(
      s3.send(
        new PutBucketEncryptionCommand({
          Bucket: bucket.name,
          ServerSideEncryptionConfiguration: {
            Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'k' } }],
          },
        }),
      ),
    );
    assert.equal(bad.name, 'InvalidArgument');
    s3.destroy();
  });

  it('UpdateClusterConfig turns the public endpoint off after the update, one update at a time', async () => {
    const [region, state, keys] = regionWith((r) => r.eks.clusters.some((c) => c.endpointPublicAccess));
    const eks = awsClient(EKSClient, sim, region, keys);
    const cluster = state.eks.clusters.find((c) => c.endpointPublicAccess)!;
    const { update } = await eks.send(
      new UpdateClusterConfigCommand({
        name: cluster.name,
        resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true },
      }),
    );
    assert.equal(update?.status, 'InProgress');
    assert.equal(update?.type, 'EndpointAccessUpdate');
    const during = (await eks.send(new DescribeClusterCommand({ name: cluster.name }))).cluster!;
    assert.equal(during.status, 'UPDATING');
    assert.equal(during.resourcesVpcConfig?.endpointPublicAccess, true);
    const busy = await errorOf(
      eks.send(
        new UpdateClusterConfigCommand({
          name: cluster.name,
          resourcesVpcConfig: { endpointPublicAccess: true },
        }),
      ),
    );
    assert.equal(busy.name, 'ResourceInUseException');
    sim.clock.advance(TRANSITION_MS);
    const done = (await eks.send(new DescribeClusterCommand({ name: cluster.name }))).cluster!;
    assert.equal(done.status, 'ACTIVE');
    assert.equal(done.resourcesVpcConfig?.endpointPublicAccess, false);
    assert.equal(done.resourcesVpcConfig?.endpointPrivateAccess, true);
    const described = await eks.send(new DescribeUpdateCommand({ name: cluster.name, updateId: update!.id }));
    assert.equal(described.update?.status, 'Successful');
    const neither = await errorOf(
      eks.send(
        new UpdateClusterConfigCommand({
          name: cluster.name,
          resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: false },
        }),
      ),
    );
    assert.equal(neither.name, 'InvalidParameterException');

    await eks.send(new EksTag({ resourceArn: cluster.arn, tags: { reviewed: 'yes' } }));
    assert.equal(
      (await eks.send(new ListTagsForResourceCommand({ resourceArn: cluster.arn }))).tags?.reviewed,
      'yes',
    );
    await eks.send(new EksUntag({ resourceArn: cluster.arn, tagKeys: ['reviewed'] }));
    assert.equal(
      (await eks.send(new ListTagsForResourceCommand({ resourceArn: cluster.arn }))).tags?.reviewed,
      undefined,
    );
    eks.destroy();
  });

  it('KMS rotation and tags change on customer keys only', async () => {
    const [region, state, keys] = regionWith((r) =>
      r.kms.keys.some((k) => k.manager === 'CUSTOMER' && k.state === 'Enabled' && !k.rotation),
    );
    const kms = awsClient(KMSClient, sim, region, keys);
    const key = state.kms.keys.find((k) => k.manager === 'CUSTOMER' && k.state === 'Enabled' && !k.rotation)!;
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.id, RotationPeriodInDays: 180 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }));
    assert.equal(status.KeyRotationEnabled, true);
    assert.equal(status.RotationPeriodInDays, 180);
    await kms.send(new DisableKeyRotationCommand({ KeyId: key.id }));
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.id }))).KeyRotationEnabled,
      false,
    );
    const managed = state.kms.keys.find((k) => k.manager === 'AWS');
    if (managed)
      assert.equal(
        (await errorOf(kms.send(new EnableKeyRotationCommand({ KeyId: managed.id })))).name,
        'UnsupportedOperationException',
      );
    await kms.send(new KmsTag({ KeyId: key.id, Tags: [{ TagKey: 'owner', TagValue: 'sec' }] }));
    const tags = (await kms.send(new ListResourceTagsCommand({ KeyId: key.id }))).Tags ?? [];
    assert.equal(tags.find((t) => t.TagKey === 'owner')?.TagValue, 'sec');
    await kms.send(new KmsUntag({ KeyId: key.id, TagKeys: ['owner'] }));
    const after = (await kms.send(new ListResourceTagsCommand({ KeyId: key.id }))).Tags ?? [];
    assert.equal(
      after.find((t) => t.TagKey === 'owner'),
      undefined,
    );
    kms.destroy();
  });

  it('ELBv2 AddTags/RemoveTags and IAM TagUser/UntagUser/TagRole stick', async () => {
    const [region, state, keys] = regionWith((r) => r.elbv2.loadBalancers.size > 0);
    const elb = awsClient(ElasticLoadBalancingV2Client, sim, region, keys);
    const lb = [...state.elbv2.loadBalancers.keys()][0]!;
    await elb.send(new AddTagsCommand({ ResourceArns: [lb], Tags: [{ Key: 'cost-centre', Value: '42' }] }));
    const tagsOf = async () =>
      (await elb.send(new DescribeTagsCommand({ ResourceArns: [lb] }))).TagDescriptions![0]!.Tags ?? [];
    assert.equal((await tagsOf()).find((t) => t.Key === 'cost-centre')?.Value, '42');
    await elb.send(new RemoveTagsCommand({ ResourceArns: [lb], TagKeys: ['cost-centre'] }));
    assert.equal(
      (await tagsOf()).find((t) => t.Key === 'cost-centre'),
      undefined,
    );
    elb.destroy();

    const iam = awsClient(IAMClient, sim, 'us-east-1');
    const user = account().iam.users[0]!;
    await iam.send(new TagUserCommand({ UserName: user.name, Tags: [{ Key: 'team', Value: 'ops' }] }));
    const tagged = (await iam.send(new GetUserCommand({ UserName: user.name }))).User!.Tags ?? [];
    assert.equal(tagged.find((t) => t.Key === 'team')?.Value, 'ops');
    await iam.send(new UntagUserCommand({ UserName: user.name, TagKeys: ['team'] }));
    const untagged = (await iam.send(new GetUserCommand({ UserName: user.name }))).User!.Tags ?? [];
    assert.equal(
      untagged.find((t) => t.Key === 'team'),
      undefined,
    );
    const role = account().iam.roles.find((r) => !r.serviceLinked)!;
    await iam.send(new TagRoleCommand({ RoleName: role.name, Tags: [{ Key: 'team', Value: 'ops' }] }));
    assert.equal(
      (await iam.send(new GetRoleCommand({ RoleName: role.name }))).Role!.Tags?.find((t) => t.Key === 'team')
        ?.Value,
      'ops',
    );
    assert.equal(
      (
        await errorOf(
          iam.send(new TagUserCommand({ UserName: 'nobody-here', Tags: [{ Key: 'a', Value: 'b' }] })),
        )
      ).name,
      'NoSuchEntityException',
    );
    iam.destroy();
  });
});
