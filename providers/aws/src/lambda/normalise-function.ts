import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Resource } from '@escher/protocol';
import { ec2ArnOf, kmsKeyArn } from '../core/arn.ts';
import { rel, toResource } from '../core/resource.ts';
import type { RecordScope } from '../core/scope.ts';
import { normaliseState } from '../core/states.ts';
import { runtimeDeprecatedOn } from './runtimes.ts';

/**
 * A Lambda function as a `serverless.function`. `runtimeDeprecatedOn` is AWS's deprecation date
 * for its runtime and `runtimeDeprecated` whether that date has passed (`now`). ListFunctions
 * reports no State; a listed function is taken as `available` unless it says otherwise.
 */
export function normaliseFunction(
  fn: FunctionConfiguration,
  scope: RecordScope,
  tags: Record<string, string>,
  now: number,
): Resource {
  const { account, region } = scope;
  const name = fn.FunctionName ?? '';
  const deprecatedOn = runtimeDeprecatedOn(fn.Runtime);
  const vpc = fn.VpcConfig?.VpcId ? fn.VpcConfig : undefined;
  return toResource({
    arn: fn.FunctionArn ?? `arn:aws:lambda:${region}:${account}:function:${name}`,
    account,
    region,
    type: 'serverless.function',
    nativeType: 'AWS::Lambda::Function',
    name,
    state: fn.State ? normaliseState('function', fn.State) : 'available',
    tags,
    attributes: {
      nativeState: fn.State,
      runtime: fn.Runtime ?? (fn.PackageType === 'Image' ? 'container-image' : undefined),
      runtimeDeprecatedOn: deprecatedOn,
      runtimeDeprecated: deprecatedOn ? Date.parse(deprecatedOn) <= now : false,
      handler: fn.Handler,
      memoryMb: fn.MemorySize,
      timeoutSeconds: fn.Timeout,
      codeSizeBytes: fn.CodeSize,
      packageType: fn.PackageType,
      architectures: fn.Architectures,
      lastModified: fn.LastModified,
      roleArn: fn.Role,
      vpcId: vpc?.VpcId,
      description: fn.Description || undefined,
    },
    relationships: [
      rel('uses-role', fn.Role),
      rel('in-vpc', ec2ArnOf(region, account, 'vpc', vpc?.VpcId)),
      ...(vpc?.SubnetIds ?? []).map((s) => rel('in-subnet', ec2ArnOf(region, account, 'subnet', s))),
      ...(vpc?.SecurityGroupIds ?? []).map((g) =>
        rel('security-group', ec2ArnOf(region, account, 'security-group', g)),
      ),
      rel('uses-key', kmsKeyArn(region, account, fn.KMSKeyArn)),
    ],
  });
}
