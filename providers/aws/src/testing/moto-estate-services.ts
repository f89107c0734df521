import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  MOTO_ACCOUNT,
  estateTags as tags,
  tagList,
  type EstateContext,
  type EstateNetwork,
} from './moto-estate-context.ts';
import { zipOf } from '@escher/provider-api/contract';

/**
 * An IAM user with a console password, MFA and a key; a role; two KMS keys (one rotating); a
 * Lambda function (moto stores it without Docker); an EKS cluster; an ALB with two instance targets.
 */
export async function createServiceEstate(
  { config, region, created }: EstateContext,
  net: EstateNetwork,
): Promise<void> {
  const iam = new IAMClient(config);
  const userTags = tags('prod');
  await iam.send(
    new CreateUserCommand({
      UserName: 'moto-alice',
      Tags: tagList(userTags),
    }),
  );
  await iam.send(new CreateAccessKeyCommand({ UserName: 'moto-alice' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'moto-alice', Password: 'Moto-Password-1!' }));
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'moto-alice-mfa' }));
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: 'moto-alice',
      SerialNumber: mfa.VirtualMFADevice!.SerialNumber,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
  );
  created.resources.set(`arn:aws:iam::${MOTO_ACCOUNT}:user/moto-alice`, {
    type: 'iam.user',
    tags: userTags,
    attributes: { consoleAccess: true, mfaEnabled: true, activeAccessKeys: 1, accessKeyAgeDays: 0 },
  });
  const roleTags = tags('prod');
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: 'moto-app-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['lambda.amazonaws.com', 'eks.amazonaws.com'] },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
      Tags: tagList(roleTags),
    }),
  );
  const roleArn = role.Role!.Arn!;
  created.resources.set(roleArn, {
    type: 'iam.role',
    tags: roleTags,
    attributes: { trustedServices: ['lambda.amazonaws.com', 'eks.amazonaws.com'] },
  });

  const kms = new KMSClient(config);
  for (const rotate of [true, false]) {
    const key = await kms.send(
      new CreateKeyCommand({
        Description: `moto key rotating=${rotate}`,
        Tags: [
          { TagKey: 'env', TagValue: 'prod' },
          { TagKey: 'owner', TagValue: 'team-moto' },
        ],
      }),
    );
    if (rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyMetadata!.KeyId! }));
    created.resources.set(key.KeyMetadata!.Arn!, {
      type: 'security.key',
      state: 'available',
      tags: { env: 'prod', owner: 'team-moto' },
      attributes: { customerManaged: true, rotationEnabled: rotate },
    });
  }

  const lambda = new LambdaClient(config);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'moto-report',
      Runtime: 'python3.8',
      Role: roleArn,
      Handler: 'index.handler',
      Code: { ZipFile: zipOf('index.py', 'def handler(event, context):\n    return 1\n') },
      Tags: { env: 'dev', owner: 'team-moto' },
    }),
  );
  created.resources.set(`arn:aws:lambda:${region}:${MOTO_ACCOUNT}:function:moto-report`, {
    type: 'serverless.function',
    tags: { env: 'dev', owner: 'team-moto' },
    attributes: { runtime: 'python3.8', runtimeDeprecatedOn: '2024-10-14' },
  });

  const eks = new EKSClient(config);
  await eks.send(
    new CreateClusterCommand({
      name: 'moto-cluster',
      roleArn,
      resourcesVpcConfig: {
        subnetIds: net.subnetIds,
        securityGroupIds: [net.securityGroupId],
        endpointPublicAccess: true,
      },
      tags: { env: 'prod', owner: 'team-moto' },
    }),
  );
  created.resources.set(`arn:aws:eks:${region}:${MOTO_ACCOUNT}:cluster/moto-cluster`, {
    type: 'container.cluster',
    tags: { env: 'prod', owner: 'team-moto' },
    attributes: { endpointPublic: true },
  });

  const elb = new ElasticLoadBalancingV2Client(config);
  const lbTags = tags('prod');
  const lb = await elb.send(
    new CreateLoadBalancerCommand({
      Name: 'moto-web-alb',
      Subnets: net.subnetIds,
      SecurityGroups: [net.securityGroupId],
      Scheme: 'internet-facing',
      Type: 'application',
      Tags: tagList(lbTags),
    }),
  );
  const lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  const tg = await elb.send(
    new CreateTargetGroupCommand({
      Name: 'moto-web-tg',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: net.vpcId,
      TargetType: 'instance',
    }),
  );
  const targetGroupArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await elb.send(
    new RegisterTargetsCommand({
      TargetGroupArn: targetGroupArn,
      Targets: created.instanceIds.slice(0, 2).map((Id) => ({ Id, Port: 80 })),
    }),
  );
  // A target group serves a load balancer once a listener forwards to it.
  await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: lbArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  created.resources.set(lbArn, {
    type: 'network.loadbalancer',
    state: 'running',
    tags: lbTags,
    attributes: { public: true, targetCount: 2 },
  });
  for (const client of [iam, kms, lambda, eks, elb]) client.destroy();
}
