import { CreateClusterCommand } from '@aws-sdk/client-eks';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand } from '@aws-sdk/client-kms';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { zipOf } from '@escher/provider-api/contract';
import type { AwsClients } from './clients.ts';
import type { Ec2Ids } from './seed-moto.ts';

const TAGS = [
  { Key: 'env', Value: 'prod' },
  { Key: 'owner', Value: 'team-differential' },
];

/** A bucket with everything configured (tags, encryption, public access block, versioning, policy, objects) and a bare one. */
export async function seedMotoS3(c: AwsClients): Promise<{ configured: string; bare: string }> {
  const configured = 'diff-logs-configured';
  const bare = 'diff-assets-bare';
  await c.s3.send(new CreateBucketCommand({ Bucket: configured }));
  await c.s3.send(new CreateBucketCommand({ Bucket: bare }));
  await c.s3.send(new PutBucketTaggingCommand({ Bucket: configured, Tagging: { TagSet: TAGS } }));
  await c.s3.send(
    new PutBucketEncryptionCommand({
      Bucket: configured,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true }],
      },
    }),
  );
  await c.s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: configured,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await c.s3.send(
    new PutBucketVersioningCommand({ Bucket: configured, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bare}/*` },
    ],
  };
  await c.s3.send(new PutBucketPolicyCommand({ Bucket: bare, Policy: JSON.stringify(policy) }));
  for (const key of ['logs/2026/11/01.log', 'logs/2026/11/02.log', 'README.txt']) {
    await c.s3.send(
      new PutObjectCommand({
        Bucket: configured,
        Key: key,
        Body: `contents of ${key}\n`,
        ContentType: 'text/plain',
      }),
    );
  }
  return { configured, bare };
}

export async function seedMotoRds(c: AwsClients, count = 4): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `diff-db-${i}`;
    await c.rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        Engine: i % 2 ? 'mysql' : 'postgres',
        DBInstanceClass: 'db.t3.medium',
        MasterUsername: 'app',
        MasterUserPassword: 'differential-pw-1',
        AllocatedStorage: 50,
        StorageEncrypted: i % 2 === 0,
        BackupRetentionPeriod: 7,
        PubliclyAccessible: i === 1,
        Tags: TAGS,
      }),
    );
    ids.push(id);
  }
  return ids;
}

const ASSUME_EC2 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: ['lambda.amazonaws.com', 'eks.amazonaws.com'] },
      Action: 'sts:AssumeRole',
    },
  ],
});

/** Two users with access keys (one with an MFA device), and two roles; returns the first role's ARN. */
export async function seedMotoIam(c: AwsClients): Promise<{ users: string[]; roleArn: string }> {
  const users = ['diff-alice', 'diff-bob'];
  for (const user of users) {
    await c.iam.send(new CreateUserCommand({ UserName: user, Tags: TAGS }));
    await c.iam.send(new CreateAccessKeyCommand({ UserName: user }));
  }
  const mfa = await c.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'diff-alice-mfa' }));
  await c.iam.send(
    new EnableMFADeviceCommand({
      UserName: users[0],
      SerialNumber: mfa.VirtualMFADevice!.SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  let roleArn = '';
  for (const role of ['diff-app-role', 'diff-cluster-role']) {
    const r = await c.iam.send(
      new CreateRoleCommand({
        RoleName: role,
        AssumeRolePolicyDocument: ASSUME_EC2,
        Description: role,
        Tags: TAGS,
      }),
    );
    roleArn ||= r.Role!.Arn!;
  }
  return { users, roleArn };
}

export async function seedMotoKms(c: AwsClients): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const key = await c.kms.send(
      new CreateKeyCommand({ Description: `diff key ${i}`, Tags: [{ TagKey: 'env', TagValue: 'prod' }] }),
    );
    ids.push(key.KeyMetadata!.KeyId!);
  }
  await c.kms.send(new EnableKeyRotationCommand({ KeyId: ids[0] }));
  return ids;
}

export async function seedMotoLambda(c: AwsClients, roleArn: string): Promise<string[]> {
  const names = ['diff-api-handler', 'diff-nightly-report'];
  for (const [i, name] of names.entries()) {
    await c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: i === 0 ? 'nodejs20.x' : 'python3.8',
        Role: roleArn,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf('index.js', 'exports.handler = async () => ({ ok: true });\n') },
        MemorySize: 256,
        Timeout: 30,
        Environment: { Variables: { STAGE: 'prod' } },
        Tags: { env: 'prod', owner: 'team-differential' },
      }),
    );
  }
  return names;
}

export async function seedMotoEks(c: AwsClients, roleArn: string, ec2: Ec2Ids): Promise<string> {
  const name = 'diff-cluster';
  await c.eks.send(
    new CreateClusterCommand({
      name,
      roleArn,
      version: '1.29',
      resourcesVpcConfig: {
        subnetIds: ec2.subnetIds,
        securityGroupIds: [ec2.securityGroupId],
        endpointPublicAccess: true,
      },
      tags: { env: 'prod' },
    }),
  );
  return name;
}

/** An internet-facing ALB with a listener and a target group holding two instances. */
export async function seedMotoElbv2(
  c: AwsClients,
  ec2: Ec2Ids,
): Promise<{ loadBalancerArn: string; targetGroupArn: string }> {
  const lb = await c.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'diff-web-alb',
      Subnets: ec2.subnetIds,
      SecurityGroups: [ec2.securityGroupId],
      Scheme: 'internet-facing',
      Type: 'application',
      Tags: TAGS,
    }),
  );
  const loadBalancerArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  const tg = await c.elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'diff-web-tg',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: ec2.vpcId,
      TargetType: 'instance',
      HealthCheckPath: '/health',
    }),
  );
  const targetGroupArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await c.elbv2.send(
    new RegisterTargetsCommand({
      TargetGroupArn: targetGroupArn,
      Targets: ec2.instanceIds.slice(0, 2).map((Id) => ({ Id, Port: 80 })),
    }),
  );
  await c.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  return { loadBalancerArn, targetGroupArn };
}
